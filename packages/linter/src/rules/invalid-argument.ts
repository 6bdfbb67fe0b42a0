import { argSpecAt, compareVersions, type ArgSpec, type ArgSpecAt, type KeywordSpec, type MulticastRule } from '@kalint/grammar';
import {
  ADVERT_INT_DEFAULT,
  childrenAt,
  DEFAULT_SCHEDULER,
  inetAton,
  isIPv4,
  isMulticast,
  knownChildren,
  lastChildAt,
  multicastScope,
  PRIORITY_DEFAULT,
  readPrefixedAddress,
  socketAddressFamily,
  span,
} from '@kalint/model';
import type { Located, Statement, Word } from '@kalint/parser';
import { joinOr, leftover, leftoverNote, releaseLabel, suggest } from '../messages.js';
import type { Report, Rule } from '../types.js';

/** Linux interface names hold at most 15 characters (IFNAMSIZ - 1). */
const IFNAME_MAX = 15;

/** What keepalived does with a rejected value, where the handler's behaviour is known (the defaults are the model's). */
const CONSEQUENCE: Record<string, string> = {
  'vrrp_instance/priority': `keepalived uses the default priority ${PRIORITY_DEFAULT} instead`,
  'vrrp_instance/advert_int': `keepalived ignores it: the interval stays what an earlier advert_int line set, else the default of ${ADVERT_INT_DEFAULT} second`,
  'vrrp_instance/virtual_router_id': 'keepalived ignores it, so the instance has no VRID and fails validation',
  'vrrp_instance/state': 'keepalived starts the instance as BACKUP',
  'vrrp_instance/authentication/auth_type': 'keepalived ignores it: the instance keeps what an earlier auth_type line set, else runs without authentication',
  'virtual_server/lb_algo': `keepalived ignores it: the scheduler stays what an earlier line set, else the default ${DEFAULT_SCHEDULER}`,
  'virtual_server/lvs_sched': `keepalived ignores it: the scheduler stays what an earlier line set, else the default ${DEFAULT_SCHEDULER}`,
  'virtual_server/lb_kind': 'keepalived ignores it: the forwarding method stays what an earlier line set, else the default NAT',
  'virtual_server/lvs_method': 'keepalived ignores it: the forwarding method stays what an earlier line set, else the default NAT',
  'virtual_server/protocol': 'keepalived ignores it: the protocol stays what an earlier line set, else an address service is set up as UDP',
  'virtual_server/quorum': 'keepalived uses 1 instead',
  'virtual_server': 'keepalived skips the whole virtual_server block',
  'virtual_server/real_server': 'keepalived skips the whole real_server block',
  'virtual_server/persistence_timeout': 'keepalived ignores it',
  'vrrp_script/weight': 'keepalived reports it but still uses the value',
};

/** Block keywords whose handler wants exactly one name and skips the block otherwise. */
const EXACTLY_ONE_NAME = new Set(['vrrp_instance', 'vrrp_sync_group', 'track_group']);

/** Keywords whose leading words the schema cannot place (`use_vmac [name] NAME [MAC] ...`): only option values are checked. */
const LOOSE_POSITIONALS = new Set(['vrrp_instance/use_vmac', 'vrrp_instance/use_ipvlan']);

/** Option words keepalived accepts after a virtual/excluded/static address (vrrp_ipaddress.c). */
const ADDRESS_FLAGS = new Set(['home', '-nodad', 'mngtmpaddr', 'noprefixroute', 'autojoin', 'no_track']);
const ADDRESS_OPTIONS_WITH_VALUE = new Set(['dev', 'scope', 'broadcast', 'brd', 'label', 'peer', 'preferred_lft']);

const VIP_BLOCKS = new Set(['vrrp_instance/virtual_ipaddress', 'vrrp_instance/virtual_ipaddress_excluded', 'static_ipaddress']);

function fmt(n: number): string {
  if (Number.isInteger(n) || Math.abs(n) >= 1e-6) return String(n);
  return n.toFixed(6);
}

function range(spec: ArgSpec): string {
  return `[${spec.min !== undefined ? fmt(spec.min) : '-∞'}, ${spec.max !== undefined ? fmt(spec.max) : '∞'}]`;
}

interface Problem {
  text: string;
  /** A warning: keepalived accepts the word but it is surely not what was meant. */
  warning?: boolean;
  /** keepalived reports the value but uses it rounded. */
  rounding?: boolean;
  /** What keepalived does, when it does not depend on the keyword. */
  consequence?: string;
  /** A suggestion, appended after the consequence. */
  hint?: string;
}

const BOOLEAN_WORDS = new Set(['true', 'on', 'yes', 'false', 'off', 'no']);
const TRUE_WORDS = new Set(['true', 'on', 'yes']);

/** `text.replace(/^\s+/, '')`, without the regex for the usual word that starts with no blank. */
function trimStart(text: string): string {
  const c = text.charCodeAt(0);
  return c <= 32 || c === 0xa0 || c >= 0x1680 || Number.isNaN(c) ? text.replace(/^\s+/, '') : text;
}

