import { undefinedReference } from '../../src/rules/undefined-reference.js';
import { testRule } from '../rule-tester.js';

const SCRIPT = 'vrrp_script chk_haproxy {\n    script "/usr/bin/killall -0 haproxy"\n    interval 2\n}\n';
const instance = (body: string, name = 'VI_1', vrid = 51) => `vrrp_instance ${name} {
    interface eth0
    virtual_router_id ${vrid}
${body}    virtual_ipaddress {
        192.168.1.10/24
    }
}
`;

testRule(undefinedReference, {
  valid: [
    { name: 'track_script after its vrrp_script', code: SCRIPT + instance('    track_script {\n        chk_haproxy weight -20\n    }\n') },
    {
      name: 'a sync group of defined instances',
      code: instance('') + instance('', 'VI_2', 52) + 'vrrp_sync_group VG_1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\n',
    },
    {
      name: 'a virtual_server group that exists',
      code:
        'virtual_server_group WEB {\n    10.0.0.10 80\n}\nvirtual_server group WEB {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}\n',
    },
    { name: 'a defined parameter', code: '$IF=eth1\nvrrp_instance VI_1 {\n    interface $IF\n    virtual_router_id 51\n}\n' },
    { name: '$ inside a script is left to the script', code: 'vrrp_script chk {\n    script "/bin/sh -c \'test -n $HOME\'"\n}\n' },
    {
      name: 'a parameter defined for some config ids only',
      code: '@lb1 $PRIO=150\n@lb2 $PRIO=100\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority $PRIO\n}\n',
    },
    { name: 'names may live in an include kalint cannot read', code: 'include /etc/keepalived/scripts.conf\n' + instance('    track_script {\n        chk_nginx\n    }\n') },
  ],
  invalid: [
    {
      name: 'a track_script with no vrrp_script',
      code: instance('    track_script {\n        chk_nginx\n    }\n'),
      errors: [
        {
          line: 5,
          column: 9,
          severity: 'error',
          message:
            "track script 'chk_nginx' names no vrrp_script in this file; keepalived reports \"track script not found\" and ignores the line: the check never affects this instance.",
        },
      ],
    },
    {
      name: 'a vrrp_script defined after the instance that tracks it',
      code: instance('    track_script {\n        chk_haproxy\n    }\n') + SCRIPT,
      errors: [{ line: 5, column: 9, message: /^vrrp_script 'chk_haproxy' is defined only further down \(line 11\)/ }],
    },
    {
      name: 'a vrrp_script without script is removed',
      code: 'vrrp_script chk_haproxy {\n    interval 2\n}\n' + instance('    track_script {\n        chk_haproxy\n    }\n'),
      errors: [{ line: 8, column: 9, message: /has no 'script' line, so keepalived removes it/ }],
    },
    {
      name: 'track_file, track_process and track_bfd',
      code: instance('    track_file {\n        tf_maint\n    }\n    track_process {\n        haproxy\n    }\n    track_bfd {\n        bfd_gw\n    }\n'),
      errors: [
        { line: 5, column: 9, message: /^track file 'tf_maint' names no track_file/ },
        { line: 8, column: 9, message: /^track process 'haproxy' names no vrrp_track_process/ },
        { line: 11, column: 9, message: /^track bfd 'bfd_gw' names no bfd_instance/ },
      ],
    },
    {
      name: 'a sync group member that is not an instance',
      code: instance('') + 'vrrp_sync_group VG_1 {\n    group {\n        VI_1\n        VI_X\n    }\n}\n',
      errors: [{ line: 11, column: 9, message: "sync group member 'VI_X' names no vrrp_instance in this file; keepalived ignores the member." }],
    },
    {
      name: 'virtual_server group with no virtual_server_group',
      code: 'virtual_server group WEB {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}\n',
      errors: [{ line: 1, column: 22, message: /^virtual_server group 'WEB' names no virtual_server_group in this file; keepalived ignores this virtual_server/ }],
    },
    {
      name: 'FILE_CHECK naming no track_file',
      code: 'virtual_server 10.0.0.10 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        FILE_CHECK {\n            track_file maint\n        }\n    }\n}\n',
      errors: [{ line: 5, column: 24, message: /^track_file 'maint' names no track_file/ }],
    },
    {
      name: 'lvs_sync_daemon naming no instance',
      code: 'global_defs {\n    lvs_sync_daemon eth0 VI_9\n}\n' + instance(''),
      errors: [
        {
          line: 2,
          column: 26,
          message:
            "lvs_sync_daemon 'VI_9' names no vrrp_instance in this file; when it starts, keepalived reports \"Unable to find vrrp instance\" and clears the whole lvs_sync_daemon setting (`keepalived -t` does not check this).",
        },
      ],
    },
    {
      name: 'an undefined $NAME is kept as written',
      code: 'vrrp_instance VI_1 {\n    interface $your_interface\n    virtual_router_id 51\n}\n',
      errors: [
        {
          line: 2,
          column: 15,
          message: "'$your_interface' is not defined: keepalived keeps '$your_interface' as written. Define $your_interface= before this line or write the value.",
        },
      ],
    },
    {
      name: 'an undefined ${NAME} splits into braces',
      code: 'global_defs {\n    router_id ${ROUTER}\n}\n',
      errors: [{ line: 2, column: 15, message: /^'\$\{ROUTER\}' is not defined: keepalived leaves the text as written, and its '\{' and '\}' then open and close a block/ }],
    },
  ],
});
