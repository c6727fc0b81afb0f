import * as assert from 'assert';
import fc from 'fast-check';
import type { ContextDocument } from '../../../src/core/context/contextTypes';
import { identifierSet } from '../../../src/core/context/identifiers';
import { bestWindow, jaccard, rankSimilarSnippets, referenceIdentifiers } from '../../../src/core/context/similarSnippets';

const doc = (path: string, text: string): ContextDocument => ({ kind: 'openEditor', path, text });

describe('context/similarSnippets', () => {
  it('jaccard is |A∩B| / |A∪B|', () => {
    assert.strictEqual(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd'])), 2 / 4);
    assert.strictEqual(jaccard(new Set(), new Set()), 0);
  });

  it('referenceIdentifiers takes the last lines of the prefix', () => {
    assert.deepStrictEqual([...referenceIdentifiers('oldName\nmiddle\nnewest', 2)].sort(), ['middle', 'newest']);
  });

  it('finds the window of a document that shares the identifiers around the cursor', () => {
    const filler = Array.from({ length: 30 }, (_, i) => `const unrelated${i} = other${i};`);
    const target = ['function renderInvoice(invoice, taxRate) {', '  return invoice.lines.map(line => line.price * taxRate);', '}'];
    const text = [...filler.slice(0, 15), ...target, ...filler.slice(15)].join('\n');
    const reference = identifierSet('const total = renderInvoice(invoice, taxRate);\ninvoice.lines');
    const window = bestWindow(reference, doc('src/invoice.js', text), { windowLines: 3, maxDocumentLines: 5000 });
    assert.ok(window);
    assert.strictEqual(window.startLine, 15);
    assert.strictEqual(window.text, target.join('\n'));
  });

  it('the sliding count gives the same best score as scoring every window from scratch', () => {
    const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'eps', 'zeta', 'eta', 'theta');
    const line = fc.array(word, { maxLength: 4 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.array(word, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 8 }), (lines, ref, size) => {
        const reference = new Set(ref);
        const window = bestWindow(reference, doc('f', lines.join('\n')), { windowLines: size, maxDocumentLines: 5000 });
        const width = Math.min(size, lines.length);
        let best = 0;
        for (let start = 0; start + width <= lines.length; start++) {
          best = Math.max(best, jaccard(reference, identifierSet(lines.slice(start, start + width).join('\n'))));
        }
        if (best === 0) return window === undefined;
        return window !== undefined && Math.abs(window.score - best) < 1e-12;
      }),
    );
  });

  it('ranks documents by their best window and leaves out those below minScore', () => {
    const prefix = 'const user = await fetchUser(userId);\nrenderProfile(user.profile';
    const ranked = rankSimilarSnippets(
      prefix,
      [
        doc('a.ts', 'function cook(pasta) { boil(pasta); }'),
        doc('b.ts', 'export function renderProfile(profile) {\n  return profile.name;\n}'),
        doc('c.ts', 'export async function fetchUser(userId) {\n  return db.user.find(userId);\n}\nfunction renderProfile(profile) {}'),
      ],
      { windowLines: 4, minScore: 0.05 },
    );
    assert.deepStrictEqual(ranked.map((snippet) => snippet.path), ['c.ts', 'b.ts']);
    assert.ok(ranked[0].score > ranked[1].score);
  });
});