/** `/^[+-]?\d+$/.test(text)`, hand-written: it runs for every number word. */
function isInteger(text: string): boolean {
  let i = text.charCodeAt(0) === 43 || text.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= text.length) return false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** What is wrong with one word for its spec, or null. */
export function wordProblem(word: Word, spec: ArgSpec): Problem | null {
  const t = word.text;
  switch (spec.kind) {
    case 'integer':
    case 'port': {
      const s = trimStart(t);
      if (spec.namedValues && !isInteger(s)) {
        const ok = spec.caseInsensitive ? spec.namedValues.some((v) => v.toLowerCase() === t.toLowerCase()) : spec.namedValues.includes(t);
        return ok ? null : { text: `\`${t}\` is neither a whole number nor ${joinOr(spec.namedValues.map((v) => `\`${v}\``))}${leftoverNote(t)}` };
      }
      if (!isInteger(s)) return { text: `\`${t}\` is not a whole number${leftoverNote(t)}`, ...(spec.leadingNumber ? leadingNumberConsequence(s, spec) : {}) };
      const n = Number(s);
      if (n === 0 && spec.zeroBecomes !== undefined) return zeroProblem(t, spec);
      const min = spec.min ?? (spec.kind === 'port' ? 1 : undefined);
      const max = spec.max ?? (spec.kind === 'port' ? 65535 : undefined);
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
        if (n < 0 && (min ?? 0) >= 0) return { text: `\`${t}\` is negative (the range is ${range({ ...spec, min, max })})` };
        return { text: `\`${t}\` is outside the range ${range({ ...spec, min, max })}` };
      }
      return null;
    }
    case 'decimal': {
      const s = trimStart(t);
      if (s.startsWith('-')) {
        if (/^-(\d+\.?\d*|\.\d+)$/.test(s)) return { text: `\`${t}\` is negative; the range is ${range(spec)}` };
        return { text: `\`${t}\` is not a number${leftoverNote(t)}` };
      }
      if (!/^\+?(\d+\.?\d*|\.\d+)$/.test(s)) return { text: `\`${t}\` is not a number${leftoverNote(t)}` };
      const n = Number(s);
      const places = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
      const rounded = spec.places !== undefined && places > spec.places ? Number(n.toFixed(spec.places)) : n;
      if (rounded === 0 && spec.zeroBecomes !== undefined) return zeroProblem(t, spec);
      if ((spec.min !== undefined && rounded < spec.min - 1e-12) || (spec.max !== undefined && rounded > spec.max + 1e-12)) {
        return { text: `\`${t}\` is outside the range ${range(spec)}` };
      }
      if (spec.places !== undefined && places > spec.places) {
        return {
          text: `\`${t}\` has ${places} decimal places; keepalived takes at most ${spec.places}, reports the value and rounds it to ${fmt(rounded)}`,
          rounding: true,
        };
      }
      return null;
    }
    case 'boolean':
      if (BOOLEAN_WORDS.has(t)) return null;
      return { text: `\`${t}\` is not a boolean: keepalived accepts true, on, yes, false, off or no (lower case)${leftoverNote(t)}` };
    case 'enum': {
      const values = spec.values ?? [];
      const ok = spec.caseInsensitive ? values.some((v) => v.toLowerCase() === t.toLowerCase()) : values.includes(t);
      if (ok) return null;
      const { caseOnly, near } = suggest(t, values);
      const hint = caseOnly.length > 0 ? `keepalived compares it case-sensitively: write \`${caseOnly[0]}\`.` : near.length > 0 ? `Did you mean \`${near[0]}\`?` : undefined;
      return { text: `\`${t}\` is not one of ${joinOr(values.map((v) => `\`${v}\``))}${leftoverNote(t)}`, ...(hint ? { hint } : {}) };
    }
    case 'ip': {
      if (socketAddressFamily(t) === null) return { text: `\`${t}\` is not an IP address${leftoverNote(t)}` };
      return spec.multicast ? multicastProblem(t, spec.multicast) : null;
    }
    case 'ipv4': {
      if (socketAddressFamily(t) !== 4) return { text: `\`${t}\` is not an IPv4 address${leftoverNote(t)}` };
      return spec.multicast ? multicastProblem(t, spec.multicast) : null;
    }
    case 'ipv6': {
      if (socketAddressFamily(t) !== 6) return { text: `\`${t}\` is not an IPv6 address${leftoverNote(t)}` };
      return spec.multicast ? multicastProblem(t, spec.multicast) : null;
    }
    case 'cidr':
      return addressWithPrefixProblem(t)?.problem ?? null;
    case 'interface': {
      const missing = 'no interface can have this name, so keepalived reports the interface as missing';
      if (leftover(t)) return { text: `\`${t}\` is not an interface name${leftoverNote(t)}`, consequence: missing };
      if (/[/\s]/.test(t) || t === '') return { text: `\`${t}\` cannot be an interface name (no '/' or blanks allowed)`, consequence: missing };
      if (t.length > IFNAME_MAX) return { text: `\`${t}\` is longer than ${IFNAME_MAX} characters, the limit for Linux interface names`, consequence: 'keepalived reports it and ignores it' };
      return null;
    }
    case 'string':
    case 'name':
    case 'path':
      if (spec.pattern !== undefined && !new RegExp(spec.pattern).test(t)) return { text: `\`${t}\` is not ${spec.patternName ?? `of the form ${spec.pattern}`}${leftoverNote(t)}` };
      if (leftover(t)) {
        const what = leftover(t) === 'parameter' ? 'a `$` parameter that no definition replaced' : 'a placeholder that was never filled in';
        return { text: `\`${t}\` looks like ${what}`, warning: true, consequence: 'keepalived uses the text as it is' };
      }
      return null;
    default:
      return null;
  }
}

