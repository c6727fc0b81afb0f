import * as vscode from 'vscode';
import type { ContextSnippet } from '../core/context/contextTypes';
import { identifiersBeforeCursor } from '../core/context/identifiers';
import type { ContextFiles } from './contextFiles';

/** A definition found for a name used in a document. */
interface KnownDefinition {
  /** Undefined: the providers found none (remembered too, so it is not asked again at once). */
  snippet: ContextSnippet | undefined;
  /** Version of the document the name was looked up in, and when (ms). */
  version: number;
  at: number;
}

const LINES_PER_DEFINITION = 12;
const LINES_FOR_NAME_ONLY = 6;
const NAMES_PER_GATHER = 5;
const NAMES_REMEMBERED = 64;
/**
 * A name without a definition is asked again once the document moved on this many versions, or
 * after this long (a language server still starting answers nothing at first).
 */
const RETRY_MISSING_AFTER_VERSIONS = 5;
const RETRY_MISSING_AFTER_MS = 1500;
/** A definition is looked up again once the document moved on this many versions. */
const REFRESH_AFTER_VERSIONS = 200;

/**
 * Definitions of the symbols just before the cursor (the callee, the receiver, the name being
 * typed), through VS Code's own definition and type-definition providers. Gathered ahead, while
 * the user types — `schedule` after each edit or cursor move, a newer schedule cancelling an
 * older gather between look-ups — and remembered per document and name, so the keystroke that
 * builds the prompt only reads what is ready.
 */
export class DefinitionGatherer implements vscode.Disposable {
  private readonly known = new Map<string, Map<string, KnownDefinition>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly files: ContextFiles,
    private readonly delayMs = 40,
  ) {}

  /** Gathers for the cursor of `editor` shortly (the newest call wins). */
  schedule(document: vscode.TextDocument, position: vscode.Position): void {
    const generation = ++this.generation;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.gather(document, position, generation).catch(() => undefined);
    }, this.delayMs);
  }

  /** The ready definitions of the names before the cursor, nearest name first. */
  ready(documentId: string, prefix: string): ContextSnippet[] {
    const byName = this.known.get(documentId);
    const snippets: ContextSnippet[] = [];
    if (!byName) return snippets;
    for (const { name } of identifiersBeforeCursor(prefix, 3, 8)) {
      const snippet = byName.get(name)?.snippet;
      if (snippet) snippets.push(snippet);
    }
    return snippets;
  }

  forget(documentId: string): void {
    this.known.delete(documentId);
  }

  dispose(): void {
    this.generation++;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.known.clear();
  }

  private async gather(document: vscode.TextDocument, position: vscode.Position, generation: number): Promise<void> {
    const documentId = document.uri.toString();
    const version = document.version;
    const offset = document.offsetAt(position);
    const start = Math.max(0, offset - 600);
    const prefix = document.getText(new vscode.Range(document.positionAt(start), position));
    let byName = this.known.get(documentId);
    if (!byName) {
      byName = new Map();
      this.known.set(documentId, byName);
    }
    const wanted = identifiersBeforeCursor(prefix, 3, 8).filter(({ name }) => {
      const entry = byName.get(name);
      if (!entry) return true;
      const age = version - entry.version;
      if (entry.snippet) return age > REFRESH_AFTER_VERSIONS;
      return age > RETRY_MISSING_AFTER_VERSIONS || Date.now() - entry.at > RETRY_MISSING_AFTER_MS;
    });
    for (const { name, offset: at } of wanted.slice(0, NAMES_PER_GATHER)) {
      if (generation !== this.generation || document.isClosed) return; // cancelled: a newer gather runs
      const namePosition = document.positionAt(start + at);
      // The name right before a `.` is a receiver: its type says what may follow.
      const receiver = prefix.charAt(at + name.length) === '.';
      const snippet =
        (await this.definitionAt(document, namePosition, 'vscode.executeDefinitionProvider')) ??
        (receiver ? await this.definitionAt(document, namePosition, 'vscode.executeTypeDefinitionProvider') : undefined);
      byName.delete(name);
      byName.set(name, { snippet, version, at: Date.now() });
      while (byName.size > NAMES_REMEMBERED) byName.delete(byName.keys().next().value as string);
    }
  }

  private async definitionAt(
    document: vscode.TextDocument,
    position: vscode.Position,
    command: string,
  ): Promise<ContextSnippet | undefined> {
    let found: Array<vscode.Location | vscode.LocationLink> | undefined;
    try {
      found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(command, document.uri, position);
    } catch {
      return undefined;
    }
    for (const item of found ?? []) {
      const uri = 'targetUri' in item ? item.targetUri : item.uri;
      const range = 'targetUri' in item ? item.targetRange : item.range;
      // The definition is the name itself (a declaration being typed): nothing to add.
      if (uri.toString() === document.uri.toString() && range.contains(position)) continue;
      const path = this.files.allowedPath(uri);
      if (path === undefined) continue;
      let target: vscode.TextDocument;
      try {
        target = await vscode.workspace.openTextDocument(uri);
      } catch {
        continue;
      }
      const first = range.start.line;
      // A Location names only the name; a LocationLink's targetRange spans the whole declaration.
      const end = range.end.line > first ? range.end.line : first + LINES_FOR_NAME_ONLY - 1;
      const last = Math.min(end, first + LINES_PER_DEFINITION - 1, target.lineCount - 1);
      const text = target.getText(new vscode.Range(first, 0, last, target.lineAt(last).text.length)).replace(/\r\n/g, '\n');
      if (text.trim() !== '') return { kind: 'definition', path, startLine: first, text };
    }
    return undefined;
  }
}
