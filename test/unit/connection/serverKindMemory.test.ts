import * as assert from 'assert';
import { ServerKindMemory } from '../../../src/core/connection/serverKind';

describe('ServerKindMemory (what each base URL turned out to be)', () => {
  it('guesses from the URL until an answer says otherwise, and a base URL parsed once still sees what is learned later', () => {
    const kinds = new ServerKindMemory();
    assert.strictEqual(kinds.kindOf('http://127.0.0.1:11434/v1'), 'ollama'); // default port: a guess
    assert.strictEqual(kinds.kindOf('http://127.0.0.1:8080/v1'), 'unknown');
    kinds.learn('http://127.0.0.1:8080', 'llama.cpp');
    assert.strictEqual(kinds.kindOf('http://127.0.0.1:8080/v1'), 'llama.cpp');
    // Another path on the same origin is the same server.
    assert.strictEqual(kinds.kindOf('http://127.0.0.1:8080/other/v1'), 'llama.cpp');
    kinds.learn('http://127.0.0.1:11434', 'vllm');
    assert.strictEqual(kinds.kindOf('http://127.0.0.1:11434/v1'), 'vllm');
    kinds.clear();
    assert.strictEqual(kinds.kindOf('http://127.0.0.1:8080/v1'), 'unknown');
  });

  it('a base URL that is no URL is unknown, every time', () => {
    const kinds = new ServerKindMemory();
    for (let i = 0; i < 2; i++) {
      assert.strictEqual(kinds.kindOf('not a url'), 'unknown');
      assert.strictEqual(kinds.kindOf(''), 'unknown');
    }
    assert.strictEqual(kinds.kindOf('  https://api.openai.com/v1  '), 'openai');
  });

  it('stays bounded however many base URLs it sees', () => {
    const kinds = new ServerKindMemory(4);
    for (let port = 1000; port < 1100; port++) assert.strictEqual(kinds.kindOf(`http://127.0.0.1:${port}/v1`), 'unknown');
    assert.strictEqual(kinds.kindOf('https://api.cometapi.com/v1'), 'cometapi');
    assert.strictEqual(kinds.kindOf('http://localhost:1234/v1'), 'lmstudio');
  });
});
