/**
 * `kalint fmt [--check | --diff | --write] FILE|DIR|GLOB...` and `kalint fmt -`: lay keepalived
 * configs out canonically with `@kalint/formatter`. Files are found as the lint command finds them.
 *
 * Nothing is written without `--write`: plain `kalint fmt FILE...` behaves as `--check` (names
 * the files that would change, exits 1), so running it by mistake never rewrites a config. Only
 * standard input (`kalint fmt -`) is formatted to standard output, as a filter for editors.
 *
 * The indentation unit of each file: `--indent` over the nearest `.kalintrc.json`'s
 * `format.indent` over `.editorconfig` (`indent_style`, `indent_size`, `tab_width`) over 4 spaces.
 */
import { resolve } from 'node:path';
import type { FormatResult } from '@kalint/formatter';
import { parseCommandLine } from './args.js';
import { ConfigResolver, display } from './config.js';
import { MAX_INDENT, parseIndent } from '@kalint/node';
import { discover } from './discover.js';
import { UsageError, type Io } from './io.js';
import type { RunOptions } from './lint-command.js';
import { parseMaxFileSize, readInput, readStdin } from './read-input.js';

export const fmtUsage = `Usage: kalint fmt [options] FILE|DIR|GLOB...
       kalint fmt [options] -

Format keepalived configurations: indentation, line breaks and spacing only, never a word or a
comment. A file with syntax errors is left as it is. Files, directories and globs are found as
kalint finds them for linting. Nothing is written without --write: by default kalint fmt names
the files that would change and exits 1, as --check does. 'kalint fmt -' formats standard input
to standard output.

Options:
  --check                name each file that would change (the default)
  --diff                 print a unified diff of the changes instead
  -w, --write            rewrite the files that change, in place and atomically, and name them
  --indent N|tab         indent by N spaces (1-${MAX_INDENT}) or a tab; otherwise the nearest
                         .kalintrc.json's "format": {"indent": ...}, then .editorconfig, then 4
  --config PATH          take "format" from this configuration file instead of searching
  --stdin-filename NAME  the name standard input is formatted as (settings, messages)
  --max-file-size BYTES  refuse files (and standard input) larger than this (K, M, G
                         suffixes; default 16M)
  -h, --help             show this help

Exit status: 0 all files formatted (or rewritten), 1 files would change or have syntax errors,
2 usage or I/O error.
`;

/** What standard input is called when `--stdin-filename` is not given. */
const STDIN = '<stdin>';
/** The indentation unit when nothing sets one. */
const DEFAULT_INDENT = 4;

type Mode = 'check' | 'diff' | 'write';

interface Options {
  mode: Mode;
  /** Whether --check or --diff was given (standard input is then reported on, not printed). */
  explicit: boolean;
  indent: number | 'tab' | undefined;
  config: string | undefined;
  stdinFilename: string | undefined;
  maxFileSize: number;
  files: string[];
}

/** Run the fmt command; resolves to the exit status. Usage and I/O problems throw `UsageError`. */
export async function fmtCommand(argv: string[], io: Io, runOptions: RunOptions = {}): Promise<number> {
  const options = parseOptions(argv);
  if (options === 'help') {
    io.stdout(fmtUsage);
    return 0;
  }
  const cwd = io.cwd;
  const resolver = new ConfigResolver(null, cwd, options.config);
  const editorconfig = new EditorConfigIndent();
  /** The indentation unit for the file at absolute `path`. */
  const indentFor = async (path: string): Promise<number | 'tab'> =>
    options.indent ?? resolver.forFile(path)?.format?.indent ?? (await editorconfig.indentFor(path, cwd)) ?? DEFAULT_INDENT;
  const { format } = await import('@kalint/formatter');

  if (options.files[0] === '-') {
    const name = options.stdinFilename ?? STDIN;
    const settingsPath = resolve(cwd, name);
    const indent = await indentFor(settingsPath);
    const input = await readStdin(io, options.maxFileSize, name);
    // A filter: always give the input back, byte for byte when it is not formatted, so that an
    // editor piping its buffer through kalint never loses it (nor any byte of it).
    const giveBack = () => {
      if (!options.explicit) io.stdout(input.bytes);
    };
    if (input.invalidLine !== undefined) {
      reportNotUtf8(name, input.invalidLine, io);
      giveBack();
      return 1;
    }
    const result = format(input.text, { indent, file: name });
    const refused = reportRefusal(result, name, io);
    if (refused || !result.changed) {
      giveBack();
      return refused ? 1 : 0;
    }
    if (!options.explicit) io.stdout(result.text);
    else io.stdout(options.mode === 'diff' ? await unifiedDiff(name, input.text, result.text) : `${name}\n`);
    return options.explicit ? 1 : 0;
  }

  // Read everything before formatting anything: an unreadable file stops the run with nothing written.
  const texts = new Map<string, string>();
  const targets = discover(options.files, cwd, texts);
  /** Files that are not valid UTF-8: their text is not their bytes, so they are never rewritten. */
  const lossy = new Map<string, number>();
  for (const target of targets) {
    const read = readInput(target.path, display(target.path, cwd), options.maxFileSize, null);
    if (read.warning !== undefined) lossy.set(target.path, read.invalidLine ?? 1);
    texts.set(target.path, read.text);
  }

  let failed = false;
  let changed = 0;
  for (const { path } of targets) {
    const shown = display(path, cwd);
    const text = texts.get(path)!;
    const invalidLine = lossy.get(path);
    if (invalidLine !== undefined) {
      reportNotUtf8(shown, invalidLine, io);
      failed = true;
      continue;
    }
    const result = format(text, { indent: await indentFor(path), file: shown });
    if (reportRefusal(result, shown, io)) {
      failed = true;
      continue;
    }
    if (!result.changed) continue;
    changed++;
    if (options.mode === 'write') {
      const write = runOptions.writeFile ?? (await import('./write-atomic.js')).writeAtomic;
      try {
        write(path, result.text);
      } catch (error) {
        throw new UsageError(`cannot write '${shown}': ${(error as Error).message} (file left unchanged)`);
      }
      io.stdout(`${shown}\n`);
    } else if (options.mode === 'diff') {
      io.stdout(await unifiedDiff(shown, text, result.text));
    } else {
      io.stdout(`${shown}\n`);
    }
  }
  if (changed > 0 && options.mode === 'check') {
    const files = changed === 1 ? '1 file' : `${changed} files`;
    io.stderr(`kalint: ${files} would be reformatted (kalint fmt --write rewrites ${changed === 1 ? 'it' : 'them'})\n`);
  }
  return failed || (changed > 0 && options.mode !== 'write') ? 1 : 0;
}

