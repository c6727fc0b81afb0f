// Bundles the extension into one file: src/extension.ts -> dist/extension.js (CommonJS, Node).
// `vscode` is provided by the editor at run time, so it stays external.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});
