/**
 * The benchmarks' view of the engine's profiler (EngineProfiler): the synchronous sections it
 * records, summed per request and per call. Shared by the trace replay (inlineEngine.bench.ts)
 * and the request-cycle micro-benchmark (requestCycle.bench.ts), so both count the same way.
 */
export interface ProfileSample {
  phase: 'call' | 'send' | 'delta' | 'end';
  ms: number;
  callId?: number;
  requestId?: number;
}

/**
 * Per request: the call that sent it (all its synchronous sections: planning, cache look-up,
 * building the request, picking the first line), every streamed piece and the end. The engine
 * leaves out the time inside the HTTP client (`send`: opening, and closing on abort), reported
 * apart. Per call: its sections.
 */
export interface RequestParts {
  call: number;
  /** The sending call's sections in order (keystroke, after the debounce, serving…), ms. */
  callSections: number[];
  deltas: number;
  deltaMs: number;
  end: number;
}

export function overheads(samples: ProfileSample[]): {
  perRequest: number[];
  perCall: number[];
  send: number[];
  byRequest: Map<number, number>;
  parts: Map<number, RequestParts>;
} {
  const parts = new Map<number, RequestParts>();
  const partsOf = (id: number): RequestParts => {
    let entry = parts.get(id);
    if (!entry) parts.set(id, (entry = { call: 0, callSections: [], deltas: 0, deltaMs: 0, end: 0 }));
    return entry;
  };
  const perCall = new Map<number, number>();
  const sectionsOf = new Map<number, number[]>();
  const perRequest = new Map<number, number>();
  const sentBy = new Map<number, number>();
  const send: number[] = [];
  for (const sample of samples) {
    if (sample.phase === 'send') {
      send.push(sample.ms);
      continue;
    }
    if (sample.callId !== undefined) {
      perCall.set(sample.callId, (perCall.get(sample.callId) ?? 0) + sample.ms);
      const sections = sectionsOf.get(sample.callId);
      if (sections) sections.push(sample.ms);
      else sectionsOf.set(sample.callId, [sample.ms]);
    }
    if (sample.callId !== undefined && sample.requestId !== undefined) sentBy.set(sample.requestId, sample.callId);
    else if (sample.requestId !== undefined) {
      perRequest.set(sample.requestId, (perRequest.get(sample.requestId) ?? 0) + sample.ms);
      const entry = partsOf(sample.requestId);
      if (sample.phase === 'delta') {
        entry.deltas++;
        entry.deltaMs += sample.ms;
      } else entry.end += sample.ms;
    }
  }
  for (const [requestId, callId] of sentBy) {
    perRequest.set(requestId, (perRequest.get(requestId) ?? 0) + (perCall.get(callId) ?? 0));
    partsOf(requestId).call = perCall.get(callId) ?? 0;
    partsOf(requestId).callSections = sectionsOf.get(callId) ?? [];
  }
  return { perRequest: [...perRequest.values()], perCall: [...perCall.values()], send, byRequest: perRequest, parts };
}