/** A value of 0 (as written, or after rounding) that keepalived replaces by `spec.zeroBecomes`. */
function zeroProblem(text: string, spec: ArgSpec): Problem {
  const zero = /^\s*\+?0*\.?0*$/.test(text) ? `\`${text}\` is` : `\`${text}\` rounds to 0,`;
  return { text: `${zero} below the range ${range(spec)}`, consequence: `keepalived reports it and uses ${spec.zeroBecomes} instead` };
}

/**
 * What keepalived makes of a number word with trailing text (`1.5`) where it reads the number it
 * starts with (`ArgSpec.leadingNumber`): it reports the word, then uses that number if it is in range.
 */
function leadingNumberConsequence(text: string, spec: ArgSpec): Pick<Problem, 'consequence'> {
  const digits = /^\+?(\d+)/.exec(text)?.[1];
  if (digits === undefined) return {};
  const n = Number(digits);
  if (n === 0 && spec.zeroBecomes !== undefined) return { consequence: `keepalived reports it, reads 0 and uses ${spec.zeroBecomes} instead` };
  if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return {};
  return { consequence: `keepalived reports it and uses ${n}, the whole number it starts with` };
}

/** A valid address that keepalived does not take as a multicast group under `rule`. */
function multicastProblem(text: string, rule: MulticastRule): Problem | null {
  if (socketAddressFamily(text) === 4) {
    return isMulticast(text) ? null : { text: `\`${text}\` is not a multicast address (IPv4 groups are 224.0.0.0 to 239.255.255.255)` };
  }
  if (!isMulticast(text)) return { text: `\`${text}\` is not a multicast address (IPv6 groups start with ff)` };
  if (rule === 'any' || multicastScope(text) === 2) return null;
  const problem = `\`${text}\` is not a link-local multicast group (ffx2::, such as ff02::12)`;
  if (rule === 'link-local') return { text: problem };
  return { text: problem, warning: true, consequence: 'keepalived reports it but uses it; VRRP adverts never leave the link, so peers normally use a link-local group' };
}

