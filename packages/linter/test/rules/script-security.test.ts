import { scriptSecurity } from '../../src/rules/script-security.js';
import { testRule } from '../rule-tester.js';

const INSTANCE = `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    track_script {
        chk_haproxy
    }
    virtual_ipaddress {
        192.168.1.10/24
    }
}
`;
const SCRIPT = 'vrrp_script chk_haproxy {\n    script "/usr/bin/killall -0 haproxy"\n    interval 2\n}\n';

testRule(scriptSecurity, {
  valid: [
    { name: 'security and a script user', code: 'global_defs {\n    enable_script_security\n    script_user keepalived_script\n}\n' + SCRIPT + INSTANCE },
    { name: 'no scripts at all', code: INSTANCE.replace(/    track_script \{\n        chk_haproxy\n    \}\n/, '') },
    { name: 'a file test runs nothing', code: 'vrrp_script chk_file {\n    script "</var/run/haproxy.pid"\n}\n' + INSTANCE },
    { name: 'vrrp scripts without any vrrp_instance are not checked', code: SCRIPT },
    {
      name: 'every script names its own user',
      code: 'global_defs {\n    enable_script_security\n}\n' + SCRIPT.replace('interval 2', 'interval 2\n    user haproxy') + INSTANCE,
    },
  ],
  invalid: [
    {
      name: 'scripts without enable_script_security',
      code: SCRIPT + INSTANCE.replace('    virtual_ipaddress', '    notify_master "/etc/keepalived/notify.sh master"\n    virtual_ipaddress'),
      errors: [
        {
          line: 2,
          column: 12,
          severity: 'warning',
          message:
            'script runs a script (and 1 more script), but global_defs has no enable_script_security: keepalived reports "SECURITY VIOLATION - scripts are being executed but script_security not enabled" for any script it finds (keepalived -t exits 6) and runs scripts without checking who can modify them. Add enable_script_security and script_user <user> to global_defs.',
        },
      ],
    },
    {
      name: 'a MISC_CHECK is a check script',
      code: 'virtual_server 10.1.8.100 80 {\n    protocol TCP\n    real_server 10.1.8.11 80 {\n        MISC_CHECK {\n            misc_path "/bin/true"\n        }\n    }\n}\n',
      errors: [{ line: 5, column: 23, message: /"SECURITY VIOLATION - check scripts are being executed but script_security not enabled"/ }],
    },
    {
      name: 'enable_script_security without script_user',
      code: 'global_defs {\n    enable_script_security\n}\n' + SCRIPT + INSTANCE,
      errors: [{ line: 2, column: 5, message: /^enable_script_security is set but global_defs has no script_user: 1 script \(first: script at line 5\) will run as user keepalived_script/ }],
    },
  ],
});
