import { invalidArgument } from '../../src/rules/invalid-argument.js';
import { testRule } from '../rule-tester.js';

/** One keyword line inside a vrrp_instance (line 3). */
const vi = (line: string) => `vrrp_instance web {\n    interface eth0\n    ${line}\n}\n`;
/** One keyword line inside a virtual_server (line 2). */
const vs = (line: string) => `virtual_server 10.1.8.100 80 {\n    ${line}\n    real_server 10.1.8.11 80 {\n        weight 1\n    }\n}\n`;
/** One keyword line inside a TCP_CHECK (line 4). */
const tcp = (line: string) => `virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 80 {\n        TCP_CHECK {\n            ${line}\n        }\n    }\n}\n`;
/** One keyword line inside global_defs (line 2). */
const gd = (line: string) => `global_defs {\n    ${line}\n}\n`;
/** One keyword line inside a vrrp_script (line 3). */
const script = (line: string) => `vrrp_script chk {\n    script /bin/true\n    ${line}\n}\n`;
const for227 = { targetVersion: '2.2.7' };
/** What keepalived does with a umask it rejects. */
const UMASK_KEPT = 'keepalived ignores the line and keeps its default umask 0177 (new files readable and writable by their owner only).';
/** Items of a virtual_server_group block (from line 2). */
const vsg = (...items: string[]) => `virtual_server_group web {\n${items.map((i) => `    ${i}\n`).join('')}}\n`;
/** One line inside an HTTP_GET url block (line 5). */
const url = (line: string) => `virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 80 {\n        HTTP_GET {\n            url {\n                ${line}\n            }\n        }\n    }\n}\n`;
/** Items of a virtual_ipaddress block (from line 3). */
const vips = (...items: string[]) => `vrrp_instance web {\n    virtual_ipaddress {\n${items.map((i) => `        ${i}\n`).join('')}    }\n}\n`;
/** Items of a unicast_peer block (from line 3). */
const peers = (...items: string[]) => `vrrp_instance web {\n    unicast_peer {\n${items.map((i) => `        ${i}\n`).join('')}    }\n}\n`;

