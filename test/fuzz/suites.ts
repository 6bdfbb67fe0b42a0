/**
 * The fuzz suites: each an input generator and the checks every input must pass. The regular
 * test suite runs each for a bounded number of inputs (test/fuzz/properties.test.ts); `npm run
 * fuzz` runs them for minutes from a printed seed (test/fuzz/long.fuzz.ts).
 */
import fc from 'fast-check';
import { corpusPresent, corpusText, oracle } from '../corpus.js';
import { anyText, configLike, corpusEdit, layoutConfig, mutate, schemaConfig } from './arbitraries.js';
import { checkEverything } from './checks.js';

export interface FuzzSuite {
  name: string;
  /** Why the suite cannot run here, if it cannot. */
  skip?: string;
  property: () => fc.IProperty<[string, number[]]>;
}

const positions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 });
const property = (text: fc.Arbitrary<string>) => () => fc.property(text, positions, (t, at) => checkEverything(t, at));

const corpusFiles = (): string[] => oracle().map((e) => e.file);

export const suites: FuzzSuite[] = [
  { name: 'arbitrary text (full unicode, lone surrogates, NULs)', property: property(anyText(400)) },
  { name: 'config-like text (every preprocessor construct)', property: property(configLike(200)) },
  { name: 'configs generated from the keyword schema', property: property(schemaConfig(3, 8)) },
  { name: 'generated layouts (brace styles, comments, spacing)', property: property(layoutConfig) },
  {
    name: 'mutated corpus configs',
    ...(corpusPresent ? {} : { skip: 'the shared corpus (../shared/corpus) is absent' }),
    property: property(
      fc.constant(null).chain(() => fc.tuple(fc.constantFrom(...corpusFiles()), fc.array(corpusEdit, { minLength: 1, maxLength: 6 })).map(([file, edits]) => mutate(corpusText(file), edits))),
    ),
  },
];
