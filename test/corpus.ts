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

/**
 * keepalived messages that describe the machine the oracle ran on (its interfaces, users, script
 * files, firewall backend), not the config: a file whose only messages are of these kinds is a
 * file keepalived accepts.
 */
const hostDependent = [
  /^WARNING - interface .* doesn't exist$/,
  /tracked interface .* doesn't exist$/,
  /^Non-existent interface specified in configuration$/,
  /^Error setting global script uid\/gid$/,
  /^Unable to set default user/,
  /^Disabling track script .* since not found\/accessible$/,
  /^iptables not supported, using nftables instead/,
  /cannot use a loopback interface/,
  /Unknown interface!$/,
  /^Config files missing /,
  /^No config files matched /,
];

/** The message without keepalived's `(FILE: Line N) ` prefix. */
export function messageText(message: string): string {
  return message.replace(/^\((?:.+?: )?Line \d+\) /, '');
}

export function isHostDependent(message: string): boolean {
  const text = messageText(message);
  return hostDependent.some((pattern) => pattern.test(text));
}

/** keepalived 2.2.7 found nothing wrong with the file itself. */
export function acceptedByKeepalived(entry: OracleEntry): boolean {
  return entry.exitCode !== 2 && entry.messages.every(isHostDependent);
}

export interface HaGroup {
  group: string;
  members: string[];
}

export function haGroups(): HaGroup[] {
  if (!corpusPresent) return [];
  return readFileSync(`${corpusRoot}HA-PAIRS.tsv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [group = '', , , members = ''] = line.split('\t');
      return { group, members: members.split(' ') };
    });
}