testRule(invalidArgument, {
  valid: [
    vi('priority 100'),
    vi('priority "100"'),
    vi('advert_int 0.5'),
    vi('advert_int 1.000001'),
    vi('state BACKUP'),
    vi('virtual_router_id 255'),
    vi('unicast_src_ip 10.1.8.1'),
    vi('mcast_src_ip fe80::1'),
    vi('nopreempt'),
    vi('strict_mode on'),
    vi('garp_extra_if all 5'),
    vi('use_vmac vrrp.51'),
    vi('use_vmac 00:00:5e:00:01:33 group 5'),
    vi('notify_master "/usr/local/bin/notify.sh master now" root'),
    vs('lb_algo wrr'),
    vs('lb_kind TUN type gue port 6080'),
    vs('protocol tcp'),
    vs('persistence_timeout'),
    'virtual_server fwmark 1 {\n    lb_kind DR\n}\n',
    'virtual_server fwmark 0 {\n    lb_kind DR\n}\n',
    'virtual_server group web {\n    lb_kind DR\n}\n',
    'virtual_server 10.1.8.100 0 {\n    persistence_timeout 60\n}\n',
    tcp('connect_port 8080'),
    tcp('bindto 10.1.8.2'),
    tcp('connect_timeout 2.5'),
    gd('lvs_sync_daemon eth0 VI_1 id 5 maxlen 1400 port 8848 ttl 1 group 224.0.0.81'),
    gd('lvs_timeouts tcp 7200 tcpfin 120 udp 300'),
    gd('vrrp_mcast_group4 224.0.0.18'),
    gd('vrrp_mcast_group6 ff02::12'),
    gd('smtp_server mail.example.com 25'),
    gd('vrrp_cpu_affinity 0 1'),
    gd('vrrp_garp_interval 0.001'),
    // Arguments added after 2.2.7 (issue 12, item 11): fine for the newest release, and true words for 2.2.7.
    gd('vrrp_strict off'),
    gd('vrrp_skip_check_adv_addr no'),
    { name: 'vrrp_strict on for 2.2.7 is what 2.2.7 does anyway', code: gd('vrrp_strict on'), options: for227 },
    { name: 'vrrp_strict alone for 2.2.7', code: gd('vrrp_strict'), options: for227 },
    { name: 'vrrp_strict off for 2.3.0', code: gd('vrrp_strict off'), options: { targetVersion: '2.3.0' } },
    { name: 'five ipsets for 2.2.7', code: gd('vrrp_ipsets v4 v6 if6 igmp mld'), options: for227 },
    gd('vrrp_ipsets v4 v6 if6 igmp mld nd'),
    'garp_group {\n    garp_interval 3000\n    interfaces {\n        eth0\n    }\n}\n',
    { name: 'garp_interval within 2.2.7\'s range', code: 'garp_group {\n    gna_interval 2147.483647\n}\n', options: for227 },
    vi('use_vmac name vrrp.51 netlink_notify_msg group 5'),
    vi('use_ipvlan name ipvl.51 group 5'),
    // A group is a number or a name from iproute2's group file.
    vi('use_vmac name vrrp.51 group backbone'),
    vi('use_ipvlan name ipvl.51 group backbone'),
    { name: 'use_vmac with a name and a MAC for 2.2.7', code: vi('use_vmac vrrp.51 00:00:5e:00:01:33'), options: for227 },
    gd('smtp_server 10.1.8.25'),
    // --- issue 12, item 12 and the oracle's open rows: what stays quiet ---
    { name: 'track_interface of another interface', code: 'vrrp_instance web {\n    interface eth0\n    track_interface {\n        eth1 weight -20\n    }\n}\n' },
    { name: 'a notification_email block with an address', code: 'global_defs {\n    notification_email {\n        ops@example.com\n    }\n}\n' },
    { name: 'an IPv4 netmask', code: vs('persistence_granularity 255.255.255.0') },
    { name: 'an IPv4 netmask in inet_aton\'s short form', code: vs('persistence_granularity 255.255.0') },
    { name: 'an IPv6 prefix length', code: 'virtual_server 2001:db8::100 80 {\n    persistence_granularity 64\n}\n' },
    {
      name: 'a fwmark virtual server whose real server set its family before the netmask',
      code: 'virtual_server fwmark 3 {\n    real_server 10.1.8.11 80 {\n    }\n    persistence_granularity 255.255.255.0\n}\n',
    },
    { name: 'a fwmark virtual server with ip_family inet6 and a prefix length', code: 'virtual_server fwmark 3 {\n    ip_family inet6\n    persistence_granularity 64\n}\n' },
    { name: 'rule addresses that parse', code: 'static_rules {\n    from 192.168.28.0/24 to 192.168.29.0/26 table 1\n    from all to default6 table 2\n    to 2001:db8::/64 table 3\n}\n' },
    gd('smtp_server 2001:db8::25 587'),
    vips('10.1.8.100/24', '10.1.8.101/24 dev eth0 label eth0:vip scope global', '10.1.8.102 brd + no_track', '2001:db8::10/64 dev eth0 -nodad preferred_lft forever', '10.1.8.103/32 peer 10.1.8.200 use_vmac'),
    peers('10.1.8.2', '10.1.8.3 min_ttl 1 max_ttl 64', '10.1.8.4/24'),
    'static_ipaddress {\n    192.168.200.17/24 dev eth1 track_group tg1\n}\n',
    // vrrp_script timers: decimals from 2.3.2 (the default target is the newest release), whole seconds before
    script('interval 1.5'),
    script('timeout 0.25'),
    script('interval 4294'),
    { name: 'whole seconds for 2.2.7', code: script('interval 2'), options: for227 },
    { name: 'decimals for 2.3.2', code: script('interval 1.5'), options: { targetVersion: '2.3.2' } },
    // multicast groups
    gd('vrrp_mcast_group4 239.255.255.250'),
    gd('vrrp_mcast_group6 ff12::8'),
    vi('mcast_dst_ip 224.0.0.19'),
    vi('mcast_dst_ip ff02::13'),
    gd('lvs_sync_daemon eth0 VI_1 group ff05::81'),
    // umask: a number as C reads it, or bits joined by '|' (over words too)
    gd('umask 022'),
    gd('umask 0x3f'),
    gd('umask 0'),
    gd('umask 18'),
    gd('umask IWGRP|IWOTH'),
    gd('umask IWGRP | IWOTH|IXOTH'),
    gd('umask IRWXG|IRWXO'),
    { name: 'bits 2.2.7 knows, for 2.2.7', code: gd('umask IXUSR|IWGRP|IXGRP|IWOTH|IXOTH'), options: for227 },
    gd('vrrp_rx_bufs_policy MTU'),
    gd('vrrp_rx_bufs_policy advert'),
    gd('vrrp_rx_bufs_policy 65536'),
    url('digest 9b3a0c85a887a256d6939da88aabd8cd'),
    vsg('10.1.8.100 80', '10.1.8.101-110 443', '10.1.9.0/24 0', '2001:db8::1 80', 'fwmark 7', 'fwmark 8 inet6', '10.1.8.120'),
    { name: 'command lines are not counted word by word', code: vi("notify_backup '/bin/echo a b c' keepalived_script") },
    { name: 'use_vmac/use_ipvlan leading words are not placed by the schema: only option values are checked', code: vi('use_ipvlan name ipvl0 10.1.8.5/24 bridge') },
    { name: 'a trailing backslash is not treated as an option', code: gd('lvs_sync_daemon eth0 VI_1 \\') },
    { name: 'words inside unknown blocks are not checked', code: 'frobnicate {\n    priority 999\n}\n' },
  ],
  invalid: [
    {
      name: 'a keyword without its required value stops keepalived (exit 2)',
      code: vi('priority'),
      errors: [
        {
          line: 3,
          column: 5,
          message: '`priority` is missing its PRIORITY (usage: `priority <1-255>`): keepalived stops reading the configuration at this line and exits with status 2.',
          severity: 'error',
        },
      ],
    },
    {
      name: 'a value the handler checks for itself: no exit 2, but the line sets nothing',
      code: gd('router_id'),
      errors: [{ line: 2, column: 5, message: '`router_id` has no NAME (usage: `router_id <NAME>`): the line sets nothing.' }],
    },
    // --- integers ---
    {
      name: 'integer above the range',
      code: vi('priority 256'),
      errors: [{ line: 3, column: 14, message: 'Invalid PRIORITY for `priority`: `256` is outside the range [1, 255]: keepalived uses the default priority 100 instead.' }],
    },
    {
      name: 'integer below the range',
      code: vi('priority 0'),
      errors: [{ line: 3, column: 14, message: /`0` is outside the range \[1, 255\]: keepalived uses the default priority 100 instead\.$/ }],
    },
    {
      name: 'negative integer',
      code: vi('priority -5'),
      errors: [{ line: 3, column: 14, message: /`-5` is negative \(the range is \[1, 255\]\)/ }],
    },
    {
      name: 'not a whole number',
      code: vi('priority 1.5'),
      errors: [{ line: 3, column: 14, message: /`1\.5` is not a whole number: keepalived uses the default priority 100 instead\.$/ }],
    },
    {
      name: 'VRID out of range',
      code: vi('virtual_router_id 300'),
      errors: [{ line: 3, column: 23, message: /`300` is outside the range \[1, 255\]: keepalived ignores it, so the instance has no VRID and fails validation\.$/ }],
    },
    {
      name: 'an undefined $ parameter where a number belongs',
      code: vi('priority $PRIO'),
      errors: [{ line: 3, column: 14, message: /`\$PRIO` is not a whole number \(it looks like a `\$` parameter that no definition replaced\)/ }],
    },
    {
      name: 'a substituted value is checked like a written one',
      code: '$PRIO=300\nvrrp_instance web {\n    priority $PRIO\n}\n',
      errors: [{ line: 3, column: 14, message: /`300` is outside the range \[1, 255\]/ }],
    },
    // --- decimals ---
    {
      name: 'decimal below the range',
      code: vi('advert_int 0.005'),
      errors: [{ line: 3, column: 16, message: 'Invalid SECONDS for `advert_int`: `0.005` is outside the range [0.01, 255]: keepalived ignores it: the interval stays what an earlier advert_int line set, else the default of 1 second.' }],
    },
    {
      name: 'decimal above the range',
      code: vi('advert_int 300'),
      errors: [{ line: 3, column: 16, message: /`300` is outside the range \[0\.01, 255\]/ }],
    },
    {
      name: 'too many decimal places: keepalived reports and rounds',
      code: vi('advert_int 1.1234567'),
      errors: [{ line: 3, column: 16, message: 'Invalid SECONDS for `advert_int`: `1.1234567` has 7 decimal places; keepalived takes at most 6, reports the value and rounds it to 1.123457.' }],
    },
    {
      name: 'a timer of zero',
      code: gd('vrrp_garp_interval 0'),
      errors: [{ line: 2, column: 24, message: /`0` is outside the range \[0\.000001, 4294\.967295\]: keepalived reports it as invalid\.$/ }],
    },
    {
      name: 'not a decimal number',
      code: vs('delay_loop 6s'),
      errors: [{ line: 2, column: 16, message: /`6s` is not a number/ }],
    },
    // --- enums ---
    {
      name: 'state in the wrong case',
      code: vi('state master'),
      errors: [
        {
          line: 3,
          column: 11,
          message: 'Invalid STATE for `state`: `master` is not one of `MASTER` or `BACKUP`: keepalived starts the instance as BACKUP. keepalived compares it case-sensitively: write `MASTER`.',
        },
      ],
    },
    {
      name: 'state SLAVE',
      code: vi('state SLAVE'),
      errors: [{ line: 3, column: 11, message: 'Invalid STATE for `state`: `SLAVE` is not one of `MASTER` or `BACKUP`: keepalived starts the instance as BACKUP.' }],
    },
    {
      name: 'lb_kind of a keepalived fork',
      code: vs('lb_kind FNAT'),
      errors: [{ line: 2, column: 13, message: /^Invalid METHOD for `lb_kind`: `FNAT` is not one of `NAT`, `DR` or `TUN`: keepalived ignores it: the forwarding method stays what an earlier line set, else the default NAT\./ }],
    },
    {
      name: 'scheduler in upper case',
      code: vs('lb_algo RR'),
      errors: [{ line: 2, column: 13, message: /keepalived ignores it: the scheduler stays what an earlier line set, else the default wlc\. keepalived compares it case-sensitively: write `rr`\.$/ }],
    },
    {
      name: 'a case-insensitive enum still rejects unknown words',
      code: vs('protocol ICMP'),
      errors: [{ line: 2, column: 14, message: /`ICMP` is not one of `TCP`, `UDP` or `SCTP`: keepalived ignores it: the protocol stays what an earlier line set, else an address service is set up as UDP\./ }],
    },
    {
      name: 'auth_type in lower case',
      code: 'vrrp_instance web {\n    authentication {\n        auth_type pass\n        auth_pass secret\n    }\n}\n',
      errors: [{ line: 3, column: 19, message: /the instance keeps what an earlier auth_type line set, else runs without authentication\. keepalived compares it case-sensitively: write `PASS`\.$/ }],
    },
    // --- booleans ---
    {
      name: 'boolean word keepalived does not accept',
      code: vi('strict_mode enabled'),
      errors: [{ line: 3, column: 17, message: /`enabled` is not a boolean: keepalived accepts true, on, yes, false, off or no \(lower case\)/ }],
    },
    {
      name: 'boolean words are lower case',
      code: vi('strict_mode True'),
      errors: [{ line: 3, column: 17, message: /`True` is not a boolean/ }],
    },
    // --- addresses ---
    {
      name: 'an IPv4 address with an octet above 255',
      code: vi('unicast_src_ip 10.1.8.300'),
      errors: [{ line: 3, column: 20, message: 'Invalid ADDRESS for `unicast_src_ip`: `10.1.8.300` is not an IP address: keepalived reports it as invalid.' }],
    },
    {
      name: 'a malformed IPv6 address',
      code: vi('mcast_src_ip 2001:db8:::1'),
      errors: [{ line: 3, column: 18, message: /`2001:db8:::1` is not an IP address/ }],
    },
    {
      name: 'a placeholder where an address belongs',
      code: vi('unicast_src_ip <node-public-ip>'),
      errors: [{ line: 3, column: 20, message: /`<node-public-ip>` is not an IP address \(it looks like a placeholder that was never filled in\)/ }],
    },
    {
      name: 'IPv6 where IPv4 is required',
      code: gd('vrrp_mcast_group4 ff02::12'),
      errors: [{ line: 2, column: 23, message: /`ff02::12` is not an IPv4 address/ }],
    },
    {
      name: 'IPv4 where IPv6 is required',
      code: gd('vrrp_mcast_group6 224.0.0.18'),
      errors: [{ line: 2, column: 23, message: /`224\.0\.0\.18` is not an IPv6 address/ }],
    },
    {
      name: 'a virtual server address that does not parse skips the whole block',
      code: 'virtual_server 10.1.8.300 80 {\n    lb_kind DR\n}\n',
      errors: [{ line: 1, column: 16, message: /`10\.1\.8\.300` is not an IP address: keepalived skips the whole virtual_server block\.$/ }],
    },
    {
      name: 'an address option value',
      code: gd('lvs_sync_daemon eth0 VI_1 group 224.0.0.300'),
      errors: [{ line: 2, column: 37, message: /^Invalid GROUP for `lvs_sync_daemon` \(option `group`\): `224\.0\.0\.300` is not an IP address/ }],
    },
    // --- ports ---
    {
      name: 'port above 65535',
      code: tcp('connect_port 70000'),
      errors: [{ line: 4, column: 26, message: 'Invalid PORT for `connect_port`: `70000` is outside the range [1, 65535]: keepalived reports it as invalid.' }],
    },
    {
      name: 'port that is not a number',
      code: tcp('connect_port http'),
      errors: [{ line: 4, column: 26, message: /`http` is not a whole number/ }],
    },
    {
      name: 'real server port out of range skips the block',
      code: 'virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 65536 {\n        weight 1\n    }\n}\n',
      errors: [{ line: 2, column: 27, message: /`65536` is outside the range \[0, 65535\]: keepalived skips the whole real_server block\.$/ }],
    },
    // --- interfaces ---
    {
      name: 'interface name longer than 15 characters',
      code: 'vrrp_instance web {\n    interface enp0s31f6.100vlan\n}\n',
      errors: [{ line: 2, column: 15, message: /`enp0s31f6\.100vlan` is longer than 15 characters, the limit for Linux interface names: keepalived reports it and ignores it\.$/ }],
    },
    {
      name: 'interface name with a slash',
      code: 'vrrp_instance web {\n    interface eth0/1\n}\n',
      errors: [{ line: 2, column: 15, message: /`eth0\/1` cannot be an interface name/ }],
    },
    {
      name: 'an undefined $ parameter as interface',
      code: 'vrrp_instance web {\n    interface $your_interface\n}\n',
      errors: [{ line: 2, column: 15, message: /`\$your_interface` is not an interface name \(it looks like a `\$` parameter that no definition replaced\): no interface can have this name/ }],
    },
    // --- options ---
    {
      name: 'an unknown option word',
      code: gd('lvs_sync_daemon eth0 VI_1 id 5 mtu 1400'),
      errors: [{ line: 2, column: 36, message: '`mtu` is not an option of `lvs_sync_daemon` (options: inst, id, maxlen, port, ttl, group): keepalived reports it.' }],
    },
    {
      name: 'an option without its value',
      code: gd('lvs_timeouts tcp'),
      errors: [{ line: 2, column: 18, message: 'Option `tcp` of `lvs_timeouts` has no SECONDS: keepalived reports it and ignores the option.' }],
    },
    {
      name: 'an option value out of range',
      code: gd('lvs_sync_daemon eth0 VI_1 id 300'),
      errors: [{ line: 2, column: 34, message: /^Invalid SYNC_ID for `lvs_sync_daemon` \(option `id`\): `300` is outside the range \[0, 255\]/ }],
    },
    {
      name: 'a tunnel option keepalived does not know',
      code: vs('lb_kind TUN type vxlan'),
      errors: [{ line: 2, column: 22, message: /`vxlan` is not one of `ipip`, `gue` or `gre`/ }],
    },
    // --- rest ---
    {
      name: 'every word of a list is checked',
      code: gd('vrrp_cpu_affinity 0 one'),
      errors: [{ line: 2, column: 25, message: /^Invalid CPU for `vrrp_cpu_affinity`: `one` is not a whole number/ }],
    },
    // --- free text ---
    {
      name: 'a leftover parameter in a free-text value is a warning',
      code: 'vrrp_instance web {\n    authentication {\n        auth_type PASS\n        auth_pass $your_pass\n    }\n}\n',
      errors: [
        {
          line: 4,
          column: 19,
          message: 'Suspicious PASSWORD for `auth_pass`: `$your_pass` looks like a `$` parameter that no definition replaced: keepalived uses the text as it is.',
          severity: 'warning',
        },
      ],
    },
    // --- extra words ---
    {
      name: 'extra words keepalived silently ignores are a warning',
      code: vi('priority 100 200'),
      errors: [{ line: 3, column: 18, message: '`priority` takes at most 1 word: keepalived silently ignores `200`.', severity: 'warning' }],
    },
    {
      name: 'a flag with a word after it',
      code: vi('nopreempt please'),
      errors: [{ line: 3, column: 15, message: '`nopreempt` takes no words: keepalived silently ignores `please`.', severity: 'warning' }],
    },
    {
      name: "';' does not separate statements: the second setting is lost",
      code: vi('state BACKUP ; priority 90'),
      errors: [
        {
          line: 3,
          column: 18,
          message: "`state` takes at most 1 word, but this line goes on with `; priority 90`: keepalived does not split lines at ';' or at keywords and ignores the rest of the line, so `priority` is never set.",
          severity: 'error',
        },
      ],
    },
    {
      name: 'two settings on one line',
      code: vi('state MASTER priority 200'),
      errors: [{ line: 3, column: 18, message: /so `priority` is never set\.$/, severity: 'error' }],
    },
    {
      name: 'a vrrp_instance name of two words skips the block',
      code: 'vrrp_instance VI_2 extra {\n    interface eth0\n}\n',
      errors: [{ line: 1, column: 20, message: '`vrrp_instance` takes exactly one name, not 2 words: keepalived reports it and skips the whole block.' }],
    },
    {
      name: 'a vrrp_instance without a name skips the block',
      code: 'vrrp_instance {\n    interface eth0\n}\n',
      errors: [{ line: 1, column: 1, message: '`vrrp_instance` needs a name: keepalived reports it and skips the whole block.' }],
    },
    {
      name: 'words before the { of a value block are reported by keepalived',
      code: 'vrrp_instance web {\n    track_interface eth0 {\n        eth1\n    }\n}\n',
      errors: [{ line: 2, column: 21, message: /^`track_interface` takes no words before its '\{': keepalived reports "extra parameters" and ignores `eth0`\.$/, severity: 'error' }],
    },
    // --- virtual_ipaddress items ---
    {
      name: 'an invalid virtual address is skipped',
      code: vips('10.1.8.300/24'),
      errors: [{ line: 3, column: 9, message: 'Invalid address in `virtual_ipaddress`: `10.1.8.300/24` is not a valid IPv4 address: keepalived skips this line.' }],
    },
    {
      name: 'a prefix too long falls back to a host address',
      code: vips('10.1.8.103/33'),
      errors: [{ line: 3, column: 9, message: 'Invalid address in `virtual_ipaddress`: the prefix length `33` of `10.1.8.103/33` is not in [0, 32]; keepalived uses /32 instead.' }],
    },
    {
      name: 'a placeholder VIP',
      code: vips('<virtual-ip>'),
      errors: [{ line: 3, column: 9, message: /`<virtual-ip>` is not a valid IPv4 address \(it looks like a placeholder that was never filled in\): keepalived skips this line\.$/ }],
    },
    {
      name: 'two addresses on one line',
      code: vips('10.0.0.2/24 10.0.0.3/24'),
      errors: [{ line: 3, column: 21, message: /^`10\.0\.0\.3\/24` is not an option keepalived accepts after an address in `virtual_ipaddress`: keepalived reports an unknown configuration entry and ignores it\. Put each address on a line of its own\.$/ }],
    },
    {
      name: 'an option keepalived does not know after a VIP',
      code: vips('10.1.8.100/24 device eth0'),
      errors: [{ line: 3, column: 23, message: /^`device` is not an option keepalived accepts/ }, { line: 3, column: 30, message: /^`eth0` is not an option/ }],
    },
    {
      name: 'dev without a value drops the address',
      code: vips('10.1.8.100/24 dev'),
      errors: [{ line: 3, column: 23, message: '`dev` after `10.1.8.100/24` has no value: keepalived reports it and drops the address.' }],
    },
    {
      name: 'a broadcast address on IPv6',
      code: vips('2001:db8::10/64 brd 2001:db8::ff'),
      errors: [{ line: 3, column: 29, message: /an IPv6 address has no broadcast address; keepalived drops the address\.$/ }],
    },
    {
      name: 'a label longer than 15 characters',
      code: vips('10.1.8.100/24 label eth0:this-is-too-long'),
      errors: [{ line: 3, column: 29, message: /the label `eth0:this-is-too-long` is longer than 15 characters; keepalived drops the address\.$/ }],
    },
    {
      name: 'excluded addresses are checked the same way',
      code: 'vrrp_instance web {\n    virtual_ipaddress_excluded {\n        fe80::1::2/64\n    }\n}\n',
      errors: [{ line: 3, column: 9, message: /`fe80::1::2\/64` is not a valid IPv6 address/ }],
    },
    // --- unicast_peer items ---
    {
      name: 'a malformed unicast peer is skipped',
      code: peers('$ip_master_node'),
      errors: [{ line: 3, column: 9, message: /^Invalid `unicast_peer` address: `\$ip_master_node` is not an IP address \(it looks like a `\$` parameter that no definition replaced\): keepalived skips this peer\.$/ }],
    },
    {
      name: 'an unknown unicast_peer option',
      code: peers('10.1.8.3 ttl 5'),
      errors: [{ line: 3, column: 18, message: /^`ttl` is not a unicast_peer option \(min_ttl, max_ttl\)/ }],
    },
    {
      name: 'a unicast_peer TTL out of range',
      code: peers('10.1.8.3 max_ttl 300'),
      errors: [{ line: 3, column: 26, message: /^Invalid `max_ttl` for unicast peer `10\.1\.8\.3`: `300` is outside the range \[0, 255\]/ }],
    },
    {
      name: 'two peers on one line',
      code: peers('10.1.8.2 10.1.8.3'),
      errors: [{ line: 3, column: 18, message: /Put each peer on a line of its own\.$/ }],
    },
    // --- vrrp_script interval and timeout: whole seconds before 2.3.2 ---
    {
      name: 'a decimal interval for 2.2.7: reported, and the daemon runs on the whole seconds',
      code: script('interval 1.5'),
      options: for227,
      errors: [
        {
          line: 3,
          column: 14,
          message: 'Invalid SECONDS for `interval`: `1.5` is not a whole number (keepalived accepts it from 2.3.2 on, but not 2.2.7): keepalived reports it and uses 1, the whole number it starts with.',
          severity: 'error',
        },
      ],
    },
    {
      name: 'a decimal timeout below 1 for 2.2.7 reads as 0, which becomes 1',
      code: script('timeout 0.5'),
      options: for227,
      errors: [{ line: 3, column: 13, message: 'Invalid SECONDS for `timeout`: `0.5` is not a whole number (keepalived accepts it from 2.3.2 on, but not 2.2.7): keepalived reports it, reads 0 and uses 1 instead.' }],
    },
    {
      name: 'a decimal timeout beyond the range for 2.2.7 is ignored',
      code: script('timeout 5000.5'),
      options: for227,
      errors: [{ line: 3, column: 13, message: 'Invalid SECONDS for `timeout`: `5000.5` is not a whole number: keepalived ignores it, so a run of the script may last up to the interval before it counts as failed.' }],
    },
    {
      name: 'an interval of 0 becomes 1 second in every release',
      code: script('interval 0'),
      errors: [{ line: 3, column: 14, message: 'Invalid SECONDS for `interval`: `0` is below the range [0.001, 4294]: keepalived reports it and uses 1 instead.' }],
    },
    {
      name: 'an interval of 0 for 2.2.7',
      code: script('interval 0'),
      options: for227,
      errors: [{ line: 3, column: 14, message: 'Invalid SECONDS for `interval`: `0` is below the range [1, 4294]: keepalived reports it and uses 1 instead.' }],
    },
    {
      name: 'a timeout that rounds to 0 on 3 decimals',
      code: script('timeout 0.0004'),
      errors: [{ line: 3, column: 13, message: 'Invalid SECONDS for `timeout`: `0.0004` rounds to 0, below the range [0.001, 4294]: keepalived reports it and uses 1 instead.' }],
    },
    {
      name: 'an interval beyond 4294 seconds is ignored',
      code: script('interval 5000'),
      errors: [{ line: 3, column: 14, message: 'Invalid SECONDS for `interval`: `5000` is outside the range [0.001, 4294]: keepalived ignores it, so the script runs every second (the default).' }],
    },
    // --- multicast groups ---
    {
      name: 'vrrp_mcast_group4 that is not a multicast address',
      code: gd('vrrp_mcast_group4 4.8.117.29'),
      errors: [
        {
          line: 2,
          column: 23,
          message: 'Invalid ADDRESS for `vrrp_mcast_group4`: `4.8.117.29` is not a multicast address (IPv4 groups are 224.0.0.0 to 239.255.255.255): keepalived ignores it and sends VRRP adverts to the default group 224.0.0.18.',
          severity: 'error',
        },
      ],
    },
    {
      name: 'vrrp_mcast_group6 that is not a multicast address',
      code: gd('vrrp_mcast_group6 fd00::9d3'),
      errors: [{ line: 2, column: 23, message: 'Invalid ADDRESS for `vrrp_mcast_group6`: `fd00::9d3` is not a multicast address (IPv6 groups start with ff): keepalived ignores it and sends VRRP adverts to the default group ff02::12.' }],
    },
    {
      name: 'vrrp_mcast_group6 beyond the link: reported by keepalived, but used',
      code: gd('vrrp_mcast_group6 ff05::12'),
      errors: [
        {
          line: 2,
          column: 23,
          message:
            'Suspicious ADDRESS for `vrrp_mcast_group6`: `ff05::12` is not a link-local multicast group (ffx2::, such as ff02::12): keepalived reports it but uses it; VRRP adverts never leave the link, so peers normally use a link-local group.',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an IPv4 mcast_dst_ip that is not multicast',
      code: vi('mcast_dst_ip 88.67.84.253'),
      errors: [
        {
          line: 3,
          column: 18,
          message:
            "Invalid ADDRESS for `mcast_dst_ip`: `88.67.84.253` is not a multicast address (IPv4 groups are 224.0.0.0 to 239.255.255.255): keepalived ignores it and sends this instance's adverts to the global group (vrrp_mcast_group4/6, by default 224.0.0.18 or ff02::12).",
        },
      ],
    },
    {
      name: 'an IPv6 mcast_dst_ip must be link-local multicast',
      code: vi('mcast_dst_ip ff05::12'),
      errors: [{ line: 3, column: 18, message: /^Invalid ADDRESS for `mcast_dst_ip`: `ff05::12` is not a link-local multicast group \(ffx2::, such as ff02::12\): keepalived ignores it/ }],
    },
    {
      name: 'an IPv6 mcast_dst_ip that is not multicast at all',
      code: vi('mcast_dst_ip 2001:db8::1'),
      errors: [{ line: 3, column: 18, message: /^Invalid ADDRESS for `mcast_dst_ip`: `2001:db8::1` is not a multicast address \(IPv6 groups start with ff\)/ }],
    },
    {
      name: 'an lvs_sync_daemon group that is not multicast',
      code: gd('lvs_sync_daemon eth0 VI_1 group 10.0.0.1'),
      errors: [
        {
          line: 2,
          column: 37,
          message:
            "Invalid GROUP for `lvs_sync_daemon` (option `group`): `10.0.0.1` is not a multicast address (IPv4 groups are 224.0.0.0 to 239.255.255.255): keepalived ignores the option and the LVS sync daemon uses the kernel's default group 224.0.0.81.",
        },
      ],
    },
    // --- umask ---
    {
      name: 'a umask word that is no permission bit',
      code: gd('umask web'),
      errors: [
        {
          line: 2,
          column: 11,
          message: `Invalid MASK for \`umask\`: \`web\` is not a permission bit (IRUSR, IWUSR, IXUSR, IRWXU, IRGRP, IWGRP, IXGRP, IRWXG, IROTH, IWOTH, IXOTH or IRWXO): ${UMASK_KEPT}`,
          severity: 'error',
        },
      ],
    },
    {
      name: 'IRWXO for 2.2.7, which knows it from 2.2.8 on',
      code: gd('umask IWGRP|IRWXO'),
      options: for227,
      errors: [
        {
          line: 2,
          column: 11,
          message: `Invalid MASK for \`umask\`: \`IRWXO\` in \`IWGRP|IRWXO\` is not a permission bit (IRUSR, IWUSR, IXUSR, IRGRP, IWGRP, IXGRP, IROTH, IWOTH or IXOTH) (keepalived accepts it from 2.2.8 on, but not 2.2.7): ${UMASK_KEPT}`,
        },
      ],
    },
    {
      name: 'umask bits not joined by |',
      code: gd('umask IWGRP IWOTH'),
      errors: [{ line: 2, column: 17, message: `Invalid MASK for \`umask\`: in \`IWOTH\` the bits are not joined by '|': ${UMASK_KEPT}` }],
    },
    {
      name: 'a umask ending in |',
      code: gd('umask IWGRP|'),
      errors: [{ line: 2, column: 11, message: `Invalid MASK for \`umask\`: the mask ends with '|' and no bit after it: ${UMASK_KEPT}` }],
    },
    {
      name: 'a umask number C does not read whole (9 is no octal digit)',
      code: gd('umask 0999'),
      errors: [{ line: 2, column: 11, message: `Invalid MASK for \`umask\`: \`0999\` is not a number as C reads it (022 octal, 0x12 hex, 18 decimal): ${UMASK_KEPT}` }],
    },
    {
      name: 'a umask number above 0777',
      code: gd('umask 01000'),
      errors: [{ line: 2, column: 11, message: `Invalid MASK for \`umask\`: \`01000\` is above 0777: ${UMASK_KEPT}` }],
    },
    // --- words in place of a number, patterns, virtual_server_group lines ---
    {
      name: 'vrrp_rx_bufs_policy: neither a size nor MTU or ADVERT',
      code: gd('vrrp_rx_bufs_policy x1'),
      errors: [{ line: 2, column: 25, message: 'Invalid POLICY for `vrrp_rx_bufs_policy`: `x1` is neither a whole number nor `MTU` or `ADVERT`: keepalived reports it and ignores the word.' }],
    },
    {
      name: 'an HTTP_GET digest that is not 32 hex digits',
      code: url('digest 10.0.0.300'),
      errors: [{ line: 5, column: 24, message: 'Invalid MD5 for `digest`: `10.0.0.300` is not an MD5 digest of 32 hex digits: keepalived ignores it, so the check no longer compares the page with a digest.' }],
    },
    {
      name: 'a virtual_server_group line whose address does not parse',
      code: vsg('virtualhost /port/health'),
      errors: [{ line: 2, column: 5, message: 'Invalid address in `virtual_server_group`: `virtualhost` is not an IP address: keepalived reports it and skips this line.' }],
    },
    {
      name: 'a virtual_server_group line whose port is not a number',
      code: vsg('10.1.8.100 http'),
      errors: [{ line: 2, column: 16, message: 'Invalid port for `10.1.8.100` in `virtual_server_group`: `http` is not a whole number: keepalived reports it and skips this line.' }],
    },
    {
      name: 'a virtual_server_group fwmark that is not a number, and an unknown family',
      code: vsg('fwmark web', 'fwmark 5 ipv4'),
      errors: [
        { line: 2, column: 12, message: 'Invalid fwmark in `virtual_server_group`: `web` is not a whole number: keepalived reports it and skips this line.' },
        { line: 3, column: 14, message: 'Invalid family for fwmark 5 in `virtual_server_group`: `ipv4` is not `inet` or `inet6`: keepalived reports it and skips this line.' },
      ],
    },
    // --- arguments added after 2.2.7 (issue 12, item 11) ---
    {
      name: 'vrrp_strict off for 2.2.7: the word is ignored and strict mode is on',
      code: gd('vrrp_strict off'),
      options: for227,
      errors: [
        {
          line: 2,
          column: 17,
          message: 'keepalived 2.2.7 reads no BOOL after `vrrp_strict` (it does from 2.3.0 on): it ignores `off` without a message and turns strict mode on.',
          severity: 'error',
        },
      ],
    },
    {
      name: 'vrrp_strict false for 2.2.8',
      code: gd('vrrp_strict false'),
      options: { targetVersion: '2.2.8' },
      errors: [{ line: 2, column: 17, message: /^keepalived 2\.2\.8 reads no BOOL after `vrrp_strict` .*it ignores `false` without a message and turns strict mode on\.$/ }],
    },
    {
      name: 'vrrp_skip_check_adv_addr no for 2.2.7 skips the check',
      code: gd('vrrp_skip_check_adv_addr no'),
      options: for227,
      errors: [
        {
          line: 2,
          column: 30,
          message: 'keepalived 2.2.7 reads no BOOL after `vrrp_skip_check_adv_addr` (it does from 2.3.0 on): it ignores `no` without a message and skips the check of the addresses in received adverts.',
        },
      ],
    },
    {
      name: 'a sixth ipset for 2.2.7 is ignored: a warning',
      code: gd('vrrp_ipsets v4 v6 if6 igmp mld nd'),
      options: for227,
      errors: [
        {
          line: 2,
          column: 36,
          message: 'keepalived 2.2.7 reads no VMAC_ND_SET after `vrrp_ipsets` (it does from 2.3.0 on): it ignores `nd` without a message and keeps no set for VMAC neighbour discovery (it has none).',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'garp_interval and gna_interval beyond 2147.483647 seconds for 2.2.7',
      code: 'garp_group {\n    garp_interval 3000\n    gna_interval 2147.5\n}\n',
      options: for227,
      errors: [
        {
          line: 2,
          column: 19,
          message:
            'Invalid DECIMAL for `garp_interval`: `3000` is outside the range [0, 2147.483647] (keepalived accepts it from 2.3.2 on, but not 2.2.7): keepalived ignores the line (a garp_group left with no interval is removed).',
        },
        { line: 3, column: 18, message: /^Invalid DECIMAL for `gna_interval`: `2147\.5` is outside the range \[0, 2147\.483647\] \(keepalived accepts it from 2\.3\.2 on, but not 2\.2\.7\)/ },
      ],
    },
    {
      name: 'use_vmac options added in 2.3.0, for 2.2.7',
      code: `vrrp_instance web {\n    use_vmac name vrrp.51\n    use_vmac vrrp.52 netlink_notify_msg\n    use_vmac 00:00:5e:00:01:33 group 5\n}\n`,
      options: for227,
      errors: [
        {
          line: 2,
          column: 14,
          message:
            'keepalived 2.2.7 does not know the option `name` of `use_vmac` (added in 2.3.0): it takes `name` for an interface name (it reads at most two words after `use_vmac`, each a VMAC interface name or a MAC address), so the VMAC interface is not called by the name after it.',
          severity: 'error',
        },
        { line: 3, column: 22, message: /^keepalived 2\.2\.7 does not know the option `netlink_notify_msg` of `use_vmac` \(added in 2\.3\.0\): .*so the option does not apply\.$/ },
        { line: 4, column: 32, message: /^keepalived 2\.2\.7 does not know the option `group` of `use_vmac` \(added in 2\.3\.0\): .*so the VMAC interface is not put in the group\.$/ },
      ],
    },
    {
      name: 'use_ipvlan options added in 2.3.0, for 2.2.7',
      code: vi('use_ipvlan name ipvl.51 group 5'),
      options: for227,
      errors: [
        { line: 3, column: 16, message: /^keepalived 2\.2\.7 does not know the option `name` of `use_ipvlan` \(added in 2\.3\.0\): .*"IPVLAN interface already specified"\)\.$/ },
        { line: 3, column: 29, message: /^keepalived 2\.2\.7 does not know the option `group` of `use_ipvlan` \(added in 2\.3\.0\): .*not put in the group/ },
      ],
    },
    // --- track_interface, notification_email (issue 12, item 12) ---
    {
      // keepalived 2.2.7: "(VI_1) Ignoring track_interface eth0 since own interface".
      name: 'track_interface naming the instance\'s own interface',
      code: 'vrrp_instance VI_1 {\n    interface eth0\n    track_interface {\n        eth0\n        eth1\n    }\n}\n',
      errors: [
        {
          line: 4,
          column: 9,
          message:
            '`eth0` is this instance\'s own interface (`interface eth0`): keepalived ignores the line ("Ignoring track_interface eth0 since own interface"); the instance goes to FAULT when its own interface goes down anyway.',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'own interface with a weight, written before the interface line',
      code: 'vrrp_instance VI_1 {\n    track_interface {\n        eth0 weight -50\n    }\n    interface eth0\n}\n',
      errors: [{ line: 3, column: 9, message: /goes down anyway, so the weight -50 is never applied\.$/ }],
    },
    {
      name: 'own interface with dont_track_primary',
      code: 'vrrp_instance VI_1 {\n    interface eth0\n    dont_track_primary\n    track_interface {\n        eth0\n    }\n}\n',
      errors: [{ line: 5, column: 9, message: /; with `dont_track_primary` the instance then does not react to `eth0` going down at all\.$/ }],
    },
    {
      // keepalived 2.2.7: "Warning - empty notification_email block", at the line of its '}'.
      name: 'an empty notification_email block',
      code: 'global_defs {\n    notification_email {\n        # nobody yet\n    }\n    smtp_server 10.1.8.25\n}\n',
      errors: [
        {
          line: 2,
          column: 5,
          message: 'Empty `notification_email` block: keepalived reports it ("empty notification_email block") and adds no recipient, so with no recipient at all it sends no alert e-mail.',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an empty notification_email block on one line, beside one with an address',
      code: 'global_defs {\n    notification_email {\n        ops@example.com\n    }\n    notification_email { }\n}\n',
      errors: [{ line: 5, column: 5, message: 'Empty `notification_email` block: keepalived reports it ("empty notification_email block") and adds no recipient.' }],
    },
    // --- persistence_granularity (oracle) ---
    {
      name: 'a prefix length on an IPv4 virtual server is read as a netmask',
      code: vs('persistence_granularity 24'),
      errors: [
        {
          line: 2,
          column: 29,
          message:
            'Suspicious NETMASK for `persistence_granularity`: keepalived reads `24` as the netmask 0.0.0.24, which is not a contiguous netmask: persistence then groups clients by those bits of their address alone. For a /24, write 255.255.255.0.',
          severity: 'warning',
        },
      ],
    },
    {
      // keepalived 2.2.7: "Invalid IPv4 persistence_granularity specified - 255.255.256.0".
      name: 'an IPv4 netmask that does not parse',
      code: vs('persistence_granularity 255.255.256.0'),
      errors: [
        {
          line: 2,
          column: 29,
          message:
            'Invalid NETMASK for `persistence_granularity`: `255.255.256.0` is not an IPv4 netmask (such as 255.255.255.0): keepalived reports it and ignores the line, so each client address stays a persistence group of its own.',
          severity: 'error',
        },
      ],
    },
    {
      // keepalived 2.2.7: "Invalid IPv6 persistence_granularity specified - 255.255.255.0".
      name: 'a netmask on an IPv6 virtual server, and a prefix length beyond 128',
      code: 'virtual_server 2001:db8::100 80 {\n    persistence_granularity 255.255.255.0\n}\nvirtual_server 2001:db8::101 80 {\n    persistence_granularity 129\n}\n',
      errors: [
        { line: 2, column: 29, message: /^Invalid NETMASK for `persistence_granularity`: an IPv6 virtual server takes a prefix length 1\.\.128, not `255\.255\.255\.0`: keepalived reports it/ },
        { line: 5, column: 29, message: /takes a prefix length 1\.\.128, not `129`/ },
      ],
    },
    {
      // keepalived 2.2.7: "Address family of virtual server and real server 10.1.8.11 don't match - skipping real server."
      name: 'a prefix length makes a fwmark virtual server IPv6 and drops its IPv4 real servers',
      code: 'virtual_server fwmark 1 {\n    persistence_granularity 24\n    real_server 10.1.8.11 80 {\n    }\n}\n',
      errors: [
        {
          line: 2,
          column: 29,
          message:
            '`persistence_granularity 24` sets the family of this virtual server, which has none yet at this line: without a \'.\' keepalived makes it IPv6, then skips its IPv4 real servers (`10.1.8.11`: "Address family of virtual server and real server ... don\'t match"). Write `ip_family inet` before it and an IPv4 netmask.',
          severity: 'error',
        },
      ],
    },
    {
      name: 'a hex mask on a fwmark virtual server with no family is read as an IPv6 prefix length',
      code: 'virtual_server fwmark 2 {\n    persistence_granularity 0xffffff00\n}\n',
      errors: [{ line: 2, column: 29, message: /not `0xffffff00` \(the virtual server has no family yet at this line, and a word without a '\.' makes keepalived read an IPv6 prefix length\)/ }],
    },
    // --- static_rules / virtual_rules addresses (oracle) ---
    {
      // keepalived 2.2.7: "VRRP parsed invalid IP 192.168.100./24. skipping IP..." and "Invalid rule to address".
      name: 'a rule address that does not parse drops the rule',
      code: 'static_rules {\n    from 192.168.28.0/24 to 192.168.100./24 table 1\n}\nvrrp_instance web {\n    virtual_rules {\n        from 10.1.8.300 table 2\n        to 10.1.8.0/33 table 3\n    }\n}\n',
      errors: [
        { line: 2, column: 29, message: 'Invalid `to` address in `static_rules`: `192.168.100./24` is not a valid IPv4 address: keepalived reports it and drops this rule.', severity: 'error' },
        { line: 6, column: 14, message: 'Invalid `from` address in `virtual_rules`: `10.1.8.300` is not a valid IPv4 address: keepalived reports it and drops this rule.' },
        { line: 7, column: 12, message: 'Invalid `to` address in `virtual_rules`: the prefix length `33` of `10.1.8.0/33` is not in [0, 32]; keepalived uses /32 instead.' },
      ],
    },
    // --- smtp_server (issue 12, item 12) ---
    {
      // keepalived 2.2.7: "Invalid smtp server <smtp.domain.com> 25"; no SMTP server is set.
      name: 'a placeholder smtp_server: keepalived rejects it',
      code: gd('smtp_server <smtp.domain.com>'),
      errors: [
        {
          line: 2,
          column: 17,
          message:
            'Invalid SERVER for `smtp_server`: `<smtp.domain.com>` is not an IP address or a host name (letters, digits, \'-\' and \'.\') (it looks like a placeholder that was never filled in): keepalived cannot resolve it: it reports "Invalid smtp server" and sets no SMTP server, so it sends no alert e-mail.',
          severity: 'error',
        },
      ],
    },
    {
      name: 'a template smtp_server with no letters',
      code: gd('smtp_server ** 25'),
      errors: [{ line: 2, column: 17, message: /^Invalid SERVER for `smtp_server`: `\*\*` is not an IP address or a host name/, severity: 'error' }],
    },
    {
      name: 'a numeric umask followed by more words',
      code: gd('umask 022 IWOTH'),
      errors: [{ line: 2, column: 15, message: `Invalid MASK for \`umask\`: a numeric mask is one word, but \`IWOTH\` follows it: ${UMASK_KEPT}` }],
    },
  ],
});
