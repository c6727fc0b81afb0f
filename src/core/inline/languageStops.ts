/**
 * Stop sequences: per-language ones for multi-line suggestions, and {@link mergeStops}, which
 * fits every source into the API's limit of 4.
 *
 * Priority — callers pass the lists to `mergeStops` in this order, and when there are more
 * than 4 distinct stops the later ones are dropped (post-processing still cuts at all of
 * them, see `postprocess/cutAtStops.ts`, so a dropped stop only costs tokens, never shows):
 *   1. mode stop (`'\n'` for single-line): it defines the shape of the whole request;
 *      without it a "single-line" request runs on for max_tokens.
 *   2. the FIM template's end token (its first stop: `<|endoftext|>`, `<EOT>`…): without it a
 *      model that finished the hole keeps writing the next file.
 *   3. user stops (setting `stop`, at most 4): the user's explicit wish; they come before the
 *      template's other control tokens, which only catch a model echoing its own format
 *      (post-processing cuts at those anyway).
 *   4. the template's other stops (`<|file_sep|>`, `<PRE>`…).
 *   5. language stops (`\ndef `, `\nfunction `…): heuristics to end a block early; the
 *      block-scope filter catches the same cases after the fact.
 * What does not fit is named in the request (`stopsLeftOut`) and so in the request log.
 * A stop that contains an earlier stop is dropped as redundant (generation would always halt
 * at the earlier one first), so with `'\n'` present no other multi-line stop wastes a slot.
 */
import type { CompletionMode } from './completionMode';
import { fitWireStops } from '../client/wireStops';

const PYTHON = ['\ndef ', '\nclass ', '\nif __name__', '\n@'];
const JAVASCRIPT = ['\nfunction ', '\nexport ', '\nclass ', '\nimport '];
const TYPESCRIPT = ['\nfunction ', '\nexport ', '\nclass ', '\ninterface ', '\ntype ', '\nimport '];
const GO = ['\nfunc ', '\ntype ', '\nvar ', '\nconst '];
const RUST = ['\nfn ', '\npub ', '\nimpl ', '\n#['];
const C_LIKE = ['\n#include', '\n#define', '\n#if', '\nstatic '];
const JAVA_LIKE = ['\npublic ', '\nprivate ', '\nprotected ', '\n@'];
const RUBY = ['\ndef ', '\nclass ', '\nmodule ', '\nend'];
const PHP = ['\nfunction ', '\nclass ', '\nnamespace ', '\nuse '];
const SHELL = ['\nfunction ', '\n#!'];

/** Multi-line stop sequences by VS Code language id, most useful first. */
export const LANGUAGE_STOPS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  python: PYTHON,
  javascript: JAVASCRIPT,
  javascriptreact: JAVASCRIPT,
  typescript: TYPESCRIPT,
  typescriptreact: TYPESCRIPT,
  go: GO,
  rust: RUST,
  c: C_LIKE,
  cpp: C_LIKE,
  java: JAVA_LIKE,
  csharp: JAVA_LIKE,
  kotlin: ['\nfun ', '\nclass ', '\nobject ', '\n@'],
  ruby: RUBY,
  php: PHP,
  shellscript: SHELL,
});

/** The stop every single-line request carries. */
export const SINGLE_LINE_STOPS: readonly string[] = Object.freeze(['\n']);

/** Stops for a language in a mode: `['\n']` for single-line, the language's table (or none) for multi-line. */
export function languageStops(languageId: string, mode: CompletionMode): readonly string[] {
  if (mode === 'singleLine') return SINGLE_LINE_STOPS;
  return Object.prototype.hasOwnProperty.call(LANGUAGE_STOPS, languageId) ? LANGUAGE_STOPS[languageId] : [];
}

/**
 * Every distinct, non-empty stop from `lists`, in argument order, without stops that contain
 * an earlier kept stop. {@link mergeStops} caps this at 4; post-processing uses the uncapped list.
 */
export function allStops(...lists: ReadonlyArray<readonly string[] | undefined>): string[] {
  const kept: string[] = [];
  for (const list of lists) {
    for (const stop of list ?? []) {
      if (typeof stop !== 'string' || stop === '') continue;
      if (kept.some((earlier) => stop.includes(earlier))) continue; // duplicate or redundant
      // A new stop contained in earlier ones makes them redundant: it takes the place of the
      // first of them (keeping that priority) and the others go.
      const covered = kept.findIndex((earlier) => earlier.includes(stop));
      if (covered < 0) {
        kept.push(stop);
        continue;
      }
      kept[covered] = stop;
      for (let i = kept.length - 1; i > covered; i--) if (kept[i].includes(stop)) kept.splice(i, 1);
    }
  }
  return kept;
}

/**
 * The stops to send: {@link allStops} of the lists (pass them in priority order: mode,
 * template, user, language), at most 4 (the API limit, `client/wireStops.ts`).
 */
export function mergeStops(...lists: ReadonlyArray<readonly string[] | undefined>): string[] {
  return fitWireStops(allStops(...lists)).sent;
}
