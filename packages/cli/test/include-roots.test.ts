/**
 * Includes that name deployed paths (`include /etc/keepalived/conf.d/*.conf`) in a repository
 * that keeps those files elsewhere (an Ansible role's `files/`): what an unread include turns
 * off, and `--include-root` / `includeRoots` reading them from the repository.
 */
import { describe, expect, it } from 'vitest';
import { kalint, scratch } from './helpers.js';

/** The deployed directory: one no machine running the tests has, so nothing is read from it. */
const DEPLOYED = '/etc/kalint-test-deployed/keepalived';

const MAIN = `global_defs {
    router_id lb1
    enable_script_security
    script_user keepalived_script
}
include ${DEPLOYED}/conf.d/*.conf
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    virtual_ipaddress {
        10.0.0.100/24
    }
    track_script {
        chk_ngnix
    }
}
`;
const SCRIPTS = `vrrp_script chk_nginx {
    script "/usr/bin/pgrep nginx"
    interval 2
}
`;

/** An Ansible-style repository: the role's files hold what the host has under the deployed directory. */
function repository(extra: Record<string, string> = {}): string {
  return scratch({ 'roles/lb/files/keepalived.conf': MAIN, 'roles/lb/files/conf.d/scripts.conf': SCRIPTS, 'roles/old/files/README': 'old layout\n', ...extra });
}

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; line: number; column: number; message: string }>;
}

/** Every finding as `file:line:column rule`, with the working directory left out of the file. */
function findings(stdout: string, cwd: string): string[] {
  return (JSON.parse(stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => `${r.filePath.replace(`${cwd}/`, '')}:${m.line}:${m.column} ${m.ruleId}`));
}

function messagesOf(stdout: string, ruleId: string): string[] {
  return (JSON.parse(stdout) as JsonResult[]).flatMap((r) => r.messages.filter((m) => m.ruleId === ruleId).map((m) => m.message));
}

const ALL_RULES = { options: {} };

describe('an include that matches no file', () => {
  it('names the checks it turns off and the way to read the files from the repository', async () => {
    const dir = repository();
    const { code, stdout } = await kalint(['--format', 'json', 'roles/lb/files/keepalived.conf'], { cwd: dir, ...ALL_RULES });
    expect(code).toBe(0);
    // The typo goes unreported while the include is unread: the finding must say so.
    expect(findings(stdout, dir)).toEqual(['roles/lb/files/keepalived.conf:6:1 syntax']);
    const [message] = messagesOf(stdout, 'syntax');
    expect(message).toBe(
      `include: no file matches '${DEPLOYED}/conf.d/*.conf'; with this include unread, these checks are off for this configuration (its files may define or use what they look for): ` +
        'track_script items and other names that refer to nothing (undefined-reference), definitions nothing uses (unused-definition), ' +
        'instances and scripts missing a line keepalived needs (vrrp-instance-incomplete), sync group members (sync-group), ' +
        'scripts run without enable_script_security (script-security). ' +
        `If the files are kept in this repository, map the deployed directory onto theirs: --include-root ${DEPLOYED}/conf.d=DIR, or "includeRoots" in .kalintrc.json.`,
    );
  });

  it('names only the checks that are on', async () => {
    const dir = repository();
    const { stdout } = await kalint(['--format', 'json', '--rule', 'unused-definition:off', '--rule', 'sync-group:off', '--rule', 'script-security:off', '--rule', 'vrrp-instance-incomplete:off', 'roles/lb/files/keepalived.conf'], {
      cwd: dir,
      ...ALL_RULES,
    });
    const [message] = messagesOf(stdout, 'syntax');
    expect(message).toContain('look for): track_script items and other names that refer to nothing (undefined-reference). If the files');
    expect(message).not.toContain('unused-definition');
  });
});

