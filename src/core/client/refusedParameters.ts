/**
 * Parameters a real server refuses (see the fact sheet in the README's "Servers" section), how
 * to recognise the refusal from its 400/422 body, and how to send the request without them.
 *
 *   suffix          vLLM / TGI / llama.cpp ≤ b7089 / Ollama without `insert` / OpenAI chat-era models
 *   n > 1           llama.cpp ≤ b7311 ("Only one completion choice is allowed"), n above `--parallel`, vLLM with temperature 0
 *   logprobs > max  vLLM ("… greater than max allowed: 20"), OpenAI (max 5)
 *   top_p: 0 / 1    vLLM (0), TGI (0 and 1)
 *   stream_options  servers that do not know it ("Unrecognized request argument supplied: stream_options")
 *   any other field "Unrecognized request argument supplied: <name>" (OpenAI), "Unsupported param: <name>" (old llama.cpp)
 */
import type { ApiError } from './apiError';

/** One way to send less: drop a field, or cap a number. */
export type WireDegrade =
  | { kind: 'drop'; field: string }
  | { kind: 'cap'; field: 'n' | 'logprobs'; max: number };

/** A stable name, for the memory and the log ("drop suffix", "cap logprobs at 20"). */
export function degradeName(degrade: WireDegrade): string {
  return degrade.kind === 'drop' ? `drop ${degrade.field}` : `cap ${degrade.field} at ${degrade.max}`;
}

/** Applies the degrades to a wire body (a copy). */
export function applyDegrades(wire: Record<string, unknown>, degrades: readonly WireDegrade[]): Record<string, unknown> {
  if (degrades.length === 0) return wire;
  const out = { ...wire };
  for (const degrade of degrades) {
    if (degrade.kind === 'drop') delete out[degrade.field];
    else if (typeof out[degrade.field] === 'number' && (out[degrade.field] as number) > degrade.max) out[degrade.field] = degrade.max;
  }
  // A request that lost its suffix and asked for n > 1 does not need anything else to change.
  return out;
}

const REFUSAL_KINDS = new Set(['badRequest']);

/**
 * The parameter a refused request names, as a degrade that changes what was sent, or undefined
 * when the refusal is not about one parameter we can do without (a bad model, a too-long prompt…).
 */
export function degradeForRefusal(error: ApiError, wire: Record<string, unknown>): WireDegrade | undefined {
  if (!REFUSAL_KINDS.has(error.kind)) return undefined;
  const said = [error.serverMessage, error.serverType, error.serverCode].filter(Boolean).join(' ');
  if (!said) return undefined;
  const has = (field: string): boolean => wire[field] !== undefined;

  const unknownField = /(?:Unrecognized request argument supplied|Unsupported param(?:eter)?|Unknown (?:parameter|field)|Extra inputs are not permitted)\W+([a-z_]+)/i.exec(said);
  if (unknownField && has(unknownField[1]) && unknownField[1] !== 'model' && unknownField[1] !== 'prompt') {
    return { kind: 'drop', field: unknownField[1] };
  }
  if (has('suffix') && (/\bsuffix\b/i.test(said) || /does not support insert/i.test(said))) return { kind: 'drop', field: 'suffix' };
  if (has('stream_options') && /stream[_ ]options/i.test(said)) return { kind: 'drop', field: 'stream_options' };
  if (typeof wire.logprobs === 'number' && /logprobs/i.test(said)) {
    const max = /max(?:imum)?(?: allowed)?\W+(\d+)/i.exec(said);
    const cap = max ? Number(max[1]) : NaN;
    return Number.isFinite(cap) && cap >= 0 && cap < (wire.logprobs as number) ? { kind: 'cap', field: 'logprobs', max: cap } : { kind: 'drop', field: 'logprobs' };
  }
  if (typeof wire.n === 'number' && wire.n > 1 && /Field 'n'|['`"]n['`"]|\bn must\b|\bn\b (?:is |should be |cannot be )?(?:between|greater|less|above|at most|only)|completion choice|best_of|greedy/i.test(said)) {
    const range = /<=\s*value\s*<=\s*(\d+)/.exec(said);
    const cap = range ? Number(range[1]) : 1;
    return { kind: 'cap', field: 'n', max: cap >= 1 && cap < (wire.n as number) ? cap : 1 };
  }
  if (has('top_p') && /top_p/i.test(said)) return { kind: 'drop', field: 'top_p' };
  return undefined;
}

/**
 * What each server (origin) refused for each model this session, so the refusal costs one
 * round trip once, not on every keystroke. Bounded; forgotten when the extension restarts.
 */
export class RefusedParameterMemory {
  private readonly entries = new Map<string, WireDegrade[]>();

  constructor(private readonly maxEntries = 64) {}

  private static key(origin: string, model: string): string {
    return `${origin}\u0000${model}`;
  }

  /** The degrades remembered for this server and model. */
  for(origin: string, model: string): readonly WireDegrade[] {
    return this.entries.get(RefusedParameterMemory.key(origin, model)) ?? [];
  }

  /** Remembers a degrade; false when it was already known (nothing new to try). */
  remember(origin: string, model: string, degrade: WireDegrade): boolean {
    const key = RefusedParameterMemory.key(origin, model);
    const list = this.entries.get(key) ?? [];
    const name = degradeName(degrade);
    if (list.some((known) => degradeName(known) === name)) return false;
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    // A tighter cap replaces a looser one of the same field.
    const kept = list.filter((known) => !(degrade.kind === 'cap' && known.kind === 'cap' && known.field === degrade.field));
    this.entries.set(key, [...kept, degrade]);
    return true;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The session's memory, shared by every request unless a caller brings its own (or none). */
export const SESSION_REFUSED_PARAMETERS = new RefusedParameterMemory();
