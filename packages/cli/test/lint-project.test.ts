/**
 * The linter's one entry point for a lint of a project (`lintProject`), as the command line and
 * the language server call it: texts in memory, an include host per settings group, test rules
 * (so kalint's own rules, being written, change nothing here).
 */
import type { IncludeHost } from '@kalint/parser';
import { lintProject, type ProjectSettings, type Rule } from '@kalint/linter';
import { describe, expect, it } from 'vitest';

/** An include host over texts in memory (absolute paths; patterns are file names or `*.conf` in one directory). */
function memoryHost(files: Record<string, string>): IncludeHost {
  return {
    expand(pattern, from) {
      const path = pattern.startsWith('/') ? pattern : `${from}/${pattern}`;
      if (!path.includes('*')) return path in files ? [path] : [];
      const [dir, glob] = [path.slice(0, path.lastIndexOf('/')), path.slice(path.lastIndexOf('/') + 1)];
      const suffix = glob.slice(1);
      return Object.keys(files)
        .filter((f) => f.startsWith(`${dir}/`) && !f.slice(dir.length + 1).includes('/') && f.endsWith(suffix))
        .sort();
    },
    read: (path) => (path in files ? { text: files[path]! } : { error: `'${path}' does not exist` }),
  };
}

/** `test-instance` (warn): each VRRP instance, with the other files of its instance group as related places. */
const instanceRule: Rule = {
  meta: { id: 'test-instance', description: 'Each instance', defaultSeverity: 'warn', fixable: false, scope: 'project' },
  project({ project, report }) {
    const groups = project.model.instanceGroups;
    for (const file of project.files) {
      for (const instance of file.node.instances) {
        const group = groups.find((g) => g.members.includes(instance));
        const others = (group?.members ?? []).filter((m) => m.file !== instance.file);
        report({
          message: `instance ${instance.name} with ${others.length} peer(s) in a project of ${project.files.length} file(s)`,
          at: instance.statement.keyword,
          related: others.map((o) => ({ file: o.file, range: o.statement.keyword.range, message: `peer in ${project.fileName(o.file)}` })),
        });
      }
    }
  },
};

const instance = (name: string, vrid: number, vip: string) =>
  `vrrp_instance ${name} {\n    interface eth0\n    virtual_router_id ${vrid}\n    virtual_ipaddress {\n        ${vip}\n    }\n}\n`;

const summary = (files: Array<{ path: string; diagnostics: Array<{ ruleId: string; message: string; range: { start: { line: number } } }> }>) =>
  files.map(({ path, diagnostics }) => [path, diagnostics.map((d) => `${d.range.start.line + 1} ${d.message}`)]);

