/**
 * The few terminal colours the stylish report uses, as ANSI SGR sequences. Our own rather than a
 * colour library: the one we used looks at `process.stdout` when it is loaded, which makes Node
 * build its stream machinery on every start, before kalint has decided anything.
 *
 * Each style wraps its text in its opening and closing sequences; where the text already holds the
 * closing sequence (a nested style that ends the same attribute), the style is opened again after
 * it, so the rest of the text keeps it.
 */
export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const plain = (text: string): string => text;

function style(open: number, close: number, reopen = `\u001b[${open}m`): (text: string) => string {
  const start = `\u001b[${open}m`;
  const end = `\u001b[${close}m`;
  return (text) => start + (text.includes(end) ? text.split(end).join(end + reopen) : text) + end;
}

const painted: Colors = {
  bold: style(1, 22),
  dim: style(2, 22),
  underline: style(4, 24),
  red: style(31, 39),
  yellow: style(33, 39),
};

const unpainted: Colors = { bold: plain, dim: plain, underline: plain, red: plain, yellow: plain };

/** The styles, or the identity when colour is off. */
export function colors(enabled: boolean): Colors {
  return enabled ? painted : unpainted;
}
