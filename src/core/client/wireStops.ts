/**
 * The one place the API's limit of 4 stop sequences is applied. Callers pass their stops in
 * priority order; the first {@link MAX_WIRE_STOPS} non-empty ones are sent, the rest reported
 * so they can be logged (post-processing may still cut at them).
 */

/** The `/completions` route accepts at most this many stop sequences (OpenAI, CometAPI, TGI). */
export const MAX_WIRE_STOPS = 4;

export interface FittedStops {
  /** What goes into the request's `stop`, at most {@link MAX_WIRE_STOPS}. */
  sent: string[];
  /** Non-empty stops that did not fit, in the order given. */
  left: string[];
}

/** Splits priority-ordered stops into the ones sent and the ones left out (empty strings dropped). */
export function fitWireStops(stops: readonly string[] | undefined): FittedStops {
  const usable = (stops ?? []).filter((s) => typeof s === 'string' && s.length > 0);
  return { sent: usable.slice(0, MAX_WIRE_STOPS), left: usable.slice(MAX_WIRE_STOPS) };
}