describe('lintProject', () => {
  const files = {
    '/p/ha1/keepalived.conf': `include conf.d/*.conf\n${instance('VI_1', 51, '10.0.0.100/24')}`,
    '/p/ha1/conf.d/web.conf': instance('VI_web', 52, '10.0.1.100/24'),
    '/p/ha2/keepalived.conf': `${instance('VI_1', 51, '10.0.0.100/24')}${instance('VI_web', 52, '10.0.1.100/24')}`,
  };
  const host = memoryHost(files);
  const inputs = Object.entries(files).map(([path, text]) => ({ path, text }));

  it('reads an input another input includes inside its includer, reports its findings once under its own name', () => {
    const settings: ProjectSettings = { host };
    const result = lintProject(inputs, { settingsOf: () => settings, ruleSet: [instanceRule] });
    expect(summary(result.files)).toEqual([
      ['/p/ha1/keepalived.conf', ['2 instance VI_1 with 1 peer(s) in a project of 2 file(s)']],
      ['/p/ha2/keepalived.conf', ['1 instance VI_1 with 1 peer(s) in a project of 2 file(s)', '8 instance VI_web with 1 peer(s) in a project of 2 file(s)']],
      ['/p/ha1/conf.d/web.conf', ['1 instance VI_web with 1 peer(s) in a project of 2 file(s)']],
    ]);
    expect(result.groups.map((g) => g.project.files.map((f) => f.path))).toEqual([['/p/ha1/keepalived.conf', '/p/ha2/keepalived.conf']]);
  });

  it("lints the whole project once per settings group, each file keeping its own group's findings", () => {
    const on: ProjectSettings = { host };
    const off: ProjectSettings = { host, rules: { 'test-instance': 'off' } };
    const result = lintProject(inputs, { settingsOf: (path) => (path.startsWith('/p/ha2/') ? off : on), ruleSet: [instanceRule] });
    expect(summary(result.files)).toEqual([
      ['/p/ha1/keepalived.conf', ['2 instance VI_1 with 1 peer(s) in a project of 2 file(s)']],
      ['/p/ha2/keepalived.conf', []],
      ['/p/ha1/conf.d/web.conf', ['1 instance VI_web with 1 peer(s) in a project of 2 file(s)']],
    ]);
    expect(result.groups.map((g) => g.settings)).toEqual([on, off]);
    expect(['/p/ha1/keepalived.conf', '/p/ha1/conf.d/web.conf', '/p/ha2/keepalived.conf', '/elsewhere.conf'].map(result.groupOf)).toEqual([0, 0, 1, 0]);
  });

  it('compares context inputs as peers, reports only the wanted files, and copies a context finding to the wanted side it points into', () => {
    const settings: ProjectSettings = { host };
    const result = lintProject(
      inputs.map((input) => (input.path.startsWith('/p/ha2/') ? { ...input, context: true } : input)),
      { settingsOf: () => settings, ruleSet: [instanceRule], nameOf: (path) => path.split('/').slice(-2).join('/') },
    );
    expect(summary(result.files)).toEqual([
      ['/p/ha1/keepalived.conf', ['2 instance VI_1 with 1 peer(s) in a project of 2 file(s)']],
      ['/p/ha1/conf.d/web.conf', ['1 instance VI_web with 1 peer(s) in a project of 2 file(s)']],
    ]);
    // A context finding whose other side already has the finding from its own side is not copied.
    const oneSided: Rule = {
      meta: { id: 'test-one-side', description: 'Reported on ha2 only', defaultSeverity: 'error', fixable: false, scope: 'project' },
      project({ project, report }) {
        const [mine, theirs] = ['/p/ha2/keepalived.conf', '/p/ha1/keepalived.conf'].map((path) => project.files.find((f) => f.path === path)!.node.instances.find((i) => i.name === 'VI_1')!);
        report({ message: 'only here', at: mine!.statement.keyword, related: [{ file: theirs!.file, range: theirs!.statement.keyword.range, message: 'there' }] });
      },
    };
    const copied = lintProject(
      inputs.map((input) => (input.path.startsWith('/p/ha2/') ? { ...input, context: true } : input)),
      { settingsOf: () => settings, ruleSet: [oneSided], nameOf: (path) => path.split('/').slice(-2).join('/') },
    );
    expect(copied.files[0]!.diagnostics).toEqual([
      {
        ruleId: 'test-one-side',
        severity: 'error',
        message: 'As seen from ha2/keepalived.conf (line 1): only here',
        file: '/p/ha1/keepalived.conf',
        range: expect.objectContaining({ start: expect.objectContaining({ line: 1 }) }),
        related: [{ file: '/p/ha2/keepalived.conf', range: expect.anything(), message: 'the other side, in ha2/keepalived.conf' }],
      },
    ]);
  });

  it('lints only the part of the project the wanted files depend on', () => {
    const settings: ProjectSettings = { host };
    const others = { path: '/p/other/keepalived.conf', text: instance('VI_other', 60, '10.9.9.9/24'), context: true };
    const result = lintProject([inputs[2]!, others], { settingsOf: () => settings, ruleSet: [instanceRule] });
    expect(result.groups[0]!.project.files.map((f) => f.path)).toEqual(['/p/ha2/keepalived.conf']);
    expect(summary(result.files)).toEqual([['/p/ha2/keepalived.conf', ['1 instance VI_1 with 0 peer(s) in a project of 1 file(s)', '8 instance VI_web with 0 peer(s) in a project of 1 file(s)']]]);
  });
});
