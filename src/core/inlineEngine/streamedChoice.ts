/**
 * One choice of a ghost-text request while it streams (`n` > 1 on explicit triggers): the text
 * received, what it shows, and what is remembered about it. Owned by liveCompletion.ts.
 */
import type { TokenLogprob } from '../client/completionTypes';
import type { StreamingPostprocessor } from '../inline/postprocess';

export interface StreamedChoice {
  /**
   * The text received, and what it shows line by line; made at the first piece (a request
   * aborted before its first token, a third of them while typing, prepares no post-processing).
   */
  stream: StreamingPostprocessor | undefined;
  logprobs: TokenLogprob[];
  /** This choice needs nothing more (see StreamingPostprocessor.enough). */
  enough: boolean;
  /** Memo of what the choice shows while incomplete: for how many complete lines, and the result. */
  memoLines: number;
  memo: string;
  /** Memo of what the choice shows once complete. */
  final: string | undefined;
  /** From the finished result: `length` shows only complete lines, `content_filter` nothing. */
  finishReason: string | null;
  /** Non-empty pieces and characters that arrived, kept or not (for the usage estimate of a stop). */
  pieces: number;
  chars: number;
}

/** A choice nothing has arrived for yet. */
export function newStreamedChoice(): StreamedChoice {
  return { stream: undefined, logprobs: [], enough: false, memoLines: -1, memo: '', final: undefined, finishReason: null, pieces: 0, chars: 0 };
}

/** The text received so far ('' before the first piece). */
export function receivedText(choice: StreamedChoice): string {
  return choice.stream?.text ?? '';
}