/** The `umask` bit words and numbers keepalived reads (`ArgSpec` kind `bitmask`): the first problem, at its word. */
function bitmaskProblem(words: readonly Word[], spec: ArgSpec): { at: Located; problem: Problem } | null {
  const first = words[0]!;
  const max = spec.max ?? Infinity;
  if (/^[0-9]/.test(first.text)) {
    if (words.length > 1) return { at: span(words.slice(1)), problem: { text: `a numeric mask is one word, but \`${words.slice(1).map((w) => w.text).join(' ')}\` follows it` } };
    const t = first.text;
    // C's strtol with base 0: 0x.. hex, 0.. octal, else decimal; keepalived wants it to read the whole word.
    const n = /^0[xX][0-9a-fA-F]+$/.test(t) ? Number.parseInt(t.slice(2), 16) : /^0[0-7]*$/.test(t) ? Number.parseInt(t, 8) : /^[1-9][0-9]*$/.test(t) ? Number(t) : null;
    if (n === null) return { at: first, problem: { text: `\`${t}\` is not a number as C reads it (022 octal, 0x12 hex, 18 decimal)` } };
    if (n > max) return { at: first, problem: { text: `\`${t}\` is above 0${max.toString(8)}` } };
    return null;
  }
  const bits = spec.values ?? [];
  let needJoin = false;
  for (const word of words) {
    const t = word.text;
    for (let p = 0; p < t.length; ) {
      if (needJoin) {
        if (t[p] !== '|') return { at: word, problem: { text: `in \`${t}\` the bits are not joined by '|'` } };
        needJoin = false;
        p++;
        continue;
      }
      if (!bits.includes(t.slice(p, p + 5))) {
        const rest = t.slice(p);
        return { at: word, problem: { text: `\`${rest}\`${rest === t ? '' : ` in \`${t}\``} is not a permission bit (${joinOr(bits)})${leftoverNote(t)}` } };
      }
      p += 5;
      needJoin = true;
    }
  }
  if (!needJoin) return { at: words[words.length - 1]!, problem: { text: `the mask ends with '|' and no bit after it` } };
  return null;
}

/** What is wrong with `ADDRESS[/PREFIX]` as keepalived reads a virtual address (the model's `readPrefixedAddress`); `fatal` when it skips the line. */
function addressWithPrefixProblem(text: string): { problem: Problem; fatal: boolean } | null {
  const read = readPrefixedAddress(text);
  if (!read.valid) {
    return { problem: { text: `\`${text}\` is not a valid IP${read.family === 6 ? 'v6' : 'v4'} address${leftoverNote(text)}` }, fatal: true };
  }
  if (read.badPrefix !== undefined) {
    return { problem: { text: `the prefix length \`${read.badPrefix}\` of \`${text}\` is not in [0, ${read.width}]; keepalived uses /${read.width} instead` }, fatal: false };
  }
  return null;
}

type Reporter = (r: Report) => void;

function consequence(spec: KeywordSpec, fallback: string): string {
  return CONSEQUENCE[spec.path] ?? fallback;
}

/**
 * Argument specs as the targeted release reads them (`ArgSpec.since`/`older`), each resolved once
 * per run; the `target` is how messages name that release.
 */
interface Versioned {
  target: string;
  at(spec: ArgSpec): ArgSpecAt;
  /** Whether the targeted release is older than `version`. */
  before(version: string): boolean;
}

function versioned(targetVersion: string): Versioned {
  const resolved = new Map<ArgSpec, ArgSpecAt>();
  return {
    target: releaseLabel(targetVersion),
    before: (version) => compareVersions(targetVersion, version) < 0,
    at(spec) {
      if (spec.older === undefined) return spec;
      let found = resolved.get(spec);
      if (!found) resolved.set(spec, (found = argSpecAt(spec, targetVersion)));
      return found;
    },
  };
}

/** ` (accepted from keepalived X on, not by the target)` when only a newer release takes what `check` rejected. */
function newerNote(spec: ArgSpec & { newer?: ArgSpec }, versions: Versioned, accepted: (newer: ArgSpec) => boolean): string {
  const newer = spec.newer;
  if (!newer?.since || !accepted(newer)) return '';
  return ` (keepalived accepts it from ${releaseLabel(newer.since)} on, but not ${versions.target})`;
}

/** Report a problem with an argument of `spec`; `role` names the option it is the value of, if any. */
function reportProblem(spec: KeywordSpec, argSpec: ArgSpec, problem: Problem, note: string, role: string, at: Located, report: Reporter): void {
  const tail = problem.rounding ? '.' : `: ${problem.consequence ?? argSpec.onInvalid ?? consequence(spec, 'keepalived reports it as invalid')}.`;
  const label = problem.warning ? `Suspicious ${argSpec.name}` : `Invalid ${argSpec.name}`;
  report({
    message: `${label} for \`${spec.name}\`${role}: ${problem.text}${note}${tail}${problem.hint ? ` ${problem.hint}` : ''}`,
    at,
    ...(problem.warning ? { severity: 'warning' as const } : {}),
  });
}

/**
 * A word the targeted release does not read at all (`ArgReading.ignored`): it does what the keyword
 * alone does. For a boolean that is true, so only another word changes what the line does, and
 * then to the opposite of what it says (an error); any other ignored word is a warning.
 */
function ignoredWord(spec: KeywordSpec, word: Word, argSpec: ArgSpecAt, versions: Versioned, report: Reporter): void {
  const newer = argSpec.newer;
  const boolean = newer?.kind === 'boolean';
  if (boolean && TRUE_WORDS.has(word.text)) return;
  const from = newer?.since ? ` (it does from ${releaseLabel(newer.since)} on)` : '';
  report({
    message: `keepalived ${versions.target} reads no ${argSpec.name} after \`${spec.name}\`${from}: it ignores \`${word.text}\` without a message and ${argSpec.ignored}.`,
    at: word,
    ...(boolean ? {} : { severity: 'warning' as const }),
  });
}

/** Report a word its spec rejects; `option` is the option word it is the value of. */
function valueProblem(spec: KeywordSpec, word: Word, written: ArgSpec, option: Word | undefined, versions: Versioned, report: Reporter): void {
  const argSpec = versions.at(written);
  if (argSpec.ignored !== undefined) return ignoredWord(spec, word, argSpec, versions, report);
  const problem = wordProblem(word, argSpec);
  if (!problem) return;
  const note = newerNote(argSpec, versions, (newer) => wordProblem(word, newer) === null);
  reportProblem(spec, argSpec, problem, note, option ? ` (option \`${option.text}\`)` : '', word, report);
}

function checkStatement(statement: Statement, parentPath: string, schema: { child(parent: string, name: string): KeywordSpec | undefined }, versions: Versioned, report: Reporter): void {
  const spec = statement.spec;
  if (!spec) return;
  const args = spec.args;
  const words = statement.args;
  const name = spec.name;

  if (EXACTLY_ONE_NAME.has(spec.path)) {
    if (words.length === 0) {
      report({ message: `\`${name}\` needs a name: keepalived reports it and skips the whole block.`, at: statement.keyword });
    } else if (words.length > 1) {
      report({
        message: `\`${name}\` takes exactly one name, not ${words.length} words: keepalived reports it and skips the whole block.`,
        at: span(words.slice(1)),
      });
    }
    return;
  }

  if (words.length < args.min) {
    const missing = args.positional[words.length]?.name ?? 'value';
    report({
      message: `\`${name}\` is missing its ${missing} (usage: \`${args.syntax}\`): keepalived stops reading the configuration at this line and exits with status 2.`,
      at: statement.keyword,
    });
    return;
  }
  if (spec.command) return; // command lines are split by keepalived's shell-like reader, not word by word
  const mask = args.positional[0];
  if (mask?.kind === 'bitmask') {
    // The words form one mask together (`IWGRP | IWOTH`).
    const argSpec = versions.at(mask);
    const found = bitmaskProblem(words, argSpec);
    if (found) reportProblem(spec, argSpec, found.problem, newerNote(argSpec, versions, (newer) => bitmaskProblem(words, newer) === null), '', found.at, report);
    return;
  }

  const options = args.options ?? undefined;
  const loose = LOOSE_POSITIONALS.has(spec.path);
  let pos = 0;
  let usedOption = false;
  let extras: Word[] | undefined;
  let strays: Word[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // A trailing `\` does not continue a keyword line; keepalived glues it to the word before.
    if (word.text === '\\' && i === words.length - 1) continue;
    const isOption = options !== undefined && Object.hasOwn(options, word.text) && !(spec.path === 'virtual_server' && i > 0);
    if (isOption) {
      usedOption = true;
      const optionSpec = options[word.text];
      const since = args.optionsSince?.[word.text];
      if (since && versions.before(since.since)) {
        report({
          message: `keepalived ${versions.target} does not know the option \`${word.text}\` of \`${name}\` (added in ${releaseLabel(since.since)}): ${since.older}.`,
          at: word,
        });
        if (optionSpec) i++;
        continue;
      }
      if (optionSpec) {
        const value = words[i + 1];
        if (!value) {
          report({ message: `Option \`${word.text}\` of \`${name}\` has no ${optionSpec.name}: keepalived reports it and ignores the option.`, at: word });
        } else {
          valueProblem(spec, value, optionSpec, word, versions, report);
          i++;
        }
      }
      continue;
    }
    if (loose) continue;
    if (pos < args.positional.length) {
      valueProblem(spec, word, args.positional[pos++]!, undefined, versions, report);
      continue;
    }
    if (args.rest) {
      valueProblem(spec, word, args.rest, undefined, versions, report);
      continue;
    }
    if (args.max === null) (strays ??= []).push(word);
    else (extras ??= []).push(word);
  }

  if (!usedOption && !loose) {
    let missing: ArgSpec | undefined;
    for (let p = pos; p < args.positional.length && !missing; p++) if (!args.positional[p]!.optional) missing = args.positional[p];
    if (missing) {
      report({
        message: `\`${name}\` has no ${missing.name} (usage: \`${args.syntax}\`): the line sets nothing.`,
        at: statement.keyword,
      });
    }
  }

  if (strays) {
    const known = Object.keys(options ?? {});
    report({
      message: `\`${strays[0]!.text}\` is not an option of \`${name}\`${known.length > 0 ? ` (options: ${known.join(', ')})` : ''}: keepalived reports it.`,
      at: strays[0]!,
    });
  }

  if (extras) {
    const text = extras.map((w) => w.text).join(' ');
    const takes = args.max === 0 ? 'takes no words' : `takes at most ${args.max} word${args.max === 1 ? '' : 's'}`;
    if (spec.block === 'values') {
      report({
        message: `\`${name}\` ${takes} before its '{': keepalived reports "extra parameters" and ignores \`${text}\`.`,
        at: span(extras),
      });
      return;
    }
    // `interface eth0 ; virtual_router_id 51`, `state MASTER priority 200`: a second setting that never applies.
    const semicolon = extras.findIndex((w) => w.text === ';');
    const next = semicolon >= 0 ? extras[semicolon + 1] : extras[0];
    if (next && (semicolon >= 0 || schema.child(parentPath, next.text))) {
      const lost = schema.child(parentPath, next.text) ? `, so \`${next.text}\` is never set` : '';
      report({
        message: `\`${name}\` ${takes}, but this line goes on with \`${text}\`: keepalived does not split lines at ';' or at keywords and ignores the rest of the line${lost}.`,
        at: span(extras),
      });
      return;
    }
    report({
      message: `\`${name}\` ${takes}: keepalived silently ignores \`${text}\`.`,
      at: span(extras),
      severity: 'warning',
    });
  }
}

function checkAddressItem(words: Word[], owner: Statement, report: Reporter): void {
  const statik = owner.path === 'static_ipaddress';
  const first = words[0]!;
  const addr = addressWithPrefixProblem(first.text);
  if (addr) {
    report({
      message: `Invalid address in \`${owner.keyword.text}\`: ${addr.problem.text}${addr.fatal ? ': keepalived skips this line' : ''}.`,
      at: first,
    });
    if (addr.fatal) return;
  }
  const v6 = readPrefixedAddress(first.text).family === 6;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const option = word.text;
    if (ADDRESS_FLAGS.has(option) || (!statik && option === 'use_vmac')) continue;
    if (ADDRESS_OPTIONS_WITH_VALUE.has(option) || (statik && option === 'track_group')) {
      const value = words[i + 1];
      if (!value) {
        report({ message: `\`${option}\` after \`${first.text}\` has no value: keepalived reports it and drops the address.`, at: word });
        return;
      }
      i++;
      const v = value.text;
      let problem: string | undefined;
      let drops = false;
      if (option === 'dev') {
        const p = wordProblem(value, { name: 'INTERFACE', kind: 'interface' });
        if (p) ((problem = p.text), (drops = true));
      } else if (option === 'broadcast' || option === 'brd') {
        if (v6) ((problem = `an IPv6 address has no broadcast address`), (drops = true));
        else if (v !== '-' && v !== '+' && !isIPv4(v)) ((problem = `\`${v}\` is not an IPv4 broadcast address (or '+' / '-')`), (drops = true));
      } else if (option === 'label') {
        if (v.length > IFNAME_MAX) ((problem = `the label \`${v}\` is longer than ${IFNAME_MAX} characters`), (drops = true));
      } else if (option === 'peer') {
        if (!readPrefixedAddress(v, false).valid) problem = `\`${v}\` is not an IP address, so keepalived ignores the peer`;
      } else if (option === 'preferred_lft') {
        if (v !== 'forever' && !(/^\s*\+?\d+$/.test(v) && Number(v) <= 4294967295)) problem = `\`${v}\` is neither \`forever\` nor a number of seconds, so keepalived ignores it`;
      }
      if (problem) {
        report({
          message: `Invalid \`${option}\` for \`${first.text}\` in \`${owner.keyword.text}\`: ${problem}${drops ? '; keepalived drops the address' : ''}.`,
          at: value,
        });
        if (drops) return;
      }
      continue;
    }
    const looksLikeAddress = socketAddressFamily(option) !== null;
    report({
      message: `\`${option}\` is not an option keepalived accepts after an address in \`${owner.keyword.text}\`: keepalived reports an unknown configuration entry and ignores it.${looksLikeAddress ? ' Put each address on a line of its own.' : ''}`,
      at: word,
    });
  }
}

