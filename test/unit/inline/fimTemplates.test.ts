import * as assert from 'assert';
import {
  detectFimTemplate,
  FIM_SETTINGS,
  FIM_TEMPLATES,
  FimSetting,
  FimTemplateId,
  promptStrategyName,
  resolvePromptStrategy,
} from '../../../src/core/inline/fimTemplates';
import { validateSettings } from '../../../src/core/settings/settingsValidator';

const PREFIX = 'def add(a, b):\n    ';
const SUFFIX = '\n\nprint(add(1, 2))';

describe('fimTemplates', () => {
  describe('render', () => {
    const expected: Record<FimTemplateId, string> = {
      qwen: `<|fim_prefix|>${PREFIX}<|fim_suffix|>${SUFFIX}<|fim_middle|>`,
      deepseek: `<｜fim▁begin｜>${PREFIX}<｜fim▁hole｜>${SUFFIX}<｜fim▁end｜>`,
      starcoder: `<fim_prefix>${PREFIX}<fim_suffix>${SUFFIX}<fim_middle>`,
      codellama: `<PRE> ${PREFIX} <SUF>${SUFFIX} <MID>`,
      codestral: `[SUFFIX]${SUFFIX}[PREFIX]${PREFIX}`,
    };
    for (const id of Object.keys(expected) as FimTemplateId[]) {
      it(`${id} builds its exact prompt`, () => {
        assert.strictEqual(FIM_TEMPLATES[id].render(PREFIX, SUFFIX), expected[id]);
        assert.strictEqual(FIM_TEMPLATES[id].id, id);
      });
    }

    it('every template (the table itself, not a copy of its keys) wraps prefix and suffix once each, marked', () => {
      for (const template of Object.values(FIM_TEMPLATES)) {
        const prompt = template.render(PREFIX, SUFFIX);
        assert.strictEqual(prompt.split(PREFIX).length, 2, `${template.id}: prefix once`);
        assert.strictEqual(prompt.split(SUFFIX).length, 2, `${template.id}: suffix once`);
        assert.ok(prompt.length > PREFIX.length + SUFFIX.length, `${template.id}: adds its markers`);
        assert.ok(template.id in expected, `${template.id} has no exact-prompt case above`);
      }
    });
  });

  describe('stops', () => {
    const mustHave: Record<FimTemplateId, string[]> = {
      qwen: ['<|endoftext|>', '<|file_sep|>', '<|fim_pad|>'],
      deepseek: ['<｜end▁of▁sentence｜>'],
      starcoder: ['<|endoftext|>', '<file_sep>'],
      codellama: ['<EOT>', '</s>'],
      codestral: ['</s>', '[PREFIX]', '[SUFFIX]'],
    };
    for (const id of Object.keys(mustHave) as FimTemplateId[]) {
      it(`${id} stops on its end tokens, the first ones first`, () => {
        const stops = FIM_TEMPLATES[id].stops;
        assert.deepStrictEqual(stops.slice(0, mustHave[id].length), mustHave[id]);
        assert.strictEqual(new Set(stops).size, stops.length, 'no duplicates');
        assert.ok(stops.every((stop) => stop.length > 0));
      });
    }
  });

  describe('detectFimTemplate', () => {
    const cases: Array<[string, FimTemplateId | undefined]> = [
      ['Qwen/Qwen2.5-Coder-7B', 'qwen'],
      ['qwen2.5-coder:1.5b-base', 'qwen'],
      ['QWEN2.5-CODER-32B-INSTRUCT', 'qwen'],
      ['deepseek-ai/deepseek-coder-6.7b-base', 'deepseek'],
      ['DeepSeek-Coder-V2-Lite-Base', 'deepseek'],
      ['bigcode/starcoder2-3b', 'starcoder'],
      ['starcoderbase-1b', 'starcoder'],
      ['codellama/CodeLlama-7b-hf', 'codellama'],
      ['code-llama-13b', 'codellama'],
      ['codestral-latest', 'codestral'],
      ['mistralai/Codestral-22B-v0.1', 'codestral'],
      ['gpt-3.5-turbo-instruct', undefined],
      ['qwen2.5-7b-instruct', undefined],
      ['deepseek-chat', undefined],
      ['', undefined],
    ];
    for (const [model, id] of cases) {
      it(`${JSON.stringify(model)} → ${id ?? 'none'}`, () => assert.strictEqual(detectFimTemplate(model)?.id, id));
    }
  });

  describe('resolvePromptStrategy', () => {
    it("'auto' picks the template from the model name, whatever useSuffixParam says", () => {
      const strategy = resolvePromptStrategy('auto', 'qwen2.5-coder-7b', true);
      assert.strictEqual(strategy.kind, 'template');
      assert.strictEqual(strategy.kind === 'template' && strategy.template.id, 'qwen');
    });

    it("'auto' with an unknown model: the API suffix when useSuffixParam, else prefix only", () => {
      assert.deepStrictEqual(resolvePromptStrategy('auto', 'gpt-3.5-turbo-instruct', true), { kind: 'suffixParam' });
      assert.deepStrictEqual(resolvePromptStrategy('auto', 'gpt-3.5-turbo-instruct', false), { kind: 'prefixOnly' });
    });

    it("'suffixParam' and 'none' ignore the model name", () => {
      assert.deepStrictEqual(resolvePromptStrategy('suffixParam', 'qwen2.5-coder', false), { kind: 'suffixParam' });
      assert.deepStrictEqual(resolvePromptStrategy('none', 'qwen2.5-coder', true), { kind: 'prefixOnly' });
    });

    it('an explicit template wins over the model name', () => {
      for (const id of Object.keys(FIM_TEMPLATES) as FimTemplateId[]) {
        const strategy = resolvePromptStrategy(id, 'qwen2.5-coder', false);
        assert.ok(strategy.kind === 'template' && strategy.template === FIM_TEMPLATES[id], id);
      }
    });

    it('an unknown setting value behaves like auto', () => {
      const strategy = resolvePromptStrategy('starcoder3' as FimSetting, 'deepseek-coder', false);
      assert.ok(strategy.kind === 'template' && strategy.template.id === 'deepseek');
      assert.deepStrictEqual(resolvePromptStrategy('toString' as FimSetting, 'gpt-4', false), { kind: 'prefixOnly' });
    });

    it('names strategies for logs and cache keys', () => {
      assert.strictEqual(promptStrategyName(resolvePromptStrategy('codestral', '', false)), 'template:codestral');
      assert.strictEqual(promptStrategyName({ kind: 'suffixParam' }), 'suffixParam');
      assert.strictEqual(promptStrategyName({ kind: 'prefixOnly' }), 'prefixOnly');
    });
  });

  it('honours every setting value: each forces its own strategy, even against what the model name says', () => {
    for (const value of FIM_SETTINGS) {
      const chosen = promptStrategyName(resolvePromptStrategy(value, 'deepseek-coder-1.3b-base', true));
      const wanted = value === 'auto' ? 'template:deepseek' : value === 'none' ? 'prefixOnly' : value === 'suffixParam' ? 'suffixParam' : `template:${value}`;
      assert.strictEqual(chosen, wanted, value);
    }
    for (const value of ['Auto', 'qwen2', '', null, 3]) {
      const { settings, problems } = validateSettings((name) => (name === 'inline.fimTemplate' ? value : undefined));
      assert.strictEqual(settings.inline.fimTemplate, 'auto', `${value} is refused, the default stays`);
      assert.match(problems[0]?.message ?? '', /must be one of "auto"/, String(value));
    }
  });
});

