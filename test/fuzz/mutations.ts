/**
 * Mutations of real configs, the way issue 11's cases break what keepalived reads: a lone CR in a
 * line, a NUL, lines at keepalived's 1,023-byte limit and far past it, `\#`/`\!` at word starts,
 * blanks after a final `\` (code and comments), multi-line `$NAME=` definitions (whitespace-only
 * continuation lines, after a `{`, a comment ending in `\`, a blank line after one), U+00A0/U+FEFF
 * at comment ends, form feeds and vertical tabs ending `$X=` values and include patterns, braces
 * glued to words, `${UNDEF}` references, `@id` prefixes, CRLF files, and white space that only
 * script keywords see (inside single quotes, after a backslash, next to a quote).
 *
 * A mutation is plain data (so a counterexample prints as what was done), applied by `mutateText`.
 * The texts are the shared corpus (../shared/corpus), or the repository's fixtures without it.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { format } from '@kalint/formatter';
import { sameKeepalivedReading } from '@kalint/parser';
import { corpusPresent, corpusText, oracle } from '../corpus.js';

export const MUTATION_KINDS = [
  'lone-cr',
  'nul',
  'long-line',
  'escaped-comment',
  'trailing-backslash',
  'multiline-definition',
  'unicode-space',
  'ff-vt-value',
  'glued-brace',
  'undefined-reference',
  'at-prefix',
  'crlf',
  'quoted-spacing',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** One mutation: its kind, where (a fraction of the lines), and which variant of it (a small number). */
export interface Mutation {
  kind: MutationKind;
  at: number;
  variant: number;
  /** A length for the kinds that need one (the long line's target length). */
  size: number;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATION_KINDS),
  at: fc.double({ min: 0, max: 0.999, noNaN: true }),
  variant: fc.nat(11),
  size: fc.integer({ min: 1005, max: 1040 }),
});

/** A mutation of one kind only. */
export function mutationOf(kind: MutationKind): fc.Arbitrary<Mutation> {
  return mutation.map((m) => ({ ...m, kind }));
}

const fixturesRoot = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The configs to mutate, by name: the corpus's, or the fixtures' when the corpus is absent. */
export function mutationSources(): Map<string, string> {
  const sources = new Map<string, string>();
  if (corpusPresent) {
    for (const { file } of oracle()) sources.set(file, corpusText(file));
    return sources;
  }
  for (const file of readdirSync(`${fixturesRoot}article-pair`)) sources.set(`article-pair/${file}`, readFileSync(`${fixturesRoot}article-pair/${file}`, 'utf8'));
  for (const dir of readdirSync(`${fixturesRoot}format`)) {
    const input = `${fixturesRoot}format/${dir}/input.conf`;
    if (existsSync(input)) sources.set(`format/${dir}`, readFileSync(input, 'utf8'));
  }
  return sources;
}

/** A config from `sources` with one to three mutations, as [name, mutations]; `mutatedText` makes the text. */
export function mutatedConfig(sources: Map<string, string>, mutations: fc.Arbitrary<Mutation> = mutation): fc.Arbitrary<[string, Mutation[]]> {
  return fc.tuple(fc.constantFrom(...sources.keys()), fc.array(mutations, { minLength: 1, maxLength: 3 }));
}

export function mutatedText(sources: Map<string, string>, [name, mutations]: [string, Mutation[]]): string {
  return mutations.reduce(mutateText, sources.get(name) ?? '');
}

const pick = <T>(list: readonly T[], variant: number): T => list[variant % list.length]!;

/** Lines without their `\n` (a `\r` before it stays on the line). */
const splitLines = (text: string): string[] => text.split('\n');

/** The index of the first line at or after `at` (wrapping) that passes `test`, or -1. */
function findLine(lines: readonly string[], at: number, test: (line: string) => boolean): number {
  const start = Math.floor(at * lines.length);
  for (let k = 0; k < lines.length; k++) {
    const i = (start + k) % lines.length;
    if (test(lines[i]!)) return i;
  }
  return -1;
}

