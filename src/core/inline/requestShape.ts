/**
 * The half of a ghost-text request that does not depend on the text: the merged limits, the
 * prompt strategy and its context format (with what the format's own tokens cost), the stops
 * of each mode, `logprobs`, and the settings' cache fingerprint. They follow from the settings,
 * the language, the server, the indentation and the workspace context's signature, which
 * hardly ever change between two requests (a few combinations at most: one per language of
 * the open editors), so each combination is worked out once and remembered
 * ({@link RequestShapes}); a request then only does the text's half (inlineRequestBuilder.ts).
 *
 * A shape is remembered under the list of values it was made from, compared one by one: equal
 * lists make equal shapes, so a remembered shape is never a wrong one. Shapes are shared by
 * the requests made with them and never changed.
 */
import { fitWireStops, FittedStops } from '../client/wireStops';
import { contextFormatFor, ContextFormat, ContextMeta } from '../context/contextFormats';
import type { ContextSourceSwitches } from '../context/contextTypes';
import { formatCost, FormatCost } from '../context/promptBudget';
import type { ServerKind } from '../connection/serverKind';
import { stableFingerprint } from './completionCacheKey';
import type { CompletionMode } from './completionMode';
import { FimSetting, PromptStrategy, promptStrategyName, resolvePromptStrategy } from './fimTemplates';
import { INLINE_DEFAULTS } from './inlineDefaults';
import type { InlineRequestConfig } from './inlineRequestBuilder';
import { allStops, languageStops } from './languageStops';
import type { IndentStyle } from './postprocess/postprocessContext';

/** What a shape is made from: the request's inputs apart from the text and the cursor. */
export interface ShapeInput {
  model: string;
  languageId: string;
  fimSetting: FimSetting;
  useSuffixParam: boolean;
  serverKind?: ServerKind;
  userStops: readonly string[];
  indent?: IndentStyle;
  /** The workspace context's signature ('' without one). */
  contextSignature?: string;
  contextSources?: ContextSourceSwitches;
}

/** A mode's stops, in priority order (see languageStops.ts). */
export interface ModeStops {
  /** Everything before the block exit's place: the mode's, the template's end token, the user's, the template's others. */
  leading: ReadonlyArray<readonly string[]>;
  language: readonly string[];
  /** All of them merged: what post-processing cuts at. */
  all: readonly string[];
  /** What goes on the wire when no block exit joins them. */
  wire: Readonly<FittedStops>;
}

export interface RequestShape {
  config: Readonly<InlineRequestConfig>;
  strategy: PromptStrategy;
  /** `'template:qwen'`, `'suffixParam'` or `'prefixOnly'`, for logs. */
  strategyName: string;
  format: ContextFormat;
  cost: FormatCost;
  indent: IndentStyle;
  /** `logprobs` for the body (null: not sent). */
  logprobs: number | null;
  lowConfidenceThreshold: number | null;
  cacheFingerprint: string;
  /** The stops of a mode whose own stops are `additions` (`['\n']` single-line, none multi-line). */
  stops(mode: CompletionMode, additions: readonly string[]): ModeStops;
}

/** Marks a config value the caller did not give (the default applies). */
const ABSENT = Symbol('absent');

/** The values a shape is made from, in a fixed order. */
function shapeKey(input: ShapeInput, defaults: Readonly<InlineRequestConfig>, overrides: Partial<InlineRequestConfig>): unknown[] {
  const sources = input.contextSources;
  const key: unknown[] = [
    input.model,
    input.languageId,
    input.fimSetting,
    input.useSuffixParam,
    input.serverKind,
    input.indent?.insertSpaces,
    input.indent?.tabSize,
    input.contextSignature ?? '',
    sources === undefined,
    sources?.definitions,
    sources?.recentFiles,
    sources?.openEditors,
    input.userStops.length,
  ];
  for (const stop of input.userStops) key.push(stop);
  const own = overrides as Record<string, unknown>;
  for (const name of configNames(defaults)) key.push(Object.prototype.hasOwnProperty.call(own, name) ? own[name] : ABSENT);
  return key;
}

/** The names of a defaults object, listed once per object (not walked with `for…in` on every request). */
const NAMES = new WeakMap<object, readonly string[]>();

