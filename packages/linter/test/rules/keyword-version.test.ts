import { keywordVersion } from '../../src/rules/keyword-version.js';
import { testRule } from '../rule-tester.js';

const instance = (line: string) => `vrrp_instance web {
    interface eth0
    virtual_router_id 51
${line}
    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;

const hmac = `vrrp_instance web {
    interface eth0
    virtual_router_id 51
    auth_hmac {
        key 1 secret
        active_key 1
    }
}
`;

testRule(keywordVersion, {
  valid: [
    { name: 'keywords 2.2.7 knows, for 2.2.7', code: instance('    priority 100'), options: { targetVersion: '2.2.7' } },
    { name: 'a 2.2.8 keyword for 2.2.8', code: instance('    no_virtual_ipaddress'), options: { targetVersion: '2.2.8' } },
    { name: 'a 2.4.0 block by default (2.4.3)', code: hmac },
    { name: 'a leading v is allowed', code: instance('    no_virtual_ipaddress'), options: { targetVersion: 'v2.3.0' } },
    { name: 'unknown keywords are for unknown-keyword', code: instance('    no_such_keyword'), options: { targetVersion: '2.0.0' } },
  ],
  invalid: [
    {
      name: 'a 2.2.8 keyword for 2.2.7',
      code: instance('    no_virtual_ipaddress'),
      options: { targetVersion: '2.2.7' },
      errors: [
        {
          line: 4,
          column: 5,
          severity: 'error',
          message: 'keepalived 2.2.7 does not know `no_virtual_ipaddress` in `vrrp_instance` (added in 2.2.8): it reports an unknown keyword and ignores the line.',
        },
      ],
    },
    {
      name: 'a block: only the block keyword, with what happens to its lines',
      code: hmac,
      options: { targetVersion: '2.3.3' },
      errors: [{ line: 4, column: 5, message: /^keepalived 2\.3\.3 does not know `auth_hmac` in `vrrp_instance` \(added in 2\.4\.0\).*closes `vrrp_instance` early\.$/ }],
    },
    {
      name: 'an unreleased keyword by default',
      code: `virtual_server 10.0.0.1 443 {
    protocol TCP
    real_server 10.0.0.2 443 {
        SSL_GET {
            sni_name example.com
            url {
                path /
                status_code 200
            }
        }
    }
}
`,
      errors: [{ line: 5, column: 13, message: /^keepalived 2\.4\.3 does not know `sni_name` in `SSL_GET` \(added in a release after 2\.4\.3\)/ }],
    },
    {
      name: 'a global_defs keyword of 2.3.0 for 2.2.8',
      code: 'global_defs {\n    router_id lb1\n    use_symlink_paths\n}\n',
      options: { targetVersion: '2.2.8' },
      errors: [{ line: 3, column: 5, message: /^keepalived 2\.2\.8 does not know `use_symlink_paths` in `global_defs` \(added in 2\.3\.0\)/ }],
    },
  ],
});
