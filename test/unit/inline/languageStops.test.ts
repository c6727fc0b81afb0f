import * as assert from 'assert';
import fc from 'fast-check';
import { allStops, LANGUAGE_STOPS, languageStops, mergeStops } from '../../../src/core/inline/languageStops';

describe('languageStops', () => {
  it('single-line mode stops at the newline in every language', () => {
    for (const id of ['python', 'typescript', 'go', 'unknown-language']) {
      assert.deepStrictEqual(languageStops(id, 'singleLine'), ['\n']);
    }
  });

  it('multi-line Python stops at top-level definitions', () => {
    const stops = languageStops('python', 'multiLine');
    for (const stop of ['\ndef ', '\nclass ', '\nif __name__']) assert.ok(stops.includes(stop), stop);
  });

  it('multi-line JavaScript / TypeScript (and their React flavours) stop at top-level declarations', () => {
    for (const id of ['javascript', 'javascriptreact', 'typescript', 'typescriptreact']) {
      const stops = languageStops(id, 'multiLine');
      assert.ok(stops.includes('\nfunction ') && stops.includes('\nexport '), id);
    }
  });

  it('multi-line Go stops at func and type', () => {
    const stops = languageStops('go', 'multiLine');
    assert.ok(stops.includes('\nfunc ') && stops.includes('\ntype '));
  });

  it('an unknown language has no multi-line stops; a prototype key is not a language', () => {
    assert.deepStrictEqual(languageStops('cobol', 'multiLine'), []);
    assert.deepStrictEqual(languageStops('constructor', 'multiLine'), []);
  });

  it('every language stop is a line start', () => {
    for (const [id, stops] of Object.entries(LANGUAGE_STOPS)) {
      for (const stop of stops) assert.ok(stop.startsWith('\n') && stop.length > 1, `${id}: ${JSON.stringify(stop)}`);
    }
  });

  describe('mergeStops', () => {
    it('keeps argument order (mode, template, user, language) and caps at 4', () => {
      const merged = mergeStops([], ['<|endoftext|>', '<|file_sep|>'], ['END'], ['\ndef ', '\nclass ', '\n@']);
      assert.deepStrictEqual(merged, ['<|endoftext|>', '<|file_sep|>', 'END', '\ndef ']);
    });

    it('the mode stop always survives, and makes newline-based stops redundant', () => {
      const merged = mergeStops(['\n'], ['<|endoftext|>', '<|file_sep|>', '<|fim_pad|>', '<|repo_name|>'], [], ['\ndef ']);
      assert.deepStrictEqual(merged, ['\n', '<|endoftext|>', '<|file_sep|>', '<|fim_pad|>']);
      assert.deepStrictEqual(mergeStops(['\n'], [], ['\n\n'], ['\nfunction ']), ['\n']);
    });

    it('drops duplicates and empty strings, tolerates missing lists', () => {
      assert.deepStrictEqual(mergeStops(['a', ''], undefined, ['a', 'b'], ['b', 'c']), ['a', 'b', 'c']);
      assert.deepStrictEqual(mergeStops(), []);
    });

    it('a later stop contained in an earlier one takes the earlier one’s place', () => {
      assert.deepStrictEqual(allStops(['x', '\n\n', 'y', '\n\nz'], ['\n']), ['x', '\n', 'y']);
    });

    it('allStops is not capped (post-processing cuts at all of them)', () => {
      const all = allStops(['<EOT>', '</s>', '<PRE>', '<SUF>', '<MID>'], ['\nfunction ']);
      assert.strictEqual(all.length, 6);
      assert.strictEqual(mergeStops(['<EOT>', '</s>', '<PRE>', '<SUF>', '<MID>'], ['\nfunction ']).length, 4);
    });

    it('property: ≤ 4, distinct, drawn from the inputs, no stop inside another, first stop kept', () => {
      const stopArb = fc.array(fc.constantFrom<string>('\n', '\n\n', '\ndef ', 'a', 'ab', 'b', '', '<EOT>', '</s>'), { maxLength: 6 });
      fc.assert(
        fc.property(fc.array(stopArb, { maxLength: 4 }), (lists) => {
          const merged = mergeStops(...lists);
          const inputs = lists.flat().filter((s) => s !== '');
          assert.ok(merged.length <= 4);
          assert.strictEqual(new Set(merged).size, merged.length);
          for (const stop of merged) assert.ok(inputs.includes(stop));
          for (const a of merged) for (const b of merged) if (a !== b) assert.ok(!a.includes(b), `${a} ⊃ ${b}`);
          // Every input stop is covered by (contains) some stop of the uncapped list.
          const all = allStops(...lists);
          for (const stop of inputs) assert.ok(all.some((kept) => stop.includes(kept)), JSON.stringify(stop));
        }),
      );
    });
  });
});
