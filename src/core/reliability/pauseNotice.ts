/**
 * What the user is told when ghost text pauses itself ({@link FailureBreaker}): the status bar
 * text, the one notification, and the buttons that fix the cause. Built only from the ApiError's
 * message, which never contains the API key.
 */
import type { ApiError } from '../client/apiError';
import { formatWait } from '../client/httpErrorMapper';
import type { BreakerTrip } from './failureBreaker';

export type PauseAction = 'Set API Key' | 'Open Settings' | 'Show Log';

/** 14:05 in local time (24-hour clock). */
export function formatClock(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

function why(trip: BreakerTrip): string {
  return trip.cause === 'immediate' ? '' : ` after ${trip.failures} failed request${trip.failures === 1 ? '' : 's'} in a row`;
}

/** For the status bar (its error text): why, and until when. */
export function pauseStatusText(trip: BreakerTrip): string {
  return `Ghost text paused until ${formatClock(trip.until)}${why(trip)}: ${trip.error.message}`;
}

/** The notification shown once per pause streak. */
export function pauseNotificationText(trip: BreakerTrip): string {
  return (
    `Comet Complete: ghost text is paused for ${formatWait(trip.pauseMs)} (until ${formatClock(trip.until)})${why(trip)}. ` +
    `${trip.error.message} It resumes by itself, or as soon as you change the settings or the API key.`
  );
}

/** The buttons that fix it, most likely fix first; "Show Log" always. */
export function pauseActions(error: ApiError): PauseAction[] {
  if (error.kind === 'auth') return ['Set API Key', 'Open Settings', 'Show Log'];
  if (error.modelProblem === 'chatReply') return ['Open Settings', 'Show Log']; // pick another model; the key is fine
  if (error.kind === 'rateLimited' || error.kind === 'server') return ['Show Log', 'Open Settings'];
  return ['Open Settings', 'Set API Key', 'Show Log'];
}
