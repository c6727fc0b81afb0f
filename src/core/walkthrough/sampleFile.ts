/**
 * The sample file the walkthrough opens to try ghost text: a short, unfinished TypeScript
 * function with the cursor placed where a completion is obvious.
 */
export interface SampleFile {
  languageId: string;
  content: string;
  /** Where to put the cursor, as a character offset into `content`. */
  cursorOffset: number;
}

const BEFORE_CURSOR = `// Comet Complete: try ghost text here.
// Pause after typing (or press Alt+\\) to see a suggestion in grey; Tab accepts it,
// Ctrl+Right (Cmd+Right on macOS) accepts it word by word, Escape dismisses it.
// Then select a few lines and press Ctrl+Alt+Enter for "Complete Selection".

/** Returns the n-th Fibonacci number (0, 1, 1, 2, 3, 5, …). */
function fibonacci(n: number): number {
  `;

const AFTER_CURSOR = `
}

/** Returns true when the text reads the same backwards (ignoring case and spaces). */
function isPalindrome(text: string): boolean {
`;

export function ghostTextSample(): SampleFile {
  return { languageId: 'typescript', content: BEFORE_CURSOR + AFTER_CURSOR, cursorOffset: BEFORE_CURSOR.length };
}