const hasWords = (line: string): boolean => /\S\s+\S/.test(line.replace(/[#!].*$/, ''));
const isCode = (line: string): boolean => /^\s*[^\s#!]/.test(line);
const hasComment = (line: string): boolean => /[#!]/.test(line);

/** Apply one mutation to a text. */
export function mutateText(text: string, m: Mutation): string {
  const lines = splitLines(text);
  const line = (test: (l: string) => boolean) => findLine(lines, m.at, test);
  const insertAfter = (i: number, ...added: string[]) => lines.splice(i + 1, 0, ...added);
  switch (m.kind) {
    case 'lone-cr': {
      // Between two words: keepalived reads the CR as white space, not as the end of the line.
      const i = line(hasWords);
      if (i < 0) return text;
      lines[i] = lines[i]!.replace(/(\S)([ \t]+)(?=\S)/, (_, a: string, gap: string) => a + pick(['\r', '\r ', ' \r', '\r\t'], m.variant) + (m.variant > 5 ? gap : ''));
      break;
    }
    case 'nul': {
      // keepalived 2.2.7 ignores the rest of the line after a NUL; text after it must stay there.
      const i = line(isCode);
      if (i < 0) return text;
      const tail = pick(['\0 vrrp_script chk { script /bin/true }', '\0', '\0x', ' \0 # hidden', '\0}'], m.variant);
      lines[i] = m.variant % 2 === 0 ? lines[i]!.replace(/\s*$/, tail) : lines[i]!.replace(/(\S)(\s)/, `$1${tail}$2`);
      break;
    }
    case 'long-line': {
      // Up to keepalived's 1,023 bytes and just past it (m.size), or far past it.
      const i = line(isCode);
      if (i < 0) return text;
      const current = lines[i]!.replace(/\s+$/, '');
      const target = m.variant === 11 ? 2 * m.size + 300 : m.size;
      const room = Math.max(1, target - Buffer.byteLength(current, 'utf8') - 1);
      const filler = pick(['word', 'comment', 'spaces', 'quoted'], m.variant);
      if (filler === 'word') lines[i] = `${current} ${'w'.repeat(room)}`;
      else if (filler === 'comment') lines[i] = `${current} #${'c'.repeat(room)}`;
      else if (filler === 'spaces') lines[i] = current.replace(/(\S)(\s+)(?=\S)|$/, (all, a: string | undefined) => (a === undefined ? ' '.repeat(room) + all : a + ' '.repeat(room)));
      else lines[i] = `${current} "${'q'.repeat(Math.max(0, room - 2))}"`;
      break;
    }
    case 'escaped-comment': {
      const escaped = pick(['\\#', '\\!'], m.variant);
      const i = line(isCode);
      if (i < 0) return text;
      const where = Math.floor(m.variant / 2) % 4;
      if (where === 0) lines[i] = lines[i]!.replace(/(\S+)/, `$1 ${escaped}5`);
      else if (where === 1) lines[i] = lines[i]!.replace(/(\s)(\S)(?=\S*\s*$)/, `$1${escaped}$2`);
      else if (where === 2) insertAfter(i, `${lines[i]!.match(/^\s*/)![0]}${escaped}note ${pick(['a', '{ x }', ''], m.variant)}`);
      else lines[i] = lines[i]!.replace(/(\S)(\s*)$/, `$1${escaped}$2`);
      break;
    }
    case 'trailing-backslash': {
      const blanks = pick([' ', '\t', '  ', ' \t', ''], m.variant);
      const onComment = m.variant % 3 === 2;
      const i = line(onComment ? hasComment : isCode);
      if (i < 0) {
        insertAfter(Math.floor(m.at * lines.length), `# see C:\\dir\\${blanks}`);
        break;
      }
      lines[i] = `${lines[i]!.replace(/\s+$/, '')}${onComment ? ' C:\\dir\\' : ' \\'}${blanks}`;
      break;
    }
    case 'multiline-definition': {
      const i = Math.min(lines.length - 1, Math.floor(m.at * lines.length));
      const indent = lines[i]!.match(/^\s*/)![0];
      const variant = m.variant % 6;
      if (variant === 0) {
        // A whitespace-only continuation line: empty, it would end the definition.
        insertAfter(i, `${indent}$MD=weight 1 \\`, pick(['   ', '\t', '  \\', ' \t '], m.variant), `${indent}weight 2`, `${indent}$MD`);
      } else if (variant === 1) {
        // After a `{` on the same line.
        const j = line((l) => /\{\s*$/.test(l));
        if (j < 0) return text;
        lines[j] = `${lines[j]!.replace(/\s+$/, '')} $MD=weight 1 \\`;
        insertAfter(j, `${indent}    weight 2`);
      } else if (variant === 2) {
        // A comment ending in `\` inside the definition (2.2.7 reads it as a continuation).
        insertAfter(i, `${indent}$MD=weight 1 \\`, `${indent}# note \\`, `${indent}weight 2`, `${indent}$MD`);
      } else if (variant === 3) {
        // A comment ending in `\` on the definition line, then a blank line: 2.2.7 ends it there.
        insertAfter(i, `${indent}$MD=weight 1 # see \\`, '', `${indent}weight 2`, `${indent}$MD`);
      } else if (variant === 4) {
        // Comment-only and blank lines between the lines of a definition.
        insertAfter(i, '$MD= \\', '  # the instance', 'vrrp_script chk_md { \\', '', '  script /bin/true \\', '}', '$MD');
      } else {
        // Nested multi-line definitions used at the end of a line.
        insertAfter(i, '$MI=weight 1 \\', '  weight 2', '$MO=priority 1 \\', '  $MI', `${indent}$MO`);
      }
      break;
    }
    case 'unicode-space': {
      const space = pick(['\u00a0', '\ufeff', '\u00a0\u00a0', '\u2003'], m.variant);
      const i = line(hasComment);
      const withSlash = m.variant >= 6 ? '\\' : '';
      if (i < 0) insertAfter(Math.floor(m.at * lines.length), `# note${withSlash}${space}`);
      else lines[i] = `${lines[i]!.replace(/\s+$/, '')}${withSlash}${space}`;
      break;
    }
    case 'ff-vt-value': {
      const space = pick(['\f', '\v', ' \f', '\v\t'], m.variant);
      const i = Math.min(lines.length - 1, Math.floor(m.at * lines.length));
      const variant = Math.floor(m.variant / 4);
      if (variant === 0) insertAfter(i, `$FV=value${space}`, `${lines[i]!.match(/^\s*/)![0]}word \${FV}x`);
      else if (variant === 1) insertAfter(i, `include /etc/keepalived/conf.d/*.conf${space}`);
      else {
        const j = line((l) => /^\s*(\$\w+=|include\s)/.test(l));
        if (j < 0) insertAfter(i, `$FV=${space}`);
        else lines[j] = `${lines[j]!.replace(/[ \t]+$/, '')}${space}`;
      }
      break;
    }
    case 'glued-brace': {
      const i = line((l) => /[{}]/.test(l.replace(/[#!].*$/, '')));
      if (i < 0) return text;
      const glue = m.variant % 4;
      if (glue === 0) lines[i] = lines[i]!.replace(/\s+\{/, '{');
      else if (glue === 1) lines[i] = lines[i]!.replace(/\{\s+/, '{');
      else if (glue === 2) lines[i] = lines[i]!.replace(/\s+\}/, '}');
      else if (i + 1 < lines.length) {
        // Join the brace line with the next one: `}` glued to the following word.
        lines.splice(i, 2, lines[i]!.replace(/\s+$/, '') + lines[i + 1]!.replace(/^\s+/, ''));
      }
      break;
    }
    case 'undefined-reference': {
      const i = line(isCode);
      if (i < 0) return text;
      const reference = pick(['${UNDEF}', '$UNDEF', 'x${UNDEF}y', '${UNDEF 1}'], m.variant);
      if (m.variant % 2 === 0) lines[i] = `${lines[i]!.replace(/\s+$/, '')} ${reference}`;
      else lines[i] = lines[i]!.replace(/(\S+)(\s*)$/, `${reference}$2`);
      break;
    }
    case 'at-prefix': {
      const i = line(isCode);
      if (i < 0) return text;
      const prefix = pick(['@ha1 ', '@^ha1 ', '@ha2\t', '@^ha2  ', '@ha1', '@ha1 @ha2 '], m.variant);
      lines[i] = lines[i]!.replace(/^(\s*)/, `$1${prefix}`);
      break;
    }
    case 'crlf': {
      const all = m.variant % 3 !== 2;
      const from = all ? 0 : Math.floor(m.at * lines.length);
      for (let i = from; i < lines.length - 1; i++) if (!lines[i]!.endsWith('\r')) lines[i] += '\r';
      if (m.variant % 3 === 1) lines[Math.floor(m.at * (lines.length - 1))] += '\r';
      break;
    }
    case 'quoted-spacing': {
      // Words that a script keyword reads apart from how the word splitter does.
      const i = line((l) => /^\s*(notify\w*|script|misc_path)\s/.test(l)) >= 0 ? line((l) => /^\s*(notify\w*|script|misc_path)\s/.test(l)) : line(isCode);
      if (i < 0) return text;
      const added = pick([" 'a   b'", ' a\\  b', ' x"y z"', " 'it''s'", ' "a  b"\'c  d\'', ' \\ '], m.variant);
      lines[i] = `${lines[i]!.replace(/\s*$/, '')}${added}`;
      break;
    }
  }
  return lines.join('\n');
}

/**
 * The formatter's promise, checked independently of its own guard: it refuses `text`, or its
 * output reads, to keepalived 2.2.7 and to later releases, exactly as `text` does. Null when it
 * holds, else what went wrong.
 */
export function formattingKeepsReading(text: string): string | null {
  // `verify: false` skips the formatter's own final check, so this property does not rely on it.
  const result = format(text, { verify: false });
  if (result.refused !== undefined || !result.changed) return null;
  for (const version of ['2.2.7', 'newer'] as const) {
    if (!sameKeepalivedReading(text, result.text, { version })) {
      return `keepalived ${version} reads the formatted text differently:\n--- input ${JSON.stringify(text)}\n--- output ${JSON.stringify(result.text)}`;
    }
  }
  return null;
}
