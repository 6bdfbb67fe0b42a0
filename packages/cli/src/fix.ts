/**
 * `--fix` and `--fix-dry-run`: which fixes to apply together in one pass, the passes, and which
 * files may be fixed at all.
 *
 * A fix is computed on kalint's tree of a file, so it is applied only where that tree is the one
 * keepalived reads: never to a file that is not valid UTF-8 (its text is not its bytes), has
 * syntax errors (as `kalint fmt` refuses one), or that kalint's parser and keepalived's reader
 * place differently, before or after the fixes. Such a file keeps its text, so its findings are
 * those of a plain run.
 */
import type { Diagnostic, Project, TextEdit } from '@kalint/linter';

/**
 * The edits of the fixes that can be applied together, by file: fixes are taken in order, and a
 * fix is taken whole or not at all — if any of its edits touches or overlaps an edit already
 * taken, or edits a file `canEdit` refuses, the fix waits for the next pass (which re-lints the
 * changed text). Touching edits count as conflicting, as in ESLint: two insertions at one offset
 * have no defined order.
 */
export function selectFixes(diagnostics: Iterable<Diagnostic>, canEdit: (file: string) => boolean): Map<string, TextEdit[]> {
  const chosen = new Map<string, TextEdit[]>();
  for (const d of diagnostics) {
    const edits = d.fix?.edits;
    if (!edits || edits.length === 0) continue;
    const fits = edits.every(
      (edit, i) =>
        canEdit(edit.file) &&
        !(chosen.get(edit.file) ?? []).some((other) => conflict(edit, other)) &&
        !edits.slice(0, i).some((other) => other.file === edit.file && conflict(edit, other)),
    );
    if (!fits) continue;
    for (const edit of edits) {
      const list = chosen.get(edit.file) ?? [];
      list.push(edit);
      chosen.set(edit.file, list);
    }
  }
  return chosen;
}

function conflict(a: TextEdit, b: TextEdit): boolean {
  return a.range.start.offset <= b.range.end.offset && b.range.start.offset <= a.range.end.offset;
}

/** Fix passes before giving up on fixes that keep producing more fixes. */
const MAX_FIX_PASSES = 10;

/** One lint of the whole project: findings by file key, and the project of each settings group. */
export interface ProjectLint {
  findings: Map<string, Diagnostic[]>;
  projects: Project[];
}

/** What the fix passes work with; the command line owns all of it. */
export interface FixRun {
  linter: typeof import('@kalint/linter');
  /** The lint before any fix. */
  initial: ProjectLint;
  /** Lint again, over `texts` as they are now (the include host reads `overlay`). */
  lint(): ProjectLint;
  /** Texts by file key: fixed texts replace the originals here, and in `overlay`. */
  texts: Map<string, string>;
  overlay: Map<string, string>;
  /** The text of the file `key`, read on first use; undefined when it cannot be read. */
  textOf(key: string): string | undefined;
  /** The key of a file as diagnostics name it. */
  keyOf(file: string): string;
  /** Files that are not valid UTF-8, by key. */
  lossy: ReadonlySet<string>;
  /** The settings a file is linted with: which project of `lint()` holds it, its `@id`, its target release. */
  settingsOf(key: string): { project: number; configId?: string; targetVersion?: string };
  /** How the file `key` is named in messages. */
  displayOf(key: string): string;
}

/** What `--fix` did: the findings of the fixed project, the original texts of changed files, and the files it would not fix. */
export interface FixOutcome {
  findings: Map<string, Diagnostic[]>;
  /** Original texts of the files whose text changed. */
  original: Map<string, string>;
  /** Files that had fixes but were not fixed, with why (a sentence). */
  refused: Map<string, string>;
}

/**
 * Apply fixes in passes (each re-lints), only to files that may be fixed. When the text a file
 * would get is not read alike by kalint and keepalived, that file is refused and everything starts
 * again from the original texts (a fix in another file may have followed from one in it).
 */
export async function runFixes(run: FixRun): Promise<FixOutcome> {
  const { parse } = await import('@kalint/parser');
  const { linter } = run;
  /** Why a file may not be fixed (null: it may), by key, for its original text. */
  const verdicts = new Map<string, string | null>();
  /** Files found unfit after their fixes: no fix for them in later attempts. */
  const unfit = new Map<string, string>();
  const refused = new Map<string, string>();

  /** Why `text`, the file `key`'s text (original or fixed), must not be written; null when it may. */
  const unfitness = (key: string, text: string, lint: ProjectLint): string | null => {
    const shown = run.displayOf(key);
    const { project, configId, targetVersion } = run.settingsOf(key);
    const files = lint.projects[project]?.files ?? [];
    const sameFile = (file: string) => run.keyOf(file) === key;
    // The errors `kalint fmt` refuses a file for, and those of the file as the lint read it.
    const syntax = [
      ...parse(text, { file: shown, expand: false }).diagnostics,
      ...files.flatMap((f) => f.syntax.filter((d) => sameFile(d.file))),
    ].filter((d) => d.severity === 'error');
    if (syntax.length > 0) return `it has syntax errors (line ${syntax[0]!.range.start.line + 1}: ${syntax[0]!.message.replace(/\r?\n/g, ' ')})`;
    for (const context of linter.contextsOf(files.map((f) => f.ast), sameFile)) {
      const difference = linter.differenceFromKeepalived(text, {
        file: shown,
        context,
        ...(configId !== undefined ? { configId } : {}),
        ...(targetVersion !== undefined ? { targetVersion } : {}),
      });
      if (difference) return `kalint and keepalived read it differently (${difference.message})`;
    }
    return null;
  };

  const canEdit = (key: string): boolean => {
    if (run.textOf(key) === undefined) return false;
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      verdict = run.lossy.has(key) ? 'it is not valid UTF-8 (writing it would replace its invalid bytes)' : unfitness(key, run.textOf(key)!, run.initial);
      verdicts.set(key, verdict);
    }
    verdict ??= unfit.get(key) ?? null;
    if (verdict !== null) refused.set(key, verdict);
    return verdict === null;
  };

  for (;;) {
    let current = run.initial;
    const original = new Map<string, string>();
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const chosen = selectFixes([...current.findings.values()].flat(), (file) => canEdit(run.keyOf(file)));
      let applied = 0;
      for (const [file, edits] of chosen) {
        const key = run.keyOf(file);
        const before = run.textOf(key)!;
        const after = linter.applyEdits(before, edits);
        if (after.applied === 0 || after.text === before) continue;
        if (!original.has(key)) original.set(key, before);
        run.texts.set(key, after.text);
        run.overlay.set(key, after.text);
        applied += after.applied;
      }
      if (applied === 0) break;
      current = run.lint();
    }
    const changed = [...original].filter(([key, text]) => run.texts.get(key) !== text).map(([key]) => key);
    let again = false;
    for (const key of changed) {
      const why = unfitness(key, run.texts.get(key)!, current);
      if (why === null) continue;
      unfit.set(key, `after its fixes, ${why}`);
      again = true;
    }
    if (!again) return { findings: current.findings, original: new Map(changed.map((key) => [key, original.get(key)!])), refused };
    // Back to the original texts; the next attempt leaves the unfit files alone.
    for (const [key, text] of original) {
      run.texts.set(key, text);
      run.overlay.set(key, text);
    }
    refused.clear();
  }
}
