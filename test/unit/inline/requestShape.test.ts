import * as assert from 'assert';
import { DEFAULT_INLINE_REQUEST_CONFIG } from '../../../src/core/inline/inlineRequestBuilder';
import { RequestShapes, ShapeInput } from '../../../src/core/inline/requestShape';

const input = (more: Partial<ShapeInput> = {}): ShapeInput => ({
  model: 'qwen2.5-coder:7b-base',
  languageId: 'typescript',
  fimSetting: 'auto',
  useSuffixParam: false,
  serverKind: 'llama.cpp',
  userStops: [],
  ...more,
});

describe('RequestShapes: the text-independent half of a request, remembered', () => {
  it('equal values give the same shape, even from new objects (settings are read anew on every keystroke)', () => {
    const shapes = new RequestShapes();
    const a = shapes.of(input({ userStops: ['// end'], indent: { insertSpaces: true, tabSize: 2 } }), DEFAULT_INLINE_REQUEST_CONFIG, { temperature: 0.3 });
    const b = shapes.of(input({ userStops: ['// end'], indent: { insertSpaces: true, tabSize: 2 } }), DEFAULT_INLINE_REQUEST_CONFIG, { temperature: 0.3 });
    assert.strictEqual(b, a);
    assert.strictEqual(a.config.temperature, 0.3);
    assert.strictEqual(a.strategyName, 'template:qwen');
  });

  it('any value that shapes the request makes another shape, with another cache fingerprint', () => {
    const shapes = new RequestShapes(32);
    const base = shapes.of(input(), DEFAULT_INLINE_REQUEST_CONFIG, {});
    const variants = [
      shapes.of(input({ model: 'gpt-3.5-turbo-instruct' }), DEFAULT_INLINE_REQUEST_CONFIG, {}),
      shapes.of(input({ languageId: 'python' }), DEFAULT_INLINE_REQUEST_CONFIG, {}),
      shapes.of(input({ userStops: ['a', 'b'] }), DEFAULT_INLINE_REQUEST_CONFIG, {}),
      shapes.of(input({ userStops: ['ab'] }), DEFAULT_INLINE_REQUEST_CONFIG, {}),
      shapes.of(input({ indent: { insertSpaces: false, tabSize: 4 } }), DEFAULT_INLINE_REQUEST_CONFIG, {}),
      shapes.of(input({ contextSignature: 'w1' }), DEFAULT_INLINE_REQUEST_CONFIG, {}),
      shapes.of(input({ contextSources: { definitions: false, recentFiles: true, openEditors: true } }), DEFAULT_INLINE_REQUEST_CONFIG, {}),
      shapes.of(input(), DEFAULT_INLINE_REQUEST_CONFIG, { maxPromptChars: 100 }),
      shapes.of(input(), DEFAULT_INLINE_REQUEST_CONFIG, { lowConfidenceThreshold: -1 }),
    ];
    for (const shape of variants) {
      assert.notStrictEqual(shape, base);
      assert.notStrictEqual(shape.cacheFingerprint, base.cacheFingerprint);
    }
    // The server kind changes the strategy here (Ollama takes the API's suffix).
    const ollama = shapes.of(input({ serverKind: 'ollama' }), DEFAULT_INLINE_REQUEST_CONFIG, {});
    assert.strictEqual(ollama.strategyName, 'suffixParam');
    assert.strictEqual(shapes.of(input(), DEFAULT_INLINE_REQUEST_CONFIG, {}), base, 'still remembered');
  });

  it('a limit given equal to its default is the same request, but a shape of its own is harmless', () => {
    const shapes = new RequestShapes();
    const absent = shapes.of(input(), DEFAULT_INLINE_REQUEST_CONFIG, {});
    const given = shapes.of(input(), DEFAULT_INLINE_REQUEST_CONFIG, { temperature: DEFAULT_INLINE_REQUEST_CONFIG.temperature });
    assert.strictEqual(given.cacheFingerprint, absent.cacheFingerprint);
    assert.deepStrictEqual(given.config, absent.config);
  });

  it('known(id, server kind): the shape made under that fingerprint for that kind, nothing before it is made or for another kind', () => {
    const shapes = new RequestShapes(2);
    assert.strictEqual(shapes.known('f1', 'llama.cpp'), undefined);
    const a = shapes.of(input(), DEFAULT_INLINE_REQUEST_CONFIG, {}, 'f1');
    assert.strictEqual(shapes.known('f1', 'llama.cpp'), a);
    assert.strictEqual(shapes.known('f1', 'ollama'), undefined, 'a newly learned server kind is another shape');
    assert.strictEqual(shapes.known('f2', 'llama.cpp'), undefined);
    // Made by values (no id): not known by any fingerprint.
    shapes.of(input({ languageId: 'python' }), DEFAULT_INLINE_REQUEST_CONFIG, {});
    assert.strictEqual(shapes.known('f1', 'llama.cpp'), a, 'known() counts as a use: f1 stays');
    shapes.of(input({ languageId: 'go' }), DEFAULT_INLINE_REQUEST_CONFIG, {}, 'f3'); // the python shape goes
    assert.strictEqual(shapes.known('f1', 'llama.cpp'), a);
    shapes.of(input({ languageId: 'rust' }), DEFAULT_INLINE_REQUEST_CONFIG, {}, 'f4'); // f3 goes
    assert.strictEqual(shapes.known('f3', 'llama.cpp'), undefined);
    assert.strictEqual(shapes.known('f1', 'llama.cpp'), a);
  });

  it('forgets the least recently used shape beyond its capacity', () => {
    const shapes = new RequestShapes(2);
    const a = shapes.of(input({ languageId: 'a' }), DEFAULT_INLINE_REQUEST_CONFIG, {});
    const b = shapes.of(input({ languageId: 'b' }), DEFAULT_INLINE_REQUEST_CONFIG, {});
    assert.strictEqual(shapes.of(input({ languageId: 'a' }), DEFAULT_INLINE_REQUEST_CONFIG, {}), a); // a is now the most recent
    shapes.of(input({ languageId: 'c' }), DEFAULT_INLINE_REQUEST_CONFIG, {}); // b goes
    assert.strictEqual(shapes.of(input({ languageId: 'a' }), DEFAULT_INLINE_REQUEST_CONFIG, {}), a);
    assert.notStrictEqual(shapes.of(input({ languageId: 'b' }), DEFAULT_INLINE_REQUEST_CONFIG, {}), b);
  });

  it('stops per mode: the mode\'s own first, then the template\'s end token, the user\'s, the language\'s; the wire gets four', () => {
    const shape = new RequestShapes().of(input({ userStops: ['#end'] }), DEFAULT_INLINE_REQUEST_CONFIG, {});
    const single = shape.stops('singleLine', ['\n']);
    assert.deepStrictEqual(single.all.slice(0, 3), ['\n', '<|endoftext|>', '#end']);
    assert.deepStrictEqual(single.wire.sent, single.all.slice(0, 4));
    assert.deepStrictEqual(single.wire.left, single.all.slice(4));
    const multi = shape.stops('multiLine', []);
    assert.deepStrictEqual(multi.all.slice(0, 2), ['<|endoftext|>', '#end']);
    assert.ok(multi.all.includes('\ninterface '), 'the language stops come last');
    assert.strictEqual(shape.stops('multiLine', []), multi, 'worked out once');
  });
});
