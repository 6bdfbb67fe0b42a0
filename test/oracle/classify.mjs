// What keepalived's messages and kalint's findings are about, as one set of classes, so the two can be compared.
//
// keepalived side: a table of regexes over the message text (without the `(FILE: Line N) ` prefix); the first match
// wins. Messages that describe the machine the oracle runs on rather than the config are dropped (HOST_DEPENDENT).
// A message no class matches is in no class: the oracle test fails on it, naming it, until it gets a class here (and
// kalint reports it, or KNOWN-DIFFERENCES.md explains why not). There is no catch-all class.
// kalint side: by rule id, refined by the message where one rule covers several classes.

/**
 * keepalived messages about the machine, not the config. With a veth per interface name and a passwd without
 * `keepalived_script`, what is left of these is:
 *  - interfaces that cannot be created (names over 15 bytes, with ':' or '/', placeholders such as `<interface>`);
 *  - users: the default script user `keepalived_script` does not exist (on purpose: with it 2.2.7 kills itself),
 *    so keepalived falls back to root and says so, or cannot resolve a `script_user`;
 *  - script files that do not exist or are not executable on this machine;
 *  - include files that do not exist here (absolute paths under /etc/keepalived ...);
 *  - the firewall backend (iptables vs nftables);
 *  - host names for smtp_server, which keepalived resolves while reading the config (no DNS in the namespace).
 */
export const HOST_DEPENDENT = [
  /^WARNING - interface .* doesn't exist$/,
  /tracked interface .* doesn't exist$/,
  /^Non-existent interface specified in configuration$/,
  /for VROUTE nexthop doesn't exist$/,
  /for ip address .* doesn't exist$/,
  /cannot use a loopback interface/,
  /Unknown interface!$/,
  /^Error setting global script uid\/gid$/,
  /^Unable to set default user/,
  /^Unable to set uid\/gid for script/,
  /^Disabling track script .* since not found\/accessible$/,
  /^iptables not supported, using nftables instead/,
  /^Config files missing /,
  /^No config files matched /,
  /^Unable to read configuration file/,
  // keepalived resolves a host name given to smtp_server while it reads the config; the oracle's namespace has no DNS.
  // Only words a host name can be: a placeholder such as `<smtp.domain.com>` never resolves, anywhere.
  /^Invalid smtp server (?=[A-Za-z0-9_.:%[\]-]*[A-Za-z])[A-Za-z0-9_.:%[\]-]+ \S+$/,
];

/**
 * Classes of keepalived messages, first match wins. keepalived's post-parse messages (no `Line N`) are compared per
 * file, not per line.
 */