describe('resolvePromptStrategy per server (issue 10 item 4)', () => {
  // The README example: qwen2.5-coder:1.5b with fimTemplate auto.
  const name = (server: Parameters<typeof resolvePromptStrategy>[3]) => promptStrategyName(resolvePromptStrategy('auto', 'qwen2.5-coder:1.5b', false, server));
  it('Ollama: suffix (its own FIM template), never raw FIM tokens that would land in a chat turn', () => {
    assert.equal(name('ollama'), 'suffixParam');
  });
  it('llama.cpp, vLLM, LM Studio, TGI: the template in the prompt, never suffix', () => {
    for (const server of ['llama.cpp', 'vllm', 'lmstudio', 'tgi'] as const) assert.equal(name(server), 'template:qwen', server);
    assert.equal(promptStrategyName(resolvePromptStrategy('auto', 'my-model', true, 'vllm')), 'prefixOnly');
  });
  it('OpenAI and CometAPI: suffix only for gpt-3.5-turbo-instruct', () => {
    assert.equal(promptStrategyName(resolvePromptStrategy('auto', 'gpt-3.5-turbo-instruct', false, 'openai')), 'suffixParam');
    assert.equal(promptStrategyName(resolvePromptStrategy('auto', 'davinci-002', true, 'openai')), 'prefixOnly');
    assert.equal(promptStrategyName(resolvePromptStrategy('auto', 'gpt-3.5-turbo-instruct', false, 'cometapi')), 'suffixParam');
  });
  it('an explicit setting is always followed', () => {
    assert.equal(promptStrategyName(resolvePromptStrategy('qwen', 'x', false, 'ollama')), 'template:qwen');
    assert.equal(promptStrategyName(resolvePromptStrategy('none', 'gpt-3.5-turbo-instruct', false, 'openai')), 'prefixOnly');
  });
});
