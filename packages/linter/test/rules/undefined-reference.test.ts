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
    { name: 'a defined ${NAME}', code: '$RID=lb1\nglobal_defs {\n    router_id ${RID}\n}\n' },
    { name: '${_ENV NAME} from keepalived 2.4.0', code: 'global_defs {\n    router_id ${_ENV HOME}\n}\n', options: { targetVersion: '2.4.0' } },
    { name: '$ inside a script is left to the script', code: 'vrrp_script chk {\n    script "/bin/sh -c \'test -n $HOME\'"\n}\n' },
    {
      name: 'a parameter defined for some config ids only',
      code: '@lb1 $PRIO=150\n@lb2 $PRIO=100\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority $PRIO\n}\n',
    },
    {
      name: 'a track_file item naming a vrrp_track_file, the older name of track_file',
      code: 'vrrp_track_file maint {\n    file /var/run/maint\n}\n' + instance('    track_file {\n        maint\n    }\n'),
    },
    { name: 'lvs_sync_daemon without any vrrp_instance: keepalived runs no VRRP process to look it up', code: 'global_defs {\n    lvs_sync_daemon eth0 VI_9\n}\n' },
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
      name: "an undefined ${NAME} splits the line at its braces: the '}' closes the block early",
      code: 'global_defs {\n    router_id ${ROUTER}\n    enable_script_security\n}\n',
      errors: [
        {
          line: 2,
          column: 15,
          message:
            "'${ROUTER}' is not defined, so keepalived leaves it as written and splits the line at its braces: it reports \"Unexpected '{'\" and ignores the '{', reads 'ROUTER' as a keyword line, and the '}' closes 'global_defs' at this line: the rest of that block is read at the top level. Define $ROUTER= before this line or write the value.",
        },
      ],
    },
    {
      name: 'an undefined ${NAME} in a nested block: the rest is read in the enclosing block',
      code: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.0.2 80 {\n        weight ${W}\n    }\n}\n',
      errors: [{ line: 4, column: 16, message: /the '\}' closes 'real_server 10\.0\.0\.2 80' at this line: the rest of that block is read in 'virtual_server 10\.0\.0\.1 80'\./ }],
    },
    {
      name: "an undefined ${NAME} naming a block: its '{' opens the block and its '}' closes it",
      code: 'vrrp_instance ${NAME} {\n    interface eth0\n}\n',
      errors: [
        {
          line: 1,
          column: 15,
          message:
            "'${NAME}' is not defined, so keepalived leaves it as written and splits the line at its braces: its '{' opens the block of 'vrrp_instance $', 'NAME' is read as a keyword line in it, and the '}' closes that block at once: the lines written for that block are read at the top level. Define $NAME= before this line or write the value.",
        },
      ],
    },
    {
      name: 'an undefined ${NAME} in an item of a value block',
      code: 'vrrp_instance VI_1 {\n    virtual_ipaddress {\n        10.0.0.${N}/24\n    }\n}\n',
      errors: [{ line: 3, column: 9, message: /: '\{' and 'N' become items of 'virtual_ipaddress', and the '\}' ends 'virtual_ipaddress' at this line: the rest of it is read in 'vrrp_instance VI_1'\./ }],
    },
    {
      name: 'an undefined ${NAME} at the top level',
      code: 'foo ${X}\n',
      errors: [{ line: 1, column: 5, message: /reads 'X' as a keyword line, and the '\}' is an extra '\}' at the top level\./ }],
    },
    {
      name: '${NAME} defined only further down: keepalived substitutes definitions made before the line',
      code: 'global_defs {\n    router_id ${RID}\n}\n$RID=lb1\n',
      errors: [
        {
          line: 2,
          column: 15,
          message: /^'\$\{RID\}' is defined only further down \(line 4\), and a definition applies only to the lines after it, so keepalived leaves it as written .* Move \$RID= above this line\.$/,
        },
      ],
    },
    {
      name: '$NAME defined only further down',
      code: 'vrrp_instance VI_1 {\n    interface $IF\n    virtual_router_id 51\n}\n$IF=eth0\n',
      errors: [
        {
          line: 2,
          column: 15,
          message: "'$IF' is defined only further down (line 5), and a definition applies only to the lines after it: keepalived keeps '$IF' as written. Move $IF= above this line.",
        },
      ],
    },
    {
      name: 'a multi-line definition with text after it',
      code: '$M=a \\\nb\nglobal_defs {\n    router_id ${M} x\n}\n',
      errors: [{ line: 4, column: 15, message: /^'\$\{M\}' is a multi-line definition \(line 1\), which keepalived substitutes only where nothing follows it on the line, so keepalived leaves it as written/ }],
    },
    {
      name: '${_ENV NAME} for keepalived 2.2.7, which has no _ENV',
      code: 'global_defs {\n    router_id ${_ENV HOME}\n}\n',
      options: { targetVersion: '2.2.7' },
      errors: [
        {
          line: 2,
          column: 15,
          message: /^'\$\{_ENV HOME\}' is not defined in keepalived 2\.2\.7, which has no \$\{_ENV\} \(it comes with 2\.4\.0\), so keepalived leaves it as written .*reads '_ENV HOME' as a keyword line, and the '\}' closes 'global_defs' at this line/,
        },
      ],
    },
  ],
});