/** One line of a `virtual_server_group`: `ADDRESS[-END|/MASK] [PORT]` or `fwmark MARK [inet|inet6]`; keepalived skips a line it cannot read. */
function checkGroupItem(words: Word[], report: Reporter): void {
  const [first, second, third] = words as [Word, Word | undefined, Word | undefined];
  const skips = ': keepalived reports it and skips this line.';
  if (first.text === 'fwmark') {
    if (!second) return; // keepalived reads a missing mark as an empty word: not checked here
    const problem = wordProblem(second, { name: 'FWMARK', kind: 'integer', min: 0, max: 4294967295 });
    if (problem) report({ message: `Invalid fwmark in \`virtual_server_group\`: ${problem.text}${skips}`, at: second });
    else if (third && third.text !== 'inet' && third.text !== 'inet6') report({ message: `Invalid family for fwmark ${second.text} in \`virtual_server_group\`: \`${third.text}\` is not \`inet\` or \`inet6\`${skips}`, at: third });
    return;
  }
  if (socketAddressFamily(first.text) === null) {
    report({ message: `Invalid address in \`virtual_server_group\`: \`${first.text}\` is not an IP address${leftoverNote(first.text)}${skips}`, at: first });
    return;
  }
  // A port of 0 (or 00...) means none; anything else must be a port number.
  if (second && !/^0+$/.test(second.text)) {
    const problem = wordProblem(second, { name: 'PORT', kind: 'port', min: 1, max: 65535 });
    if (problem) report({ message: `Invalid port for \`${first.text}\` in \`virtual_server_group\`: ${problem.text}${skips}`, at: second });
  }
}