describe('--include-root FROM=TO', () => {
  it('reads the include from the repository: the typo is an undefined-reference, the include is not reported', async () => {
    const dir = repository();
    const { code, stdout } = await kalint(['--format', 'json', '--include-root', `${DEPLOYED}=roles/lb/files`, 'roles/lb/files/keepalived.conf'], { cwd: dir, ...ALL_RULES });
    expect(code).toBe(1);
    expect(findings(stdout, dir)).toEqual(['roles/lb/files/keepalived.conf:17:9 undefined-reference', 'roles/lb/files/conf.d/scripts.conf:1:13 unused-definition']);
    expect(messagesOf(stdout, 'undefined-reference')).toEqual([
      `track script 'chk_ngnix' names no vrrp_script in this file; keepalived reports "track script not found" and ignores the line: the check never affects this instance.`,
    ]);
  });

  it('maps a deployed directory given with a trailing slash, and an include naming a file directly', async () => {
    const dir = repository({ 'roles/lb/files/keepalived.conf': MAIN.replace(`${DEPLOYED}/conf.d/*.conf`, `${DEPLOYED}/conf.d/scripts.conf`) });
    const { stdout } = await kalint(['--format', 'json', '--include-root', `${DEPLOYED}/=roles/lb/files/`, 'roles/lb/files/keepalived.conf'], { cwd: dir, ...ALL_RULES });
    expect(findings(stdout, dir)).toEqual(['roles/lb/files/keepalived.conf:17:9 undefined-reference', 'roles/lb/files/conf.d/scripts.conf:1:13 unused-definition']);
  });

  it('says where it looked when the mapped directory holds no match', async () => {
    const dir = repository();
    const { stdout } = await kalint(['--format', 'json', '--include-root', `${DEPLOYED}=roles/old/files`, 'roles/lb/files/keepalived.conf'], { cwd: dir, ...ALL_RULES });
    expect(findings(stdout, dir)).toEqual(['roles/lb/files/keepalived.conf:6:1 syntax']);
    const [message] = messagesOf(stdout, 'syntax');
    expect(message).toMatch(new RegExp(`^include: no file matches '${DEPLOYED}/conf\\.d/\\*\\.conf' \\(read from 'roles/old/files/conf\\.d/\\*\\.conf'\\); with this include unread, these checks are off`));
    // The way out is already taken: no advice to add an include root.
    expect(message).not.toContain('--include-root');
  });

  it('takes the longest deployed directory that holds the include', async () => {
    const dir = repository();
    const { stdout } = await kalint(
      ['--format', 'json', '--include-root', `${DEPLOYED}=roles/lb/files`, '--include-root', '/etc/kalint-test-deployed=roles/old/files', 'roles/lb/files/keepalived.conf'],
      { cwd: dir, ...ALL_RULES },
    );
    expect(findings(stdout, dir)).toContain('roles/lb/files/keepalived.conf:17:9 undefined-reference');
  });

  it.each([
    ['/etc/keepalived', "kalint: --include-root expects FROM=TO, a deployed directory and where it is kept here (such as /etc/keepalived=roles/lb/files), not '/etc/keepalived'\n"],
    ['etc/keepalived=roles', "kalint: --include-root: FROM must be an absolute directory as deployed (such as /etc/keepalived=roles/lb/files), not 'etc/keepalived'\n"],
    ['/etc/keepalived=roles/missing', "kalint: --include-root: 'roles/missing' does not exist\n"],
    ['/etc/keepalived=roles/lb/files/keepalived.conf', "kalint: --include-root: 'roles/lb/files/keepalived.conf' is not a directory\n"],
  ])('a bad value is a usage error naming it: %s', async (value, stderr) => {
    const dir = repository();
    expect(await kalint(['--include-root', value, 'roles/lb/files/keepalived.conf'], { cwd: dir, ...ALL_RULES })).toEqual({ code: 2, stdout: '', stderr });
  });

  it('kalint parse follows the mapped include', async () => {
    const dir = repository();
    const { code, stdout } = await kalint(['parse', '--include-root', `${DEPLOYED}=roles/lb/files`, 'roles/lb/files/keepalived.conf'], { cwd: dir });
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { diagnostics: unknown[]; ast: { includes: Array<{ pattern: string; files: string[] }> } };
    expect(output.diagnostics).toEqual([]);
    expect(output.ast.includes.map((i) => [i.pattern, i.files])).toEqual([[`${DEPLOYED}/conf.d/*.conf`, [`${dir}/roles/lb/files/conf.d/scripts.conf`]]]);
  });
});

