import { unusedDefinition } from '../../src/rules/unused-definition.js';
import { testRule } from '../rule-tester.js';

const SCRIPT = 'vrrp_script chk_haproxy {\n    script "/usr/bin/killall -0 haproxy"\n    interval 2\n}\n';

testRule(unusedDefinition, {
  valid: [
    {
      name: 'tracked by an instance',
      code: SCRIPT + 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    track_script {\n        chk_haproxy\n    }\n}\n',
    },
    { name: 'tracked by a sync group', code: SCRIPT + 'vrrp_sync_group VG_1 {\n    group {\n        VI_1\n    }\n    track_script {\n        chk_haproxy\n    }\n}\n' },
    {
      name: 'a virtual_server_group in use',
      code: 'virtual_server_group WEB {\n    10.0.0.10 80\n}\nvirtual_server group WEB {\n    protocol TCP\n}\n',
    },
    {
      name: 'a vrrp_track_file (the older name of track_file) tracked by a track_file item',
      code: 'vrrp_track_file maint {\n    file /var/run/maint\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    track_file {\n        maint\n    }\n}\n',
    },
    { name: 'a track_file used by a FILE_CHECK', code: 'track_file maint {\n    file /var/run/maint\n}\nvirtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.0.2 80 {\n        FILE_CHECK {\n            track_file maint\n        }\n    }\n}\n' },
    { name: 'the use may be in an include kalint cannot read', code: SCRIPT + 'include /etc/keepalived/instances/*.conf\n' },
  ],
  invalid: [
    {
      name: 'a vrrp_script nothing tracks',
      code: SCRIPT + 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\n',
      errors: [
        {
          line: 1,
          column: 13,
          severity: 'warning',
          message: "vrrp_script 'chk_haproxy' is defined but nothing in this file tracks it; keepalived never runs it, so it changes no priority.",
        },
      ],
    },
    {
      name: 'an unused virtual_server_group, track_file and bfd_instance',
      code: 'virtual_server_group WEB {\n    10.0.0.10 80\n}\ntrack_file maint {\n    file /var/run/maint\n}\nbfd_instance gw {\n    neighbor_ip 10.0.0.1\n}\n',
      errors: [
        { line: 1, column: 22, message: /^virtual_server_group 'WEB' is defined but no virtual_server uses it/ },
        { line: 4, column: 12, message: /^track_file 'maint' is defined but nothing in this file tracks it/ },
        { line: 7, column: 14, message: /^bfd_instance 'gw' is defined but nothing in this file tracks it/ },
      ],
    },
  ],
});
