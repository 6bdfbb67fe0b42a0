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

/** Renders findings as a SARIF 2.1.0 log. */
export const sarif: Formatter = (input) => JSON.stringify(toSarif(input), null, 2) + '\n';

/** The SARIF log object of a run. */
export function toSarif(input: FormatInput): Record<string, unknown> {
  const rules: RuleMeta[] = [...input.rules];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  // Findings of ids not in the rule list (the engine's own `unused-suppression`) still need a
  // reportingDescriptor for ruleIndex to point at.
  const extra = (id: string): number => {
    rules.push({ id, description: id === 'unused-suppression' ? 'A kalint-disable comment that suppresses nothing' : id, defaultSeverity: 'warn', fixable: false, scope: 'file' });
    index.set(id, rules.length - 1);
    return rules.length - 1;
  };
  const results = input.results.flatMap((file) =>
    file.diagnostics.map((d) => {
      const ruleIndex = index.get(d.ruleId) ?? extra(d.ruleId);
      return result(d, ruleIndex, input);
    }),
  );
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