describe('"includeRoots" in .kalintrc.json', () => {
  it('maps like --include-root, TO relative to the configuration file', async () => {
    const dir = repository({ 'roles/.kalintrc.json': JSON.stringify({ includeRoots: { [DEPLOYED]: 'lb/files' } }) });
    const { code, stdout } = await kalint(['--format', 'json', 'lb/files/keepalived.conf'], { cwd: `${dir}/roles`, ...ALL_RULES });
    expect(code).toBe(1);
    expect(findings(stdout, `${dir}/roles`)).toEqual(['lb/files/keepalived.conf:17:9 undefined-reference', 'lb/files/conf.d/scripts.conf:1:13 unused-definition']);
  });

  it('the command line wins for the same directory; the file still maps the others', async () => {
    const dir = repository({ '.kalintrc.json': JSON.stringify({ includeRoots: { [DEPLOYED]: 'roles/old/files', '/etc/kalint-test-other': 'roles/old/files' } }) });
    const run = (...args: string[]) => kalint(['--format', 'json', ...args, 'roles/lb/files/keepalived.conf'], { cwd: dir, ...ALL_RULES });
    expect(findings((await run()).stdout, dir)).toEqual(['roles/lb/files/keepalived.conf:6:1 syntax']);
    expect(findings((await run('--include-root', `${DEPLOYED}=roles/lb/files`)).stdout, dir)).toEqual([
      'roles/lb/files/keepalived.conf:17:9 undefined-reference',
      'roles/lb/files/conf.d/scripts.conf:1:13 unused-definition',
    ]);
    // A shorter directory on the command line does not hide the file's longer one.
    const shorter = await run('--include-root', '/etc/kalint-test-deployed=roles/lb');
    expect(messagesOf(shorter.stdout, 'syntax')[0]).toContain("(read from 'roles/old/files/conf.d/*.conf')");
  });

  it.each([
    ['{"includeRoots": ["/etc/keepalived"]}', `'includeRoots' must be an object of deployed directory -> directory it is kept in here, such as { "/etc/keepalived": "roles/lb/files" }`],
    ['{"includeRoots": {"etc/keepalived": "roles"}}', `'includeRoots': 'etc/keepalived' must be an absolute directory as deployed, such as { "/etc/keepalived": "roles/lb/files" }`],
    ['{"includeRoots": {"/etc/keepalived": 1}}', `'includeRoots./etc/keepalived' must be a directory name, relative to the configuration file`],
    ['{"includeRoots": {"/etc/keepalived": "roles/missing"}}', `'includeRoots./etc/keepalived': 'roles/missing' does not exist`],
    ['{"includeRoots": {"/etc/keepalived": "roles/old/files/README"}}', `'includeRoots./etc/keepalived': 'roles/old/files/README' is not a directory`],
    ['{"includeRoots": {"/etc/keepalived": "roles", "/etc/keepalived/": "roles"}}', `'includeRoots' names '/etc/keepalived' twice`],
  ])('a bad value is a usage error naming the file: %s', async (text, problem) => {
    const dir = repository({ '.kalintrc.json': text });
    expect(await kalint(['roles/lb/files/keepalived.conf'], { cwd: dir, ...ALL_RULES })).toEqual({
      code: 2,
      stdout: '',
      stderr: `kalint: invalid configuration '.kalintrc.json': ${problem}\n`,
    });
  });
});