export const CLASSES = [
  { id: 'unknown-keyword', title: 'unknown keyword', patterns: [/^Unknown keyword '/] },
  { id: 'missing-parameter', title: 'missing parameter (exit 2)', patterns: [/is missing a parameter after keyword/] },
  {
    id: 'braces',
    title: "missing/extra brace, unexpected '{'",
    patterns: [/^There are \d+ missing '\}'s or extra '\{'s$/, /^Unexpected '[{}]'/, /^Extra '\}' found/, /^Missing '\{' at beginning of configuration block/],
  },
  {
    id: 'number',
    title: 'out-of-range/invalid number',
    patterns: [
      /^number '.*' outside range/,
      /^number '.*' outside unsigned (integer|decimal) range/,
      /^number '.*' has too many decimal places/,
      /^invalid number '/,
      /^negative number '/,
      /Priority not valid!/,
      /VRID '.*' not valid/,
      /'.*' is invalid$/,
      /^persistence_timeout invalid/,
      /^Quorum \d+ must be in/,
      /^Invalid checker connect_port/,
      /advertisement interval .* must be an integer/,
      /vrrp script (interval|timeout) /,
      /^[a-z_]+ \S+ invalid - ignoring$/,
      /^[a-z_]+ '.*' must be in \[/,
    ],
  },
  { id: 'unicast-without-peers', title: 'unicast without peers', patterns: [/unicast keyword has been specified without any unicast peers/, /without unicast peers/] },
  { id: 'deprecated', title: 'deprecated', patterns: [/is deprecated/, /' in vrrp instance deprecated - use /] },
  { id: 'auth-pass-truncated', title: 'truncated auth_pass', patterns: [/^Truncating auth_pass/] },
  { id: 'script-security', title: 'security violation', patterns: [/^SECURITY VIOLATION/] },
  {
    id: 'address',
    title: 'VIP/address invalid, not multicast',
    patterns: [
      /parsed invalid IP/,
      /malformed (unicast peer|src|mcast dest) address/,
      /^Invalid virtual server (group )?IP address/,
      /^Invalid (bindto|connect_ip|rule to|rule from|smtp server|lvs_sync_daemon group)/i,
      /^Invalid address prefix len/,
      /persistence_granularity/,
      /^Can't parse vrrp_mcast_group[46]/,
      /^vrrp_mcast_group[46] \[.*\] is not (IPv[46]|multicast)/,
      /^vrrp_mcast_group6 \[.*\] should be link-local multicast/,
      /mcast_dst_ip .* not (link-local )?multicast/,
      /group address .* is not multicast/,
    ],
  },
  {
    id: 'address-family',
    title: 'address family mismatch',
    patterns: [/address family must match/, /Cannot specify native_ipv6 with IPv4 addresses/, /^Address family of virtual server and (real|sorry) server .* don't match/],
  },
  {
    id: 'value',
    title: 'invalid word (enum, name, umask)',
    patterns: [
      /^PARSER : unknown \[.*\] routing method/,
      /^Invalid lvs_scheduler/,
      /unknown state '/,
      /^digest '.*' character length/,
      /Invalid .* - ignoring$/,
      /^Invalid vrrp_rx_bufs_policy /,
      /^Unknown umask bit /,
      /^Invalid umask syntax /,
      /^invalid umask value /,
      /^umask missing bit value$/,
      /parameter\(s\) to umask option$/,
    ],
  },
  { id: 'vrrp-incomplete', title: 'incomplete vrrp_instance', patterns: [/No VIP specified/, /virtual router id must be set/, /No script set for vrrp_script/, /no neighbor address set/] },
  { id: 'nopreempt-master', title: 'nopreempt/preempt_delay with MASTER', patterns: [/will not work with initial state MASTER/] },
  { id: 'preempt-delay-nopreempt', title: 'preempt_delay with nopreempt', patterns: [/preempt_delay is incompatible with nopreempt mode - resetting/] },
  { id: 'authentication-ignored', title: 'authentication ignored', patterns: [/incompatible with AH authentication/, /Authentication specified but no password given/] },
  {
    id: 'sync-group',
    title: 'sync group',
    patterns: [/^Sync group .* has only/, /^Sync group .* has no virtual router/, /specified in sync group .* doesn't exist/, /no matching virtual router found/],
  },
  { id: 'undefined-reference', title: 'undefined reference', patterns: [/track script .* not found/, /track (file|process|bfd) .* not found/] },
  {
    id: 'virtual-server-protocol',
    title: 'virtual server protocol/forwarding',
    patterns: [/protocol specified for fwmark/, /no forwarding method set/, /no protocol set - defaulting to UDP/, /one packet scheduling requires UDP/],
  },
  { id: 'dr-port-mapping', title: 'DR port mismatch', patterns: [/ports don't match - resetting/] },
  { id: 'duplicate', title: 'duplicate definition', patterns: [/already defined/, /already specified/, /has already been specified/] },
  { id: 'track-own-interface', title: 'tracking own interface', patterns: [/Ignoring track_interface .* since own interface/] },
  { id: 'notification-email-empty', title: 'empty notification_email block', patterns: [/^Warning - empty notification_email block$/] },
  { id: 'route', title: 'route/rule without interface or preference', patterns: [/cannot track route .* with no interface/, /^Rule has no preference/] },
  { id: 'quorum', title: 'quorum above total weight', patterns: [/quorum .* exceeds total weight/] },
  { id: 'misc-check', title: 'MISC_CHECK without script', patterns: [/No script path has been specified for MISC_CHECKER/] },
  { id: 'http-check-url', title: 'HTTP_GET/SSL_GET without url or path', patterns: [/^HTTP\/SSL_GET checker has no urls specified/, /^HTTP\/SSL_GET checker url has no path/] },
  { id: 'virtual-server-empty', title: 'virtual server without real servers', patterns: [/has no real servers - ignoring$/] },
  { id: 'scheduler-options', title: 'sh-/mh- options without their scheduler', patterns: [/^(sh|mh)-(fallback|port) only applies to /, /^hashed only applies to sh scheduler/] },
  { id: 'sorry-server-options', title: 'sorry_server options without sorry_server', patterns: [/sorry_server inhibit used before or without sorry_server/, /sorry_server forwarding used without sorry_server/] },
  { id: 'tunnel-options', title: 'tunnel options of another tunnel type', patterns: [/tunnels do not support checksum option/, /tunnels require port, otherwise cannot have port/] },
  { id: 'lvs-timeouts-empty', title: 'lvs_timeouts without options', patterns: [/^lvs_timeouts requires at least one option$/] },
  { id: 'vmac-options', title: 'VMAC options without a VMAC', patterns: [/vmac_xmit_base is only valid with a vmac/] },
  { id: 'strict-mode', title: 'settings strict mode resets', patterns: [/is incompatible with strict mode - resetting/, /Strict mode requires no repeat garps/, /strict mode requires higher_prio_send_advert to be clear/] },
  // kalint's syntax findings that are not about braces (quotes, definitions, expansions): no keepalived message is in
  // this class, so a kalint error here is always a false error unless keepalived reports something else at the line.
  { id: 'syntax', title: 'other syntax (kalint only)', patterns: [] },
];

export const CLASS_IDS = CLASSES.map((c) => c.id);

/** `(FILE: Line N) text` / `(Line N) text` / `text`. */
const LINE_RE = /^(?:\((?:(.+?): )?Line (\d+)\) )?(.*)$/s;

/**
 * Parse keepalived's stderr into unique messages `{ file, line, text }` (file/line null when not given). A message
 * whose text starts with a blank continues the one before it at the same place (`(VI_1) Specifying
 * lvs_sync_daemon_interface against a vrrp is deprecated.` then `      Please use global lvs_sync_daemon`): the two
 * are one message.
 */
export function parseMessages(stderr) {
  const joined = [];
  for (const raw of stderr.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line === '') continue;
    const m = LINE_RE.exec(line);
    const message = { file: m[1] ?? null, line: m[2] ? Number(m[2]) : null, text: m[3] };
    const last = joined[joined.length - 1];
    if (/^\s/.test(message.text) && last && last.file === message.file && last.line === message.line) last.text += ` ${message.text.trim()}`;
    else joined.push(message);
  }
  const seen = new Set();
  const out = [];
  for (const message of joined) {
    const key = `${message.file}\u0000${message.line}\u0000${message.text}`;
    if (seen.has(key)) continue; // the four parse passes repeat messages
    seen.add(key);
    out.push(message);
  }
  return out;
}

export function isHostDependent(text) {
  return HOST_DEPENDENT.some((p) => p.test(text));
}

/** The class of a keepalived message, or null when no class describes it (the oracle test then fails). */
export function classifyKeepalived(text) {
  return CLASSES.find((c) => c.patterns.some((p) => p.test(text)))?.id ?? null;
}

/** The class of a kalint finding, or null for findings keepalived has no counterpart for (HA peers, unused definitions). */
export function classifyKalint(d) {
  const m = d.message;
  switch (d.ruleId) {
    case 'unknown-keyword':
    case 'misplaced-keyword':
    case 'keyword-version':
      return 'unknown-keyword';
    case 'deprecated-keyword':
      // Removed keywords (and keywords never valid at their place) are unknown keywords to keepalived.
      return /was removed from keepalived|is not a keyword .* and never was/.test(m) ? 'unknown-keyword' : 'deprecated';
    case 'syntax':
      if (/[{}]|brace|block/.test(m)) return 'braces';
      return 'syntax';
    case 'invalid-argument':
      if (/stops reading the configuration at this line and exits with status 2/.test(m)) return 'missing-parameter';
      if (/since own interface/.test(m)) return 'track-own-interface';
      if (/^Empty `notification_email` block/.test(m)) return 'notification-email-empty';
      if (/sets the family of this virtual server/.test(m)) return 'address-family';
      if (/persistence_granularity/.test(m)) return 'address';
      if (/takes at most|goes on with|extra parameters|silently ignores|is not an option|for `umask`/.test(m)) return 'value';
      if (/Invalid address|unicast_peer|not a valid IP|prefix length|address|multicast/.test(m)) return 'address';
      if (/is not in \[|not a number|whole number|integer|decimal|range|at most|at least|must be/.test(m)) return 'number';
      return 'value';
    case 'auth-pass-truncated':
      return 'auth-pass-truncated';
    case 'script-security':
      return 'script-security';
    case 'address-family-mismatch':
      return 'address-family';
    case 'vrrp-instance-incomplete':
      return 'vrrp-incomplete';
    case 'nopreempt-master':
      return 'nopreempt-master';
    case 'authentication-ignored':
      return 'authentication-ignored';
    case 'unicast-without-peers':
      return 'unicast-without-peers';
    case 'sync-group':
      return 'sync-group';
    case 'undefined-reference':
      return /sync group/i.test(m) ? 'sync-group' : 'undefined-reference';
    case 'virtual-server-protocol':
      return 'virtual-server-protocol';
    case 'dr-port-mapping':
      return 'dr-port-mapping';
    case 'duplicate-real-server':
    case 'duplicate-virtual-ip':
    case 'duplicate-vrid':
      return 'duplicate';
    case 'advert-int-version':
      return 'number';
    case 'quorum-above-weight':
      return 'quorum';
    default:
      return null;
  }
}
