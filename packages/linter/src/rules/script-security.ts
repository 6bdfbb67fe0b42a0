import { childrenAt } from '@kalint/model';
import type { Statement, Word } from '@kalint/parser';
import type { ProjectFile } from '../project.js';
import type { Related, Report, Rule } from '../types.js';

interface Script {
  statement: Statement;
  command: Word;
  /** The script names its own user (`notify_master CMD USER`, `user` in vrrp_script / MISC_CHECK). */
  ownUser: boolean;
}

/** Which keepalived process checks a command keyword's script, by its schema path. */
function processOf(path: string): 'vrrp' | 'checker' | 'both' | 'main' {
  if (path === 'global_defs/startup_script' || path === 'global_defs/shutdown_script') return 'main';
  if (path === 'global_defs/notify_fifo_script') return 'both';
  if (path.startsWith('virtual_server') || path === 'global_defs/lvs_notify_fifo_script') return 'checker';
  return 'vrrp';
}

/** Scripts keepalived will run, as it counts them for its script security check. */
function scriptsOf(file: ProjectFile): Script[] {
  const vrrp = file.node.instances.length > 0;
  const checker = file.node.virtualServers.length > 0;
  const scripts: Script[] = [];
  // The indexed statements in order; a scope's `owner` is the keyword block holding each.
  const { statements, scopes } = file.node.index;
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i]!;
    if (statement.path === null || statement.spec?.command !== true) continue;
    const parent = scopes[i]!.owner;
    const command = statement.args[0];
    // `script "</path"` only tests that a file can be opened: nothing is executed.
    if (!command || /^<[ \t]*\//.test(command.text)) continue;
    const process = processOf(statement.path!);
    if ((process === 'vrrp' && !vrrp) || (process === 'checker' && !checker) || (process === 'both' && !vrrp && !checker)) continue;
    const ownUser = statement.args.length > 1 || (parent?.path != null && childrenAt(parent, `${parent.path}/user`).length > 0);
    scripts.push({ statement, command, ownUser });
  }
  return scripts;
}

/** Scripts configured without `enable_script_security`, or without a user to run them as. */
export const scriptSecurity: Rule = {
  meta: {
    id: 'script-security',
    needsEveryInclude: 'scripts run without enable_script_security',
    description: 'Scripts configured without enable_script_security (keepalived reports a SECURITY VIOLATION), or without a script_user',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  file(file, { report }) {
    checkFile(file, report);
  },
};

function checkFile(file: ProjectFile, report: (r: Report) => void): void {
  // enable_script_security or script_user may be set in an included file kalint could not read.
  if (!file.node.complete) return;
  const scripts = scriptsOf(file);
  if (scripts.length === 0) return;
  const related = (list: Script[]): Related[] =>
    list.slice(1, 11).map((s) => ({ file: s.command.file, range: s.command.range, message: `${s.statement.keyword.text} runs a script here` }));
  const security = file.node.global('enable_script_security');
  const first = scripts[0]!;
  if (!security) {
    const kind = { vrrp: 'scripts', both: 'scripts', checker: 'check scripts', main: 'start/shutdown scripts' }[processOf(first.statement.path!)];
    const more = scripts.length > 1 ? ` (and ${scripts.length - 1} more script${scripts.length > 2 ? 's' : ''})` : '';
    report({
      message:
        `${first.statement.keyword.text} runs a script${more}, but global_defs has no enable_script_security: keepalived reports ` +
        `"SECURITY VIOLATION - ${kind} are being executed but script_security not enabled" for any script it finds (keepalived -t exits 6) ` +
        `and runs scripts without checking who can modify them. Add enable_script_security and script_user <user> to global_defs.`,
      at: first.command,
      related: related(scripts),
    });
    return;
  }
  if (file.node.global('script_user')) return;
  const defaulted = scripts.filter((s) => !s.ownUser);
  if (defaulted.length === 0) return;
  report({
    message:
      `enable_script_security is set but global_defs has no script_user: ${defaulted.length} script${defaulted.length > 1 ? 's' : ''} ` +
      `(first: ${defaulted[0]!.statement.keyword.text} at line ${defaulted[0]!.command.range.start.line + 1}) will run as user keepalived_script, ` +
      `and on a host without that user keepalived reports "Unable to set default user keepalived_script for script" and removes them. ` +
      `Add script_user <user> to global_defs.`,
    at: security.keyword,
    related: defaulted.slice(0, 10).map((s) => ({ file: s.command.file, range: s.command.range, message: `${s.statement.keyword.text} has no user of its own` })),
  });
}