function checkUnicastPeer(words: Word[], report: Reporter): void {
  const first = words[0]!;
  if (socketAddressFamily(first.text) === null) {
    report({ message: `Invalid \`unicast_peer\` address: \`${first.text}\` is not an IP address${leftoverNote(first.text)}: keepalived skips this peer.`, at: first });
    return;
  }
  for (let i = 1; i < words.length; i += 2) {
    const option = words[i]!;
    const value = words[i + 1];
    if (option.text !== 'min_ttl' && option.text !== 'max_ttl') {
      const looksLikeAddress = socketAddressFamily(option.text) !== null;
      report({
        message: `\`${option.text}\` is not a unicast_peer option (min_ttl, max_ttl): keepalived reports it and ignores the rest of the line.${looksLikeAddress ? ' Put each peer on a line of its own.' : ''}`,
        at: option,
      });
      return;
    }
    if (!value) {
      report({ message: `\`${option.text}\` of unicast peer \`${first.text}\` has no value: keepalived reports it.`, at: option });
      return;
    }
    const problem = wordProblem(value, { name: 'TTL', kind: 'integer', min: 0, max: 255 });
    if (problem) report({ message: `Invalid \`${option.text}\` for unicast peer \`${first.text}\`: ${problem.text}: keepalived ignores it.`, at: value });
  }
}