function configNames(defaults: Readonly<InlineRequestConfig>): readonly string[] {
  let names = NAMES.get(defaults);
  if (!names) NAMES.set(defaults, (names = Object.keys(defaults)));
  return names;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function makeShape(input: ShapeInput, defaults: Readonly<InlineRequestConfig>, overrides: Partial<InlineRequestConfig>): RequestShape {
  const config: InlineRequestConfig = { ...defaults, ...overrides };
  const strategy = resolvePromptStrategy(input.fimSetting, input.model, input.useSuffixParam, input.serverKind);
  const strategyName = promptStrategyName(strategy);
  const format = contextFormatFor(strategy);
  // Without context a format uses no meta but the language (comment syntax).
  const meta: ContextMeta = { repoName: '', currentPath: '', languageId: input.languageId };
  const indent = input.indent ?? { insertSpaces: INLINE_DEFAULTS.indentInsertSpaces, tabSize: INLINE_DEFAULTS.indentTabSize };
  const threshold = config.lowConfidenceThreshold;
  const logprobs = threshold !== null ? Math.max(1, config.logprobs ?? 0) : config.logprobs;
  const userStops = [...input.userStops];
  const templateStops = strategy.kind === 'template' ? strategy.template.stops : [];
  const byMode = new Map<CompletionMode, ModeStops>();
  return {
    config,
    strategy,
    strategyName,
    format,
    cost: formatCost(format, meta),
    indent,
    logprobs,
    lowConfidenceThreshold: threshold,
    cacheFingerprint: stableFingerprint({
      model: input.model,
      languageId: input.languageId,
      strategy: strategyName,
      userStops,
      indent,
      config: { ...config, logprobs },
      context: input.contextSignature ?? '',
      sources: input.contextSources ?? null,
    }),
    stops(mode, additions) {
      const known = byMode.get(mode);
      if (known) return known;
      const leading = [additions, templateStops.slice(0, 1), userStops, templateStops.slice(1)];
      const language = languageStops(input.languageId, mode);
      const all = allStops(...leading, language);
      const made: ModeStops = { leading, language, all, wire: fitWireStops(all) };
      byMode.set(mode, made);
      return made;
    },
  };
}

/**
 * A remembered shape, under the values it was made from (`key`) or, when the caller named its
 * inputs with an id ({@link RequestShapes.of}), under that id and the server kind.
 */
interface Remembered {
  key: unknown[] | undefined;
  id: string | undefined;
  serverKind: ServerKind | undefined;
  shape: RequestShape;
}

/** The last few shapes made, most recently used first. */
export class RequestShapes {
  private readonly remembered: Remembered[] = [];

  /** `capacity`: how many shapes to remember (at least 1). */
  constructor(private readonly capacity = 8) {}

  /**
   * The shape remembered under the settings fingerprint `id` for `serverKind`, if any: what
   * {@link of} with that id returns without its inputs being gathered (most requests).
   */
  known(id: string, serverKind: ServerKind | undefined): RequestShape | undefined {
    for (let i = 0; i < this.remembered.length; i++) {
      if (this.remembered[i].id === id && this.remembered[i].serverKind === serverKind) return this.used(i);
    }
    return undefined;
  }

  /**
   * The shape for these inputs. `id`, when given, must name every input but the server kind (the
   * engine's settings fingerprint does, engineRequest.ts, and is checked on every keystroke
   * anyway): the shape is then found by one string instead of twenty-odd values, which a
   * request pays for cold (see bench/requestCycle.bench.ts). Without it, value by value.
   */
  of(input: ShapeInput, defaults: Readonly<InlineRequestConfig>, overrides: Partial<InlineRequestConfig>, id?: string): RequestShape {
    let key: unknown[] | undefined;
    if (id !== undefined) {
      const known = this.known(id, input.serverKind);
      if (known) return known;
    } else {
      key = shapeKey(input, defaults, overrides);
      for (let i = 0; i < this.remembered.length; i++) {
        const other = this.remembered[i].key;
        if (other !== undefined && sameValues(key, other)) return this.used(i);
      }
    }
    const shape = makeShape(input, defaults, overrides);
    this.remembered.unshift({ key, id, serverKind: input.serverKind, shape });
    if (this.remembered.length > Math.max(1, this.capacity)) this.remembered.pop();
    return shape;
  }

  /** The shape remembered at `index`, made the most recently used. */
  private used(index: number): RequestShape {
    const entry = this.remembered[index];
    if (index > 0) {
      this.remembered.splice(index, 1);
      this.remembered.unshift(entry);
    }
    return entry.shape;
  }
}
