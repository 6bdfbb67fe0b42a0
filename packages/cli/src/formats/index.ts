/** The output formats, each loaded only when asked for (start-up time is part of the user experience). */
import type { Formatter } from './types.js';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'gcc'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** The formatter called `name`. */
export async function loadFormatter(name: FormatName): Promise<Formatter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).stylish;
    case 'json':
      return (await import('./json.js')).json;
    case 'sarif':
      return (await import('./sarif.js')).sarif;
    case 'github':
      return (await import('./github.js')).github;
    case 'gcc':
      return (await import('./gcc.js')).gcc;
  }
}

export type { Formatter, FormatInput, FileResult } from './types.js';