/** Why a file (or standard input) that is not valid UTF-8 is left as it is, on stderr. */
function reportNotUtf8(name: string, line: number, io: Io): void {
  io.stderr(`${name}:${line}: error: not valid UTF-8; left unchanged (formatting would replace its invalid bytes)\n`);
}

/**
 * Report why the formatter left `name`'s text alone, if it did: syntax errors as
 * `file:line:col: error: message [syntax]` (or `[too-deep]`, `[unpredictable]`), a failed safety check as kalint's own error.
 */
function reportRefusal(result: FormatResult, name: string, io: Io): boolean {
  if (result.refused === 'syntax' || result.refused === 'depth' || result.refused === 'unpredictable') {
    const tag = result.refused === 'syntax' ? 'syntax' : result.refused === 'depth' ? 'too-deep' : 'unpredictable';
    for (const d of result.diagnostics) {
      io.stderr(`${name}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message.replace(/\r?\n/g, ' ')} [${tag}]\n`);
    }
    return true;
  }
  if (result.refused === 'unsafe') {
    io.stderr(`kalint: internal error: formatting '${name}' would change how keepalived reads it; left unchanged (please report this)\n`);
    return true;
  }
  return false;
}

/** A unified diff of `before` -> `after` with `a/` and `b/` labels, as `git diff` prints them. */
async function unifiedDiff(name: string, before: string, after: string): Promise<string> {
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = await import('diff');
  const label = name.replace(/^\/+/, '');
  return createTwoFilesPatch(`a/${label}`, `b/${label}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}

/** The indentation `.editorconfig` files give a file; the library is loaded on first use. */
class EditorConfigIndent {
  private readonly cache = new Map();
  private library: typeof import('editorconfig') | undefined;

  async indentFor(path: string, cwd: string): Promise<number | 'tab' | undefined> {
    this.library ??= await import('editorconfig');
    let props;
    try {
      props = this.library.parseSync(path, { cache: this.cache });
    } catch (error) {
      throw new UsageError(`cannot read the .editorconfig files for '${display(path, cwd)}': ${(error as Error).message}`);
    }
    if (props.indent_style === 'tab') return 'tab';
    // indent_size = tab means "as wide as a tab": the library resolves it to tab_width when set.
    const size = typeof props.indent_size === 'number' ? props.indent_size : typeof props.tab_width === 'number' && props.indent_size === 'tab' ? props.tab_width : undefined;
    return parseIndent(size);
  }
}

/** Parse and check the command line; `help` when that was asked for. */
function parseOptions(argv: string[]): Options | 'help' {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      check: { type: 'boolean' },
      diff: { type: 'boolean' },
      write: { type: 'boolean', short: 'w' },
      indent: { type: 'string' },
      config: { type: 'string', short: 'c' },
      'stdin-filename': { type: 'string' },
      'max-file-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'kalint fmt --help',
  );
  if (values.help) return 'help';
  if (values.write && (values.check || values.diff)) throw new UsageError(`--write cannot be used with --${values.check ? 'check' : 'diff'}`);
  let indent: number | 'tab' | undefined;
  if (values.indent !== undefined) {
    indent = parseIndent(/^\d+$/.test(values.indent) ? Number(values.indent) : values.indent);
    if (indent === undefined) throw new UsageError(`--indent expects a number of spaces from 1 to ${MAX_INDENT} or 'tab', not '${values.indent}'`);
  }
  if (positionals.length === 0) throw new UsageError('no files given (see kalint fmt --help)');
  if (positionals.includes('-')) {
    if (positionals.length > 1) throw new UsageError("'-' (standard input) cannot be formatted together with files");
    if (values.write) throw new UsageError('--write cannot rewrite standard input; kalint fmt - prints the formatted text');
  } else if (values['stdin-filename'] !== undefined) {
    throw new UsageError("--stdin-filename needs '-' (standard input) as the file");
  }
  if (values['stdin-filename'] === '') throw new UsageError('--stdin-filename needs a name');
  if (values.config === '') throw new UsageError('--config needs a file name');
  return {
    mode: values.write ? 'write' : values.diff ? 'diff' : 'check',
    explicit: values.check === true || values.diff === true,
    indent,
    config: values.config,
    stdinFilename: values['stdin-filename'],
    maxFileSize: parseMaxFileSize(values['max-file-size']),
    files: positionals,
  };
}
