import { describe, expect, it } from 'vitest';
import { lint, rules } from '@kalint/linter';
import { corpusPresent, corpusText, haGroups } from './corpus.js';

const peerRules = new Set(rules.filter((r) => r.meta.scope === 'project').map((r) => r.meta.id));

/**
 * What the peer rules find when each HA-PAIRS.tsv group is linted as one project. Each finding was
 * checked against the files by hand and carries the reason it is right; every other group is
 * consistent. A changed finding fails this test: review it against the files and write its reason,
 * never copy the new output over the old.
 */
const reviewed: Array<[finding: string, reason: string]> = [
  ['G12 Grim-lock__script__keepalived_master.conf:37:13 arp-prerequisites', "lb_kind FNAT is no method keepalived knows (keepalived 2.2.7 says \"unknown [FNAT] routing method\" and \"no forwarding method set, setting default NAT\"), so the service runs as NAT and the director must forward packets; no host facts were given. New with the model's forwarding method: before, the unknown word hid the NAT"],
  ['G12 Grim-lock__script__keepalived_backup.conf:36:13 arp-prerequisites', "the same unknown lb_kind FNAT on the backup director: keepalived runs the service as NAT, so ip_forward is needed there too"],
  ['G13 airitchie__nginx__keepalived_master.conf:70:13 arp-prerequisites', "lb_kind NAT: the director must forward packets (ip_forward); no host facts were given, so the finding says what to check"],
  ['G13 airitchie__nginx__keepalived_backup.conf:56:13 arp-prerequisites', "lb_kind NAT: the director must forward packets (ip_forward); no host facts were given, so the finding says what to check"],
  ['G14 aojs53__vagrant-keepalived-demo__keepalived.conf.primary.conf:38:11 arp-prerequisites', "lb_kind DR: the real servers must hold the VIP on lo and not answer ARP for it; no host facts were given, so the finding says what to check"],
  ['G14 aojs53__vagrant-keepalived-demo__keepalived.conf.primary.conf:59:11 arp-prerequisites', "lb_kind DR on a fwmark virtual server: the same ARP settings for the marked addresses; no host facts were given"],
  ['G14 aojs53__vagrant-keepalived-demo__keepalived.conf.secondary.conf:38:11 arp-prerequisites', "lb_kind DR: the real servers must hold the VIP on lo and not answer ARP for it; no host facts were given, so the finding says what to check"],
  ['G14 aojs53__vagrant-keepalived-demo__keepalived.conf.secondary.conf:59:11 arp-prerequisites', "lb_kind DR on a fwmark virtual server: the same ARP settings for the marked addresses; no host facts were given"],
  ['G16 chookin__notes__keepalived_keepalived-master.conf:24:16 arp-prerequisites', "no lb_kind line, so keepalived's default NAT applies: the director must forward packets; no host facts were given"],
  ['G16 chookin__notes__keepalived_keepalived-backup.conf:28:9 arp-prerequisites', "lb_kind NAT: the director must forward packets (ip_forward); no host facts were given, so the finding says what to check"],
  ['G17 eisandbar__Network__keepalived_keepalived_master.conf:24:13 arp-prerequisites', "lb_kind NAT: the director must forward packets (ip_forward); no host facts were given, so the finding says what to check"],
  ['G17 eisandbar__Network__keepalived_keepalived_slave.conf:24:13 arp-prerequisites', "lb_kind NAT: the director must forward packets (ip_forward); no host facts were given, so the finding says what to check"],
  ['G18 loong576__lvs-keepalived-install-k8s-HA-cluster__lvs-keepalived01_keepalived.conf:22:13 arp-prerequisites', "lb_kind DR: the real servers must hold the VIP on lo and not answer ARP for it; no host facts were given, so the finding says what to check"],
  ['G18 loong576__lvs-keepalived-install-k8s-HA-cluster__lvs-keepalived02_keepalived.conf:22:13 arp-prerequisites', "lb_kind DR: the real servers must hold the VIP on lo and not answer ARP for it; no host facts were given, so the finding says what to check"],
  ['G22 netqyq__keepalived-conf__with_lvs_keepalived-master.conf:55:13 arp-prerequisites', "lb_kind DR: the real servers must hold the VIP on lo and not answer ARP for it; no host facts were given, so the finding says what to check"],
  ['G22 netqyq__keepalived-conf__with_lvs_keepalived-backup.conf:49:13 arp-prerequisites', "lb_kind DR: the real servers must hold the VIP on lo and not answer ARP for it; no host facts were given, so the finding says what to check"],
  ['G24 coller95__lb-nginx-keepalived__keepalived_keepalived-master.conf:17:14 priority-conflict', "MASTER and BACKUP both have priority 150: equal priority does not preempt, so the MASTER does not take the VIPs back"],
  ['G24 coller95__lb-nginx-keepalived__keepalived_keepalived-backup.conf:17:14 priority-conflict', "the same conflict seen from the BACKUP: it keeps the VIPs when the MASTER returns"],
  ['G27 Abduction-78__keepalived-config__master_node.conf:13:14 priority-conflict', "MASTER and BACKUP both have priority 100: equal priority does not preempt"],
  ['G27 Abduction-78__keepalived-config__backup_node.conf:13:14 priority-conflict', "the same conflict seen from the BACKUP"],
  ['G30 netfoundry__edge-router-health-checker__files_keepalived_master.conf:12:15 advert-int-mismatch', "the master is a bare skeleton: advert_int defaults to 1, the backup sets 2"],
  ['G30 netfoundry__edge-router-health-checker__files_keepalived_master.conf:12:15 auth-mismatch', "the skeleton has no authentication block, the backup uses auth_type PASS"],
  ['G30 netfoundry__edge-router-health-checker__files_keepalived_master.conf:12:15 unicast-peer-asymmetry', "the skeleton uses multicast, the backup sends unicast to one peer"],
  ['G30 netfoundry__edge-router-health-checker__files_keepalived_master.conf:12:15 vip-mismatch', "the skeleton has no virtual_ipaddress, the backup has 10.40.101.200/32"],
  ['G30 netfoundry__edge-router-health-checker__files_keepalived_backup.conf:11:20 advert-int-mismatch', "the advert_int drift seen from the backup's advert_int 2 line"],
  ['G30 netfoundry__edge-router-health-checker__files_keepalived_backup.conf:13:9 unicast-peer-asymmetry', "the unicast/multicast drift seen from the backup's unicast_peer block"],
  ['G30 netfoundry__edge-router-health-checker__files_keepalived_backup.conf:17:27 auth-mismatch', "the authentication drift seen from the backup's auth_type line"],
  ['G30 netfoundry__edge-router-health-checker__files_keepalived_backup.conf:21:17 vip-mismatch', "the VIP drift seen from the backup's virtual_ipaddress"],
  ['G31 kevindragon__config-and-tools__keepalived_keepalived-master.conf:10:12 track-weight-ineffective', "the MASTER runs at 202 while check_nginx_php passes (weight 2) and 200 when it fails, far above the BACKUP's 99: the check can never move the VIP"],
];

describe.skipIf(!corpusPresent)('HA peer groups of the corpus, each linted as one project', () => {
  it('gives exactly the reviewed peer findings', () => {
    const found: string[] = [];
    for (const { group, members } of haGroups()) {
      const { files } = lint(members.map((path) => ({ path, text: corpusText(path) })));
      for (const file of files) {
        for (const d of file.diagnostics) {
          if (peerRules.has(d.ruleId)) found.push(`${group} ${file.path.replace('wild/', '')}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.ruleId}`);
        }
      }
    }
    expect(found).toEqual(reviewed.map(([finding]) => finding));
  });

  it('gives a reason for every reviewed finding', () => {
    for (const [finding, reason] of reviewed) expect(reason.length, finding).toBeGreaterThan(20);
  });

  it('covers all 34 groups', () => {
    expect(haGroups()).toHaveLength(34);
  });
});
