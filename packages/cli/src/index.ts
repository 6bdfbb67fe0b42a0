/** The kalint command line. */
import { UsageError, processIo, type Io } from './io.js';
import type { RunOptions } from './lint-command.js';

export { type Io, UsageError } from './io.js';
export type { RunOptions } from './lint-command.js';

/**
 * Run kalint with `argv` (without `node` and the script); resolves to the exit status:
 * 0 no errors, 1 lint errors (or too many warnings), 2 usage or I/O error.
 * `kalint parse ...` prints the AST, `kalint fmt ...` formats, `kalint rules` lists the rules,
 * `kalint simulate ...` plays VRRP elections; anything else lints (a file called `parse`, `fmt`,
 * `rules` or `simulate` is linted as `./parse`...).
 */
export async function run(argv: string[], io: Io = processIo, options: RunOptions = {}): Promise<number> {
  try {
    // Commands are imported on demand: `kalint parse` need not load the linter, nor `--version` either.
    if (argv[0] === 'parse') return await (await import('./parse-command.js')).parseCommand(argv.slice(1), io);
    if (argv[0] === 'fmt') return await (await import('./fmt-command.js')).fmtCommand(argv.slice(1), io, options);
    if (argv[0] === 'rules') return await (await import('./rules-command.js')).rulesCommand(argv.slice(1), io);
    if (argv[0] === 'simulate') return await (await import('./simulate-command.js')).simulateCommand(argv.slice(1), io);
    if (argv[0] === 'help') argv = ['--help'];
    return await (await import('./lint-command.js')).lintCommand(argv, io, options);
  } catch (error) {
    // Usage and I/O problems get one line, never a stack trace. Anything else is a bug in
    // kalint: still one line, but saying so, so it gets reported rather than misread.
    const message = error instanceof Error ? error.message : String(error);
    const known = error instanceof UsageError || (error as NodeJS.ErrnoException)?.code?.startsWith('ERR_PARSE_ARGS');
    io.stderr(known ? `kalint: ${message.split('\n')[0]}\n` : `kalint: internal error: ${message.split('\n')[0]} (please report this)\n`);
    return 2;
  }
}
