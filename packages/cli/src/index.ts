/** The kalint command line. */
import { parseUsage, parseCommand } from './parse-command.js';
import { processIo, UsageError, type Io } from './io.js';

export { type Io, UsageError } from './io.js';

const usage = `Usage: kalint COMMAND [options]

Commands:
  parse FILE        print the parsed configuration as JSON

Run 'kalint COMMAND --help' for a command's options.
Exit status: 0 success, 1 problems found, 2 usage or I/O error.
`;

/** Run kalint with `argv` (without `node` and the script); resolves to the exit status. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'parse':
        return await parseCommand(rest, io);
      case '--help':
      case '-h':
      case 'help':
        io.stdout(usage + '\n' + parseUsage);
        return 0;
      case '--version':
        io.stdout('kalint 0.1.0\n');
        return 0;
      case undefined:
        throw new UsageError('no command given (see kalint --help)');
      default:
        throw new UsageError(`unknown command '${command}' (see kalint --help)`);
    }
  } catch (error) {
    // Usage and I/O problems get one line, never a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`kalint: ${message}\n`);
    return 2;
  }
}
