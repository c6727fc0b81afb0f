import * as assert from 'node:assert/strict';
import { InlineResult } from '../../../src/core/inlineEngine/inlineEngineTypes';
import { contextAt, DOC, harness, settingsWith, settle, token } from './engineTestKit';

const NOTHING = { items: [] };

describe('InlineCompletionEngine', () => {
  describe('scheduling', () => {
    it('waits the debounce, then sends one single-line request: n = 1, a newline stop, small max_tokens', async () => {
      const { engine, clock, server } = harness();
      const result = engine.suggest(contextAt('const total = '), token().signal);
      await clock.advance(149);
      assert.equal(server.requests.length, 0, 'nothing is sent during the debounce');
      await clock.advance(1);
      assert.equal(server.requests.length, 1);
      const { body } = server.last;
      assert.equal(body.prompt, 'const total = ');
      assert.equal(body.n, 1);
      assert.equal(body.max_tokens, 48);
      assert.ok(body.stop?.includes('\n'), `stops ${JSON.stringify(body.stop)}`);
      assert.equal(body.logprobs, undefined, 'ghost text does not ask for logprobs while the filter is off');
      server.last.sendAll(['price', ' * 2;']).finish();
      assert.deepEqual(await result, { items: ['price * 2;'], source: 'request', requestId: 1, typedChars: 0 });
    });

    it('at a line start asks after half the debounce, where inside a line the same typing waits longer', async () => {
      const typeLine = async (line: string, engine: ReturnType<typeof harness>['engine'], clock: ReturnType<typeof harness>['clock']) => {
        let call = token();
        for (let i = 1; i <= line.length; i++) {
          call.abort();
          call = token();
          void engine.suggest(contextAt(line.slice(0, i)), call.signal);
          await clock.advance(120);
        }
        return call;
      };
      const atLineStart = harness();
      await typeLine('const total = price * 2;', atLineStart.engine, atLineStart.clock);
      void atLineStart.engine.suggest(contextAt('const total = price * 2;\n'), token().signal);
      await atLineStart.clock.advance(74);
      assert.equal(atLineStart.server.requests.length, 0, 'nothing during the shortest debounce');
      await atLineStart.clock.advance(1);
      assert.equal(atLineStart.server.requests.length, 1, 'the first line start of the session: asked at 75 ms');
      assert.equal(atLineStart.server.last.body.prompt, 'const total = price * 2;\n');

      const inLine = harness();
      await typeLine('const total = price * 2;', inLine.engine, inLine.clock);
      void inLine.engine.suggest(contextAt('const total = price * 2; '), token().signal);
      await inLine.clock.advance(300);
      assert.equal(inLine.server.requests.length, 0, 'inside a line a 300 ms gap is still typing');
    });

    it('takes the debounce base from inline.debounceMs', async () => {
      const { engine, clock, server } = harness(settingsWith((s) => (s.inline.debounceMs = 400)));
      void engine.suggest(contextAt('let a = '), token().signal);
      await clock.advance(399);
      assert.equal(server.requests.length, 0);
      await clock.advance(1);
      assert.equal(server.requests.length, 1);
    });

    it('a newer keystroke during the debounce sends nothing for the older position', async () => {
      const { engine, clock, server } = harness();
      const first = token();
      const older = engine.suggest(contextAt('const a'), first.signal);
      await clock.advance(50);
      first.abort(); // VS Code cancels the previous call on the next keystroke
      const newer = engine.suggest(contextAt('const ab'), token().signal);
      assert.deepEqual(await older, NOTHING);
      await clock.advance(1000);
      assert.equal(server.requests.length, 1);
      assert.equal(server.last.body.prompt, 'const ab');
      server.last.send(' = 1;').finish();
      assert.deepEqual((await newer).items, [' = 1;']);
    });

    it('an explicit trigger skips the debounce and asks for inline.candidates distinct suggestions', async () => {
      const { engine, server } = harness();
      const result = engine.suggest(contextAt('const value = ', { explicit: true }), token().signal);
      await settle();
      assert.equal(server.requests.length, 1, 'sent at once');
      assert.equal(server.last.body.n, 3);
      server.last.send('alpha();', 0).send('beta();', 1).send('alpha();', 2).finish();
      assert.deepEqual((await result).items, ['alpha();', 'beta();']);
    });

    it('an explicit trigger answers once every choice being sent has its first line', async () => {
      const { engine, server } = harness();
      let result: InlineResult | undefined;
      const answered = (): InlineResult | undefined => result;
      void engine.suggest(contextAt('function f() {', { explicit: true }), token().signal).then((r) => (result = r));
      await settle();
      server.last.send('\n  a();\n', 0).send('\n  b(', 1);
      await settle();
      assert.equal(answered(), undefined, 'choice 1 has started its first line');
      server.last.send(');\n', 1);
      await settle();
      assert.deepEqual(answered()?.items, ['\n  a();', '\n  b();'], 'choice 2, of which nothing came, does not hold it up');
    });

    it('sends nothing at a real mid-line position on automatic triggers', async () => {
      const { engine, clock, server } = harness();
      const result = engine.suggest(contextAt('foo(', { suffix: 'bar)\n' }), token().signal);
      await clock.advance(1000);
      assert.deepEqual(await result, NOTHING);
      assert.equal(server.requests.length, 0);
    });
  });

  describe('one stream per document', () => {
    it('keeps the stream when the newly typed text is what it already produced, although the call was cancelled', async () => {
      const { engine, clock, server } = harness();
      const first = token();
      const firstResult = engine.suggest(contextAt('const total = '), first.signal);
      await clock.advance(150);
      server.last.send('comp');
      first.abort();
      assert.deepEqual(await firstResult, NOTHING);
      const second = engine.suggest(contextAt('const total = c'), token().signal);
      await clock.advance(1000);
      assert.equal(server.requests.length, 1, 'no second request');
      assert.equal(server.last.aborted, false, 'the cancelled call did not abort the stream');
      server.last.send('ute(1);').finish();
      assert.deepEqual(await second, { items: ['ompute(1);'], source: 'stream', requestId: 1, typedChars: 1 });
    });

    it('keeps the stream when the user typed ahead of it but consistently, and serves the rest', async () => {
      const { engine, clock, server } = harness();
      const first = token();
      void engine.suggest(contextAt('const total = '), first.signal);
      await clock.advance(150);
      server.last.send('co');
      first.abort();
      const second = engine.suggest(contextAt('const total = com'), token().signal);
      await settle();
      server.last.send('mpute(1);').finish();
      assert.deepEqual((await second).items, ['pute(1);']);
      assert.equal(server.requests.length, 1);
    });

    it('aborts the stream at once when the user types something it did not produce', async () => {
      const { engine, clock, server, ended } = harness();
      const first = token();
      void engine.suggest(contextAt('const total = '), first.signal);
      await clock.advance(150);
      server.last.send('comp');
      first.abort();
      void engine.suggest(contextAt('const total = x'), token().signal);
      await settle();
      assert.equal(server.requests[0].aborted, true);
      assert.deepEqual(ended, [{ requestId: 1, end: 'aborted', reason: 'the user typed something else' }]);
    });

    it('aborts a stream that has produced nothing yet when the user types on', async () => {
      const { engine, clock, server } = harness();
      const first = token();
      void engine.suggest(contextAt('const greeting = '), first.signal);
      await clock.advance(150);
      first.abort();
      void engine.suggest(contextAt('const greeting = "'), token().signal);
      await settle();
      assert.equal(server.requests[0].aborted, true);
    });

    it('aborts a stream nobody asks for again after a short grace period', async () => {
      const { engine, clock, server, ended } = harness();
      const first = token();
      void engine.suggest(contextAt('const total = '), first.signal);
      await clock.advance(150);
      first.abort(); // e.g. the cursor moved away: no new call comes
      await clock.advance(599);
      assert.equal(server.last.aborted, false);
      await clock.advance(1);
      assert.equal(server.last.aborted, true);
      assert.equal(ended[0].end, 'aborted');
    });

    it('a stream whose text is showing lives on while calls come, and ends after the longer grace with none', async () => {
      const { engine, clock, server } = harness();
      const shown = engine.suggest(contextAt('function f() {'), token().signal);
      await clock.advance(150);
      server.last.send('\n  a();\n');
      assert.deepEqual((await shown).items, ['\n  a();']);
      await clock.advance(1999);
      assert.equal(server.last.aborted, false);
      await clock.advance(1);
      assert.equal(server.last.aborted, true);
    });

    it('aborts the stream when its document closes', async () => {
      const { engine, clock, server } = harness();
      void engine.suggest(contextAt('const total = '), token().signal);
      await clock.advance(150);
      engine.documentClosed(DOC);
      assert.equal(server.last.aborted, true);
    });

    it('keeps the streams of different documents apart', async () => {
      const { engine, clock, server } = harness();
      void engine.suggest(contextAt('const a = '), token().signal);
      void engine.suggest(contextAt('const b = ', { documentId: 'file:///work/b.ts' }), token().signal);
      await clock.advance(150);
      assert.equal(server.requests.length, 2);
      assert.deepEqual(server.requests.map((r) => r.aborted), [false, false]);
    });
  });

  describe('cache', () => {
    async function finishedAt(prefix: string, text: string) {
      const h = harness();
      const result = h.engine.suggest(contextAt(prefix), token().signal);
      await h.clock.advance(150);
      h.server.last.send(text).finish();
      assert.deepEqual((await result).items, [text]);
      return h;
    }

    it('typing through a shown suggestion shows the rest with no request', async () => {
      const { engine, clock, server } = await finishedAt('const total = ', 'compute(1);');
      for (const [typed, rest] of [['c', 'ompute(1);'], ['co', 'mpute(1);'], ['com', 'pute(1);']]) {
        const result = await engine.suggest(contextAt(`const total = ${typed}`), token().signal);
        assert.deepEqual(result.items, [rest]);
      }
      await clock.advance(1000);
      assert.equal(server.requests.length, 1);
    });

    it('backspace, or returning to an earlier position, reuses the cached suggestion', async () => {
      const { engine, clock, server } = await finishedAt('const total = ', 'compute(1);');
      const away = token();
      const typo = engine.suggest(contextAt('const total = x'), away.signal); // not the suggestion
      await clock.advance(10);
      away.abort();
      assert.deepEqual(await typo, NOTHING);
      const back = await engine.suggest(contextAt('const total = '), token().signal);
      assert.deepEqual(back, { items: ['compute(1);'], source: 'cache', requestId: 1, typedChars: 0 });
      const through = await engine.suggest(contextAt('const total = comp'), token().signal);
      assert.deepEqual(through, { items: ['ute(1);'], source: 'cache', requestId: 1, typedChars: 4 });
      await clock.advance(1000);
      assert.equal(server.requests.length, 1);
    });

    it('does not serve a suggestion made for other request settings', async () => {
      const h = await finishedAt('const total = ', 'compute(1);');
      h.settings = { ...h.settings, temperature: 0.9 };
      void h.engine.suggest(contextAt('const total = '), token().signal);
      await h.clock.advance(1000);
      assert.equal(h.server.requests.length, 2);
    });

    it('explicit triggers ask afresh, but calls while that explicit request streams reuse it', async () => {
      const { engine, server } = await finishedAt('const value = ', 'one();');
      const first = engine.suggest(contextAt('const value = ', { explicit: true }), token().signal);
      await settle();
      assert.equal(server.requests.length, 2, 'the cached suggestion does not answer Alt+\\');
      const cycling = engine.suggest(contextAt('const value = ', { explicit: true }), token().signal); // Alt+]
      await settle();
      assert.equal(server.requests.length, 2, 'cycling reuses the explicit request still streaming');
      server.last.send('two();', 0).send('three();', 1).send('four();', 2).finish();
      assert.deepEqual(await first, NOTHING, 'the newer call for the document answers instead');
      assert.deepEqual((await cycling).items, ['two();', 'three();', 'four();']);
      void engine.suggest(contextAt('const value = ', { explicit: true }), token().signal);
      await settle();
      assert.equal(server.requests.length, 3, 'a new Alt+\\ after it finished asks again');
    });

    it('does not cache a failed request', async () => {
      const { engine, clock, server, ended } = harness();
      const result = engine.suggest(contextAt('const total = '), token().signal);
      await clock.advance(150);
      server.last.send('comp').fail();
      assert.deepEqual(await result, NOTHING);
      assert.equal(ended[0].end, 'failed');
      void engine.suggest(contextAt('const total = '), token().signal);
      await clock.advance(1000);
      assert.equal(server.requests.length, 2);
    });
  });

  describe('streaming into ghost text', () => {
    it('multi-line: resolves with the first line, reports growth, and serves more lines from the same request', async () => {
      const { engine, clock, server, grown } = harness();
      const first = engine.suggest(contextAt('function f() {'), token().signal);
      await clock.advance(150);
      assert.equal(server.last.body.max_tokens, 256);
      assert.ok(!server.last.body.stop?.includes('\n'));
      server.last.send('\n  const a');
      await settle();
      server.last.send(' = 1;\n  retu');
      let resolved: InlineResult | undefined;
      void first.then((result) => (resolved = result));
      await settle();
      assert.deepEqual(resolved?.items, ['\n  const a = 1;'], 'the first line shows before the rest arrives');
      assert.deepEqual(grown, []);
      server.last.send('rn a;\n');
      await settle();
      assert.deepEqual(grown, [DOC]);
      const refreshed = await engine.suggest(contextAt('function f() {', { explicit: true, refresh: true }), token().signal);
      assert.deepEqual(refreshed.items, ['\n  const a = 1;\n  return a;']);
      server.last.send('}\n\nfunction g() {\n');
      await settle();
      assert.equal(server.last.aborted, true, 'the block ended: the stream stops');
      const final = await engine.suggest(contextAt('function f() {', { refresh: true }), token().signal);
      assert.deepEqual(final.items, ['\n  const a = 1;\n  return a;\n}']);
      assert.equal(server.requests.length, 1);
    });

    it('stops the stream the moment inline.maxLines lines are in, and counts that as success', async () => {
      const { engine, clock, server, ended } = harness(settingsWith((s) => (s.inline.maxLines = 3)));
      const result = engine.suggest(contextAt('function f() {'), token().signal);
      await clock.advance(150);
      server.last.sendAll(['\n', '  a();\n']);
      assert.deepEqual((await result).items, ['\n  a();'], 'the first line');
      server.last.sendAll(['  b();\n', '  c();\n', '  d();\n']);
      await settle();
      assert.equal(server.last.aborted, true);
      assert.deepEqual(ended, [{ requestId: 1, end: 'stoppedEarly', reason: 'enough received' }]);
      const later = await engine.suggest(contextAt('function f() {'), token().signal);
      assert.deepEqual(later.items, ['\n  a();\n  b();']);
    });

    it('a refresh never sends a request', async () => {
      const { engine, clock, server } = harness();
      const result = await engine.suggest(contextAt('let q = ', { explicit: true, refresh: true }), token().signal);
      await clock.advance(1000);
      assert.deepEqual(result, NOTHING);
      assert.equal(server.requests.length, 0);
    });
  });

  describe('prompt', () => {
    it('works on \\n in CRLF documents and gives the suggestion back with \\r\\n', async () => {
      const { engine, clock, server } = harness();
      const result = engine.suggest(contextAt('if (ready) {\r\n  start();\r\n', { eol: '\r\n', suffix: '\r\n}\r\n' }), token().signal);
      await clock.advance(150);
      assert.equal(server.last.body.prompt, 'if (ready) {\n  start();\n');
      server.last.send('  log();\n  stop();\n').finish();
      assert.deepEqual((await result).items, ['  log();\r\n  stop();']);
    });

    it('extends the item selected in the IntelliSense widget', async () => {
      const { engine, clock, server } = harness();
      const result = engine.suggest(contextAt('console.l', { selectedItem: { rangeText: 'l', text: 'log' } }), token().signal);
      await clock.advance(150);
      assert.equal(server.last.body.prompt, 'console.log');
      server.last.send('("ready");').finish();
      assert.deepEqual((await result).items, ['log("ready");']);
    });

    it('uses the FIM template of the model family, or the one the setting names', async () => {
      const qwen = harness(settingsWith((s) => (s.model = 'qwen2.5-coder-7b')));
      void qwen.engine.suggest(contextAt('x = ', { suffix: '\ny = 2' }), token().signal);
      await qwen.clock.advance(150);
      assert.equal(qwen.server.last.body.prompt, '<|fim_prefix|>x = <|fim_suffix|>\ny = 2<|fim_middle|>');
      assert.ok(qwen.server.last.body.stop?.includes('<|endoftext|>'));

      const forced = harness(settingsWith((s) => (s.inline.fimTemplate = 'starcoder')));
      void forced.engine.suggest(contextAt('x = ', { suffix: '\ny = 2' }), token().signal);
      await forced.clock.advance(150);
      assert.equal(forced.server.last.body.prompt, '<fim_prefix>x = <fim_suffix>\ny = 2<fim_middle>');

      const suffixParam = harness(settingsWith((s) => (s.useSuffix = true)));
      void suffixParam.engine.suggest(contextAt('x = ', { suffix: '\ny = 2' }), token().signal);
      await suffixParam.clock.advance(150);
      assert.equal(suffixParam.server.last.body.prompt, 'x = ');
      assert.equal(suffixParam.server.last.body.suffix, '\ny = 2');
    });

    it('merges the language stops with the user stops, at most 4', async () => {
      const { engine, clock, server } = harness(settingsWith((s) => (s.stop = ['// END'])));
      void engine.suggest(contextAt('function f() {'), token().signal);
      await clock.advance(150);
      assert.deepEqual(server.last.body.stop, ['// END', '\nfunction ', '\nexport ', '\nclass ']);
    });
  });

  describe('low-confidence filter', () => {
    it('is off by default; when set it asks for logprobs 1 and hides unsure suggestions', async () => {
      const { engine, clock, server } = harness(settingsWith((s) => (s.inline.minMeanLogprob = -1)));
      const unsure = engine.suggest(contextAt('const a = '), token().signal);
      await clock.advance(150);
      assert.equal(server.last.body.logprobs, 1);
      server.last.send('maybe', 0, [{ token: 'maybe', logprob: -3, top: [] }]).finish();
      assert.deepEqual(await unsure, NOTHING);

      const sure = engine.suggest(contextAt('const b = '), token().signal);
      await clock.advance(1000);
      server.last.send('1;', 0, [{ token: '1;', logprob: -0.1, top: [] }]).finish();
      assert.deepEqual((await sure).items, ['1;']);
    });
  });

  it('never throws: a broken settings source shows nothing', async () => {
    const { engine } = harness(settingsWith(), {
      settings: () => {
        throw new Error('broken');
      },
    });
    assert.deepEqual(await engine.suggest(contextAt('x'), token().signal), NOTHING);
  });
});
