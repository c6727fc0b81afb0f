// ESLint (flat config) for Comet Complete: `npm run lint`, and the "lint" suite of `npm test`.
// The rules are the ones the code already follows, written down so that style does not depend on memory.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.code-server/**', '.vscode-test/**', '.e2e-tmp/**', 'test-results/**', 'sample/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      // `import x = require('…')` is how the code loads CommonJS modules with types (mocha, the reporter).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      'no-var': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The core is pure: it runs and is unit-tested in plain Node, so it never imports VS Code.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is pure: only src/adapter (and src/extension.ts) may import vscode.' }],
        patterns: [{ group: ['**/adapter/**', '**/extension'], message: 'src/core never imports back up into the adapter or the extension entry.' }],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