/** Rule options (`static_rules`, `virtual_rules`) whose next word is their value, so never `from`/`to`. */
const RULE_VALUE_OPTIONS = new Set(['table', 'lookup', 'preference', 'order', 'priority', 'tos', 'dsfield', 'fwmark', 'realms', 'goto', 'iif', 'oif', 'uidrange', 'sport', 'dport', 'ipproto', 'protocol', 'suppress_prefixlength', 'suppress_ifgroup', 'tun_id', 'track_group']);

/** The words keepalived's rule parser takes for "any address" after `from` and `to`. */
const ANY_ADDRESS = new Set(['default', 'any', 'all', 'default6']);

/** The `from` and `to` addresses of a `static_rules`/`virtual_rules` line: keepalived drops a rule whose address does not parse. */
function checkRuleItem(words: Word[], owner: Statement, report: Reporter): void {
  for (let i = 0; i < words.length; i++) {
    const option = words[i]!.text;
    if (RULE_VALUE_OPTIONS.has(option)) {
      i++;
      continue;
    }
    if (option !== 'from' && option !== 'to') continue;
    const value = words[++i];
    if (!value || ANY_ADDRESS.has(value.text)) continue;
    const problem = addressWithPrefixProblem(value.text);
    if (!problem) continue;
    report({
      message: `Invalid \`${option}\` address in \`${owner.keyword.text}\`: ${problem.problem.text}${problem.fatal ? ': keepalived reports it and drops this rule' : ''}.`,
      at: value,
    });
    if (problem.fatal) return;
  }
}

/**
 * `track_interface` items naming the instance's own interface: keepalived drops each ("Ignoring
 * track_interface X since own interface"), since an instance follows its own interface anyway.
 */
function checkOwnInterface(statement: Statement, report: Reporter): void {
  const own = lastChildAt(statement, 'vrrp_instance/interface')?.args[0];
  if (!own) return;
  const ignoresOwn = childrenAt(statement, 'vrrp_instance/dont_track_primary').length > 0;
  for (const tracking of childrenAt(statement, 'vrrp_instance/track_interface')) {
    for (const item of tracking.block?.body ?? []) {
      if (item.type !== 'Value') continue;
      const name = item.words[0];
      if (name?.text !== own.text) continue;
      const weight = item.words[1]?.text === 'weight' ? item.words[2]?.text : undefined;
      const then = ignoresOwn
        ? `; with \`dont_track_primary\` the instance then does not react to \`${own.text}\` going down at all`
        : `; the instance goes to FAULT when its own interface goes down anyway${weight !== undefined && weight !== '0' ? `, so the weight ${weight} is never applied` : ''}`;
      report({
        message: `\`${own.text}\` is this instance's own interface (\`interface ${own.text}\`): keepalived ignores the line ("Ignoring track_interface ${own.text} since own interface")${then}.`,
        at: name,
        severity: 'warning',
      });
    }
  }
}

/**
 * A `notification_email` block with no address: keepalived reports it; with no recipient at all
 * it sends no alert e-mail.
 */
function checkEmptyEmails(statement: Statement, siblings: readonly Statement[], report: Reporter): void {
  const hasAddress = (s: Statement) => (s.block?.body ?? []).some((n) => n.type === 'Include' || (n.type === 'Value' && n.words.length > 0));
  if (!statement.block || statement.block.kind !== 'values' || hasAddress(statement)) return;
  const others = siblings.some((s) => s !== statement && s.path === statement.path && hasAddress(s));
  report({
    message:
      `Empty \`notification_email\` block: keepalived reports it ("empty notification_email block") and adds no recipient` +
      (others ? '.' : ', so with no recipient at all it sends no alert e-mail.'),
    at: statement.keyword,
    severity: 'warning',
  });
}

