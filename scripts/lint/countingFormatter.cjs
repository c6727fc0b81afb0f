// ESLint formatter for the "lint" suite of `npm test` (scripts/test.sh): prints each problem as
// `file:line:column  rule  message`, and writes the counts to $COMET_RESULT_FILE in the shape every
// suite leaves behind (test/e2e/support/suiteResult.ts): one passed "test" per clean file, one failed
// per file with an error. Warnings are printed but do not fail a file.
'use strict';
const fs = require('fs');
const path = require('path');

module.exports = function countingFormatter(results, context) {
  const root = (context && context.cwd) || process.cwd();
  const lines = [];
  const failed = [];
  let passes = 0;
  for (const result of results) {
    const file = path.relative(root, result.filePath);
    for (const m of result.messages) {
      const level = m.severity === 2 ? 'error' : 'warning';
      lines.push(`${file}:${m.line ?? 0}:${m.column ?? 0}  ${level}  ${m.ruleId ?? 'parse'}  ${m.message}`);
    }
    if (result.errorCount > 0) {
      const first = result.messages.find((m) => m.severity === 2);
      failed.push({ title: file, error: `${result.errorCount} lint error(s), first: ${first.ruleId ?? 'parse'}: ${first.message}` });
    } else {
      passes += 1;
    }
  }
  if (process.env.COMET_RESULT_FILE) {
    fs.writeFileSync(process.env.COMET_RESULT_FILE, JSON.stringify({ passes, failures: failed.length, pending: 0, failed }));
  }
  lines.push(`${results.length} files linted: ${passes} clean, ${failed.length} with errors`);
  return lines.join('\n');
};
