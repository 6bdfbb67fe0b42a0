/**
 * SARIF 2.1.0 (OASIS), the format GitHub code scanning, Azure DevOps and most security
 * dashboards import: one run, kalint as the tool with its rules, one result per finding with
 * related locations and fixes. Loaded only when `--format sarif` asks for it.
 */
import { pathToFileURL } from 'node:url';
import type { Diagnostic, RuleMeta } from '@kalint/linter';
import type { Range } from '@kalint/parser';
import { version } from '../version.js';
import type { Formatter, FormatInput } from './types.js';

/** Where each rule's documentation lives. */
export const RULE_DOCS = 'https://github.com/kalint/kalint/blob/main/packages/linter/docs/rules/';
const INFORMATION_URI = 'https://github.com/kalint/kalint';
/** The base the relative artifact URIs are resolved against (the working directory of the run). */
const SRCROOT = '%SRCROOT%';

/**
 * Renders findings as a SARIF 2.1.0 log, in chunks, the same text as `JSON.stringify(toSarif(input),
 * null, 2)`: the results are written one by one, so 200,000 findings never become one object tree
 * and one string at once (that took over 2 GB).
 */
export const sarif: Formatter = function* (input) {
  const { rules, index } = ruleTable(input);
  const [head, tail] = JSON.stringify(sarifLog(input, rules, RESULTS), null, 2).split(JSON.stringify(RESULTS));
  let chunk = head!;
  let first = true;
  for (const file of input.results) {
    for (const d of file.diagnostics) {
      // A result stands at depth 4 of the log: its lines are indented by 8 spaces.
      const text = JSON.stringify(result(d, index.get(d.ruleId)!, input), null, 2).replace(/\n/g, '\n        ');
      chunk += `${first ? '[\n' : ',\n'}        ${text}`;
      first = false;
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
  }
  yield `${chunk}${first ? '[]' : '\n      ]'}${tail!}\n`;
};

/** Stands in the log for its results while the rest is made into text. */
const RESULTS = '\u0000results\u0000';
/** Characters handed out at a time. */
const CHUNK = 1 << 16;

/** The SARIF log object of a run. */
export function toSarif(input: FormatInput): Record<string, unknown> {
  const { rules, index } = ruleTable(input);
  const results = input.results.flatMap((file) => file.diagnostics.map((d) => result(d, index.get(d.ruleId)!, input)));
  return sarifLog(input, rules, results);
}

/**
 * kalint's rules and their indexes, with a reportingDescriptor added for each id of a finding
 * that is not in the list (a caller's own rule), in the order they appear.
 */
function ruleTable(input: FormatInput): { rules: RuleMeta[]; index: Map<string, number> } {
  const rules: RuleMeta[] = [...input.rules];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const file of input.results) {
    for (const d of file.diagnostics) {
      if (index.has(d.ruleId)) continue;
      rules.push({ id: d.ruleId, description: d.ruleId, defaultSeverity: 'warn', fixable: false, scope: 'file' });
      index.set(d.ruleId, rules.length - 1);
    }
  }
  return { rules, index };
}

function sarifLog(input: FormatInput, rules: RuleMeta[], results: unknown): Record<string, unknown> {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kalint',
            informationUri: INFORMATION_URI,
            version: version(),
            rules: rules.map(descriptor),
          },
        },
        // Relative URIs below are relative to the directory kalint ran in.
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(input.cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function descriptor(rule: RuleMeta): Record<string, unknown> {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    helpUri: `${RULE_DOCS}${rule.id}.md`,
    defaultConfiguration: rule.defaultSeverity === 'off' ? { enabled: false } : { level: rule.defaultSeverity === 'error' ? 'error' : 'warning' },
    properties: { scope: rule.scope, fixable: rule.fixable },
  };
}

function result(d: Diagnostic, ruleIndex: number, input: FormatInput): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: d.ruleId,
    ruleIndex,
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: d.message },
    locations: [{ physicalLocation: physical(d.file, d.range, input) }],
  };
  if (d.related?.length) {
    out.relatedLocations = d.related.map((r, id) => ({ id, physicalLocation: physical(r.file, r.range, input), message: { text: r.message } }));
  }
  if (d.fix && d.fix.edits.length > 0) {
    const byFile = new Map<string, Array<Record<string, unknown>>>();
    for (const edit of d.fix.edits) {
      const list = byFile.get(edit.file) ?? [];
      list.push({
        deletedRegion: { charOffset: edit.range.start.offset, charLength: edit.range.end.offset - edit.range.start.offset },
        insertedContent: { text: edit.text },
      });
      byFile.set(edit.file, list);
    }
    out.fixes = [
      {
        description: { text: d.fix.description },
        artifactChanges: [...byFile].map(([file, replacements]) => ({ artifactLocation: artifact(file, input), replacements })),
      },
    ];
  }
  if (d.tags?.length) out.properties = { tags: d.tags };
  return out;
}

function physical(file: string, range: Range, input: FormatInput): Record<string, unknown> {
  return {
    artifactLocation: artifact(file, input),
    region: {
      startLine: range.start.line + 1,
      startColumn: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
      charOffset: range.start.offset,
      charLength: range.end.offset - range.start.offset,
    },
  };
}

/** Relative to the run's directory when the file is below it (GitHub maps those to the repository), else absolute. */
function artifact(file: string, input: FormatInput): Record<string, unknown> {
  const shown = input.displayPath(file);
  const absolute = input.absolutePath(file);
  if (shown === absolute) return { uri: absolute.startsWith('/') ? pathToFileURL(absolute).href : encodeURI(absolute) };
  return { uri: shown.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}
