/**
 * Reading a command line, for every kalint command: Node's `parseArgs`, with kalint's own one-line
 * messages for what it refuses (an unknown option, a missing or unexpected value) instead of
 * Node's, which are written for programmers and quote unevenly.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
/** What `parseArgs` gives for these options, positionals allowed. */
type Parsed<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

/**
 * The options and positionals of `argv`, as `parseArgs` reads them strictly.
 * @param seeHelp how the command's help is asked for (`kalint fmt --help`), named in messages
 * @throws UsageError naming the option, for anything `parseArgs` would refuse
 */
export function parseCommandLine<const O extends OptionsConfig>(argv: string[], options: O, seeHelp: string): Parsed<O> {
  // A lenient pass finds what a strict one would refuse, with the option as the user wrote it.
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (option === undefined) throw new UsageError(`unknown option '${token.rawName}' (see ${seeHelp})`);
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
    } else if (token.value === undefined) {
      throw new UsageError(`${token.rawName} needs a value`);
    } else if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
      // As parseArgs: `--format --fix` is more likely a forgotten value than a format named --fix.
      throw new UsageError(`${token.rawName} needs a value, not the option '${token.value}' (write --${token.name}=${token.value} if that is the value)`);
    }
  }
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
}
