/**
 * Writes the benchmark's typing traces, `bench/traces/<name>.json`, from the code in
 * `bench/sources/`. Deterministic (seeded): running it again gives the same files.
 *
 *   npm run compile && node out/bench/makeTraces.js
 *
 * The traces are synthesised from a typing model, not captured from a person. The model
 * follows published keystroke-timing findings for programmers (about 40–60 words per minute on
 * code, log-normally distributed inter-key intervals, slower keys around shifted symbols,
 * faster runs inside words, occasional typos fixed with backspace) plus the pauses that matter
 * to ghost text: a think after many line breaks and a few hesitations inside a line.
 *
 * A trace is `keys: [[t, text], …]`: at `t` ms after the start, `text` is typed at the cursor
 * (one character; `"\n"` plus the next line's indentation for Enter, as auto-indent would) or
 * `"\b"` deletes the character before the cursor. Typing always happens at the end of the text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface TraceSpec {
  name: string;
  languageId: string;
  source: string;
  seed: number;
}

const SPECS: TraceSpec[] = [
  { name: 'typescript', languageId: 'typescript', source: 'groupBy.ts.txt', seed: 11 },
  { name: 'python', languageId: 'python', source: 'parse_config.py.txt', seed: 23 },
  { name: 'go', languageId: 'go', source: 'countWords.go.txt', seed: 37 },
];

/** Inter-key timing, in ms. */
const TIMING = {
  medianGapMs: 150,
  sigma: 0.4,
  minGapMs: 45,
  maxGapMs: 550,
  inWordFactor: 0.8,
  shiftedSymbolFactor: 1.35,
  shiftedSymbols: '()[]{}<>:"_?!&|*+%^~@#$',
  /** Chance of a think after Enter, and its length. */
  lineThink: { chance: 0.45, minMs: 800, maxMs: 2600 },
  /** Chance of a hesitation before a new word inside a line, and its length. */
  wordHesitation: { chance: 0.025, minMs: 600, maxMs: 1400 },
  /** Chance per letter of hitting a neighbouring key, then noticing and deleting it. */
  typo: { chance: 0.012, noticeMinMs: 150, noticeMaxMs: 350 },
};

const NEIGHBOURS: Record<string, string> = {
  a: 's', b: 'v', c: 'x', d: 'f', e: 'r', f: 'g', g: 'h', h: 'j', i: 'o', j: 'k', k: 'l', l: 'k', m: 'n',
  n: 'm', o: 'p', p: 'o', q: 'w', r: 't', s: 'd', t: 'r', u: 'i', v: 'b', w: 'e', x: 'c', y: 'u', z: 'x',
};

/** mulberry32: a small seeded PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeTrace(spec: TraceSpec, text: string): Array<[number, string]> {
  const rand = random(spec.seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const between = (min: number, max: number): number => min + (max - min) * rand();
  const gap = (previous: string, next: string): number => {
    let ms = TIMING.medianGapMs * Math.exp(TIMING.sigma * normal());
    if (/\w/.test(previous) && /\w/.test(next)) ms *= TIMING.inWordFactor;
    if (TIMING.shiftedSymbols.includes(next) || TIMING.shiftedSymbols.includes(previous)) ms *= TIMING.shiftedSymbolFactor;
    return Math.min(TIMING.maxGapMs, Math.max(TIMING.minGapMs, ms));
  };

  const keys: Array<[number, string]> = [];
  let t = 0;
  let previous = '';
  const press = (ms: number, key: string): void => {
    t += ms;
    keys.push([Math.round(t), key]);
  };
  for (let i = 0; i < text.length; ) {
    const ch = text[i];
    if (ch === '\n') {
      let j = i + 1;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
      press(gap(previous, '\n'), text.slice(i, j));
      previous = '\n';
      i = j;
      if (rand() < TIMING.lineThink.chance) t += between(TIMING.lineThink.minMs, TIMING.lineThink.maxMs);
      continue;
    }
    let ms = gap(previous, ch);
    const startsWord = /\w/.test(ch) && !/\w/.test(previous) && previous !== '\n';
    if (startsWord && rand() < TIMING.wordHesitation.chance) ms += between(TIMING.wordHesitation.minMs, TIMING.wordHesitation.maxMs);
    if (NEIGHBOURS[ch] && rand() < TIMING.typo.chance) {
      press(ms, NEIGHBOURS[ch]);
      press(between(TIMING.typo.noticeMinMs, TIMING.typo.noticeMaxMs), '\b');
      ms = gap(previous, ch);
    }
    press(ms, ch);
    previous = ch;
    i++;
  }
  return keys;
}

function main(): void {
  const root = path.resolve(__dirname, '..', '..', 'bench');
  for (const spec of SPECS) {
    const text = fs.readFileSync(path.join(root, 'sources', spec.source), 'utf8');
    const keys = makeTrace(spec, text);
    const trace = { name: spec.name, languageId: spec.languageId, source: spec.source, seed: spec.seed, text, keys };
    const lines = keys.map((key) => '    ' + JSON.stringify(key)).join(',\n');
    const header = JSON.stringify({ ...trace, keys: undefined }, null, 2).replace(/\n}$/, '');
    fs.writeFileSync(path.join(root, 'traces', `${spec.name}.json`), `${header},\n  "keys": [\n${lines}\n  ]\n}\n`);
    const seconds = keys[keys.length - 1][0] / 1000;
    console.log(`${spec.name}: ${text.length} characters, ${keys.length} keys, ${seconds.toFixed(1)} s`);
  }
}

main();
