/**
 * The shared corpus of real keepalived configs (`../shared/corpus`, owned by others, read in place)
 * and what keepalived 2.2.7 said about each file (`ORACLE.tsv`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const corpusRoot = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
export const corpusPresent = existsSync(`${corpusRoot}ORACLE.tsv`);

if (!corpusPresent) {
  console.warn(`kalint: the shared corpus is absent (looked for ${corpusRoot}ORACLE.tsv); corpus tests are skipped`);
}

export interface OracleEntry {
  /** Path relative to the corpus root, e.g. `wild/NAME.conf`. */
  file: string;
  exitCode: number;
  /** keepalived's messages, in order. */
  messages: string[];
}

export function oracle(): OracleEntry[] {
  if (!corpusPresent) return [];
  return readFileSync(`${corpusRoot}ORACLE.tsv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [file = '', exitCode = '0', messages = ''] = line.split('\t');
      return { file, exitCode: Number(exitCode), messages: messages === '' ? [] : messages.split(' | ') };
    });
}

export function corpusText(file: string): string {
  return readFileSync(corpusRoot + file, 'utf8');
}

/** keepalived's line for a message `(FILE: Line N) text` or `(Line N) text`, if it has one. */
export function messageLine(message: string): number | null {
  const match = /^\((?:.+?: )?Line (\d+)\)/.exec(message);
  return match ? Number(match[1]) : null;
}
