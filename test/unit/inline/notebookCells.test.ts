import * as assert from 'node:assert/strict';
import { buildInlineRequest } from '../../../src/core/inline/inlineRequestBuilder';
import { CELL_SEPARATOR, NotebookCellText, prefixWithPrecedingCells } from '../../../src/core/inline/notebookCells';

const code = (text: string, languageId = 'python'): NotebookCellText => ({ kind: 'code', languageId, text });
const markup = (text: string): NotebookCellText => ({ kind: 'markup', languageId: 'markdown', text });

describe('notebook cells: the prompt continues the notebook', () => {
  const cells = [code('import math\n'), markup('# Circles'), code('def area(r):\n    return math.pi * r ** 2\n'), code('print("other")', 'javascript')];

  it('puts the code cells above, in order and apart, before the cell\'s own text; markdown and other languages left out', () => {
    assert.equal(
      prefixWithPrecedingCells('print(ar', cells, 'python', 10_000),
      'import math\n\ndef area(r):\n    return math.pi * r ** 2\n\nprint(ar',
    );
  });

  it('keeps the nearest cells within the budget and cuts the oldest kept one at a line start', () => {
    const result = prefixWithPrecedingCells('x = ', [code('a = 1\nb = 2\nc = 3'), code('d = 4')], 'python', 'x = '.length + 'd = 4'.length + 2 * CELL_SEPARATOR.length + 'c = 3'.length + 2);
    assert.equal(result, 'c = 3\n\nd = 4\n\nx = ');
    assert.ok(result.length <= 'x = '.length + 'd = 4'.length + 2 * CELL_SEPARATOR.length + 'c = 3'.length + 2);
  });

  it('adds nothing without room, without cells, or for the first cell', () => {
    assert.equal(prefixWithPrecedingCells('x = ', [code('a = 1')], 'python', 4), 'x = ');
    assert.equal(prefixWithPrecedingCells('x = ', [], 'python', 100), 'x = ');
    assert.equal(prefixWithPrecedingCells('x = ', [code('   \n')], 'python', 100), 'x = ');
  });

  it('the request sent for a cell holds the cells above it (prompt budget permitting)', () => {
    const prefix = prefixWithPrecedingCells('print(area(', cells, 'python', 10_000);
    const plan = buildInlineRequest({
      prefix,
      suffix: '',
      languageId: 'python',
      model: 'gpt-3.5-turbo-instruct',
      fimSetting: 'auto',
      useSuffixParam: false,
      userStops: [],
      explicit: false,
      candidates: 1,
    });
    assert.ok(plan.kind === 'request');
    assert.ok(plan.body.prompt.includes('def area(r):') && plan.body.prompt.endsWith('print(area('), plan.body.prompt);
  });
});
