/** What every output format receives. */
import type { Diagnostic, RuleMeta } from '@kalint/linter';

/** The findings of one file. */
export interface FileResult {
  /** The file as shown to users: relative to the working directory when below it. */
  path: string;
  /** Absolute path (`<stdin>` for unnamed standard input). */
  absolutePath: string;
  /** Findings, by position; their `file` is `path` (related locations may name other files). */
  diagnostics: Diagnostic[];
  /** The text linted, when known. */
  source?: string;
  /** The text after `--fix-dry-run` fixes, when they changed it. */
  output?: string;
}

export interface FormatInput {
  results: FileResult[];
  cwd: string;
  /** Whether ANSI colours may be used. */
  color: boolean;
  /** Every rule of the run, for formats that describe them (SARIF). */
  rules: readonly RuleMeta[];
  /** A diagnostic's or related location's `file` as shown to users. */
  displayPath(file: string): string;
  /** A diagnostic's or related location's `file` as an absolute path. */
  absolutePath(file: string): string;
}

/** Renders a run's findings; the text, or its chunks in order, goes to stdout as is. */
export type Formatter = (input: FormatInput) => string | Iterable<string>;

/** 1-based line and column of a 0-based position, as editors and compilers count. */
export function oneBased(position: { line: number; character: number }): { line: number; column: number } {
  return { line: position.line + 1, column: position.character + 1 };
}