function dotted(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** The address family a virtual_server line gives its service, or null (fwmark, group). */
function serviceFamily(virtualServer: Statement): 4 | 6 | null {
  const first = virtualServer.args[0]?.text;
  if (first === undefined || first === 'fwmark' || first === 'group') return null;
  return socketAddressFamily(first);
}

const TUNNEL = (s: Statement) => (s.path?.endsWith('/lb_kind') || s.path?.endsWith('/lvs_method')) && s.args[0]?.text === 'TUN';

/**
 * `persistence_granularity`: a netmask on an IPv4 virtual server (anything glibc's `inet_aton`
 * reads), a prefix length 1..128 on an IPv6 one. A fwmark or group virtual server whose family is
 * not set yet at this line takes it from the word: with a '.' it is IPv4, without one IPv6, and
 * keepalived then skips the real servers of the other family.
 */
function checkPersistenceGranularity(statement: Statement, virtualServer: Statement, report: Reporter): void {
  const word = statement.args[0];
  if (!word) return;
  const t = word.text;
  const body = childrenAt(virtualServer, 'virtual_server/real_server');
  const siblings = knownChildren(virtualServer);
  const before = siblings.slice(0, siblings.indexOf(statement));
  const tunnels = siblings.some(TUNNEL) || body.some((rs) => childrenAt(rs, 'virtual_server/real_server/lvs_method').some(TUNNEL));
  let family = serviceFamily(virtualServer);
  let fromWord = false;
  if (family === null) {
    const declared = before.filter((s) => s.path === 'virtual_server/ip_family').at(-1)?.args[0]?.text;
    const server = tunnels ? undefined : before.find((s) => s.path === 'virtual_server/real_server' && socketAddressFamily(s.args[0]?.text ?? '') !== null);
    if (declared === 'inet' || declared === 'inet6') family = declared === 'inet' ? 4 : 6;
    else if (server) family = socketAddressFamily(server.args[0]!.text);
    else ((family = t.includes('.') ? 4 : 6), (fromWord = true));
  }
  const ignored = 'keepalived reports it and ignores the line, so each client address stays a persistence group of its own';
  if (family === 6) {
    if (!/^[0-9]+$/.test(t) || Number(t) < 1 || Number(t) > 128) {
      const why = fromWord ? ' (the virtual server has no family yet at this line, and a word without a \'.\' makes keepalived read an IPv6 prefix length)' : '';
      report({ message: `Invalid NETMASK for \`persistence_granularity\`: an IPv6 virtual server takes a prefix length 1..128, not \`${t}\`${why}: ${ignored}.`, at: word });
      return;
    }
  } else {
    const mask = inetAton(t);
    if (mask === null) {
      report({ message: `Invalid NETMASK for \`persistence_granularity\`: \`${t}\` is not an IPv4 netmask (such as 255.255.255.0)${leftoverNote(t)}: ${ignored}.`, at: word });
      return;
    }
    const inverted = 2 ** 32 - 1 - mask;
    if ((inverted & (inverted + 1)) !== 0 || inverted + 1 > 2 ** 32) {
      const prefix = /^[0-9]+$/.test(t) && Number(t) <= 32 ? ` For a /${t}, write ${dotted(2 ** 32 - 2 ** (32 - Number(t)))}.` : '';
      report({
        message: `Suspicious NETMASK for \`persistence_granularity\`: keepalived reads \`${t}\` as the netmask ${dotted(mask)}, which is not a contiguous netmask: persistence then groups clients by those bits of their address alone.${prefix}`,
        at: word,
        severity: 'warning',
      });
    }
  }
  if (!fromWord || tunnels) return;
  // The word set the family: real servers of the other family are skipped when their block ends.
  const other = body.filter((rs) => rs.range.start.offset > statement.range.start.offset && socketAddressFamily(rs.args[0]?.text ?? '') === (family === 6 ? 4 : 6));
  if (other.length === 0) return;
  report({
    message:
      `\`persistence_granularity ${t}\` sets the family of this virtual server, which has none yet at this line: ${family === 6 ? 'without' : 'with'} a '.' keepalived makes it IPv${family}, ` +
      `then skips its IPv${family === 6 ? 4 : 6} real servers (${other.map((rs) => `\`${rs.args[0]!.text}\``).join(', ')}: "Address family of virtual server and real server ... don't match"). ` +
      `Write \`ip_family inet${family === 6 ? '' : '6'}\` before it${family === 6 ? ' and an IPv4 netmask' : ''}.`,
    at: word,
  });
}

/** Argument words that keepalived rejects, or ignores, for the keyword they follow. */
export const invalidArgument: Rule = {
  meta: {
    id: 'invalid-argument',
    description: 'Argument words keepalived rejects: missing values, numbers out of range, unknown enum words, malformed addresses, extra words',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  file(file, context) {
    const { schema, targetVersion } = context;
    const report = context.reportOncePerPlace;
    const versions = versioned(targetVersion);
    // Each statement, then (for a known value block) its items, in document order.
    const { statements, scopes } = file.node.index;
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i]!;
      const { parentPath, owner } = scopes[i]!;
      checkStatement(statement, parentPath, schema, versions, report);
      const path = statement.path;
      if (path === 'vrrp_instance') checkOwnInterface(statement, report);
      else if (path === 'virtual_server/persistence_granularity' && owner) checkPersistenceGranularity(statement, owner, report);
      else if (path === 'global_defs/notification_email') checkEmptyEmails(statement, owner ? childrenAt(owner, path) : [statement], report);
      const block = statement.block;
      if (!block || block.kind !== 'values' || path === null) continue;
      const address = VIP_BLOCKS.has(path);
      const group = path === 'virtual_server_group';
      const rules = path === 'static_rules' || path === 'vrrp_instance/virtual_rules';
      if (!address && !group && !rules && path !== 'vrrp_instance/unicast_peer') continue;
      for (const item of block.body) {
        if (item.type !== 'Value' || item.words.length === 0) continue;
        if (address) checkAddressItem(item.words, statement, report);
        else if (group) checkGroupItem(item.words, report);
        else if (rules) checkRuleItem(item.words, statement, report);
        else checkUnicastPeer(item.words, report);
      }
    }
  },
};
