/**
 * Cases for the cross-file benchmark, taken from real multi-file packages in node_modules that
 * nobody here wrote: a call `callee(args)` on one line whose callee the TypeScript language
 * service (the engine behind VS Code's own TS/JS definition provider) resolves to a declaration
 * in another file of the same package. The cursor goes right after `callee(`; the true
 * continuation is the rest of that line; the needed definition is the declaration's first line.
 *
 * The same language service answers the benchmark's definition look-ups, as
 * `vscode.executeDefinitionProvider` would in the editor.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export interface CrossFileCase {
  package: string;
  /** Path of the file being edited, relative to the package root. */
  file: string;
  /** Document text with the cursor's line cut after `callee(` (the user is typing it) and the lines after it. */
  prefix: string;
  suffix: string;
  truth: string;
  callee: string;
  /** Where the callee is declared, and the declaration's first line (trimmed): what the prompt must contain. */
  definitionFile: string;
  definitionLine: string;
}

export interface PackageProject {
  name: string;
  root: string;
  files: string[];
  service: ts.LanguageService;
}

function sourceFiles(root: string, limit: number): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (found.length >= limit) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!/^(node_modules|test|tests|__tests__|dist|esm|browser)$/.test(entry.name)) walk(full);
      } else if (/\.(ts|js|cjs|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !/\.min\.js$/.test(entry.name)) {
        found.push(full);
      }
    }
  };
  walk(root);
  return found;
}

export function openProject(name: string, root: string, limit = 250): PackageProject {
  const files = sourceFiles(root, limit);
  const texts = new Map(files.map((file) => [file, fs.readFileSync(file, 'utf8')]));
  const options: ts.CompilerOptions = { allowJs: true, checkJs: false, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noLib: true };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => files,
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      const text = texts.get(file) ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getCompilationSettings: () => options,
    getDefaultLibFileName: () => '',
    fileExists: (file) => texts.has(file) || fs.existsSync(file),
    readFile: (file) => texts.get(file) ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined),
  };
  return { name, root, files, service: ts.createLanguageService(host, ts.createDocumentRegistry()) };
}

export interface FoundDefinition {
  file: string;
  /** 0-based lines of the declaration (the whole declaration when the service knows it). */
  startLine: number;
  endLine: number;
  lines: string[];
}

/** The first definition of the name at `offset` outside the span itself, inside the package; like the adapter's look-up. */
export function definitionAt(project: PackageProject, file: string, offset: number): FoundDefinition | undefined {
  const found = project.service.getDefinitionAtPosition(file, offset) ?? [];
  for (const definition of found) {
    if (!definition.fileName.startsWith(project.root) || definition.fileName.endsWith('.d.ts')) continue;
    if (definition.fileName === file && definition.textSpan.start <= offset && offset <= definition.textSpan.start + definition.textSpan.length) continue;
    const text = project.service.getProgram()?.getSourceFile(definition.fileName)?.text;
    if (text === undefined) continue;
    const span = definition.contextSpan ?? definition.textSpan;
    const lines = text.split('\n');
    const startLine = text.slice(0, span.start).split('\n').length - 1;
    const endLine = text.slice(0, span.start + span.length).split('\n').length - 1;
    return { file: definition.fileName, startLine, endLine, lines };
  }
  return undefined;
}

/** Up to `max` cases of the project, spread over its files. */
export function findCases(project: PackageProject, max: number): CrossFileCase[] {
  const program = project.service.getProgram();
  const all: CrossFileCase[] = [];
  for (const file of project.files) {
    const source = program?.getSourceFile(file);
    if (!source) continue;
    const text = source.text;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.arguments.length > 0) {
        const callee = ts.isIdentifier(node.expression)
          ? node.expression
          : ts.isPropertyAccessExpression(node.expression)
            ? node.expression.name
            : undefined;
        const open = node.arguments.pos; // just after `(`
        const lineEnd = text.indexOf('\n', open) < 0 ? text.length : text.indexOf('\n', open);
        if (callee && ts.isIdentifier(callee) && node.end <= lineEnd && text[open - 1] === '(') {
          const truth = text.slice(open, lineEnd).replace(/\s+$/, '');
          const definition = truth.length >= 3 && truth.length <= 80 ? definitionAt(project, file, callee.getStart(source)) : undefined;
          if (definition && definition.file !== file) {
            const definitionLine = definition.lines[definition.startLine].trim();
            const prefix = text.slice(0, open);
            // A declaration with its parameters (not a bare re-export such as `satisfies,`), not already in the file.
            if (definitionLine.includes('(') && !prefix.includes(definitionLine)) {
              all.push({
                package: project.name,
                file: path.relative(project.root, file),
                prefix,
                suffix: text.slice(lineEnd).replace(/\r\n/g, '\n'),
                truth,
                callee: callee.text,
                definitionFile: path.relative(project.root, definition.file),
                definitionLine,
              });
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  if (all.length <= max) return all;
  const step = all.length / max;
  return Array.from({ length: max }, (_, i) => all[Math.floor(i * step)]);
}
