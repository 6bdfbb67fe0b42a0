import { scriptLineWordsRule } from '../../src/rules/script-line-words.js';
import { testRule } from '../rule-tester.js';

const instance = (lines: string) => `vrrp_instance VI_1 {
    interface ens33
    virtual_router_id 51
    priority 100
${lines}    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;

testRule(scriptLineWordsRule, {
  valid: [
    // The corrected variants: the argument inside the quotes.
    { name: 'quoted command with its argument', code: instance('    notify_master "/etc/keepalived/notify.sh master"\n') },
    { name: 'a redirection inside the quotes goes to the script', code: instance('    notify_master "/etc/keepalived/notify.sh master >/tmp/notify.log"\n') },
    // keepalived.conf(5): notify_master <STRING>|<QUOTED-STRING> [username [groupname]].
    { name: 'a user and a group', code: instance('    notify_master "/etc/keepalived/notify.sh master" keepalived_script keepalived\n') },
    { name: 'a plain command', code: instance('    notify /etc/keepalived/notify.sh\n') },
    { name: 'vrrp_script with a quoted command', code: 'vrrp_script chk {\n    script "/usr/bin/killall -0 haproxy"\n}\n' },
    { name: 'a file test', code: 'vrrp_script chk {\n    script "</dev/tcp/127.0.0.1/80"\n}\n' },
    // keepalived.conf(5) "Quoted strings": 'abcd" efg h jkl "mnop' is one string.
    { name: 'quotes inside a word', code: instance('    notify_master /etc/keepalived/notify.sh" master"\n') },
  ],
  invalid: [
    {
      // The case: keepalived joins `"…sh master">` into one word; the file becomes the user.
      name: 'a redirection after the quotes',
      code: instance('    notify_master "/etc/keepalived/notify.sh master"> /tmp/notify.log\n'),
      errors: [
        {
          line: 5,
          column: 55,
          severity: 'error',
          message:
            `keepalived reads the word after notify_master's command (/etc/keepalived/notify.sh) as the user to run it as: user '/tmp/notify.log' cannot exist, so keepalived reports "Invalid user/group for notify script /etc/keepalived/notify.sh - ignoring" and this notify_master script never runs. Quote the whole command: notify_master "/etc/keepalived/notify.sh master> /tmp/notify.log".`,
        },
      ],
    },
    {
      name: 'a redirection as its own word',
      code: instance('    notify_backup "/etc/keepalived/notify.sh backup" >> /tmp/notify.log\n'),
      errors: [{ line: 5, column: 54, severity: 'error', message: /user '>>' cannot exist.* keepalived runs no shell/ }],
    },
    {
      name: 'an upper-case state as an argument',
      code: instance('    notify_master /etc/keepalived/notify.sh MASTER\n'),
      errors: [
        {
          line: 5,
          column: 45,
          severity: 'error',
          message:
            `keepalived reads the word after notify_master's command (/etc/keepalived/notify.sh) as the user to run it as, not as an argument: it looks for a user named 'MASTER', which normally does not exist, reports "Invalid user/group for notify script /etc/keepalived/notify.sh - ignoring", and this notify_master script never runs. Quote the whole command: notify_master "/etc/keepalived/notify.sh MASTER".`,
        },
      ],
    },
    {
      name: 'a lower-case state as an argument',
      code: instance('    notify_fault /etc/keepalived/notify.sh fault\n'),
      errors: [{ line: 5, column: 44, severity: 'error', message: /it looks for a user named 'fault', which normally does not exist/ }],
    },
    {
      name: 'an upper-case word that is no state',
      code: instance('    notify_stop /etc/keepalived/notify.sh Stopped\n'),
      errors: [{ line: 5, column: 43, severity: 'warning', message: /unless a user named 'Stopped' exists/ }],
    },
    {
      // lib/notify.c notify_script_init: the third word is the group.
      name: 'an argument read as the group',
      code: instance('    notify "/etc/keepalived/notify.sh" root --verbose\n'),
      errors: [{ line: 5, column: 45, severity: 'error', message: /group '--verbose' cannot exist/ }],
    },
    {
      // vrrp_parser.c vrrp_vscript_script_handler reads only the first word.
      name: 'vrrp_script with unquoted arguments',
      code: 'vrrp_script chk {\n    script /usr/bin/killall -0 haproxy\n}\n',
      errors: [{ line: 2, column: 29, severity: 'error', message: 'keepalived reads only the first word after script as the command: it runs "/usr/bin/killall" and ignores -0 haproxy. Put the command and its arguments in one pair of quotes: script "/usr/bin/killall -0 haproxy".' }],
    },
  ],
});
