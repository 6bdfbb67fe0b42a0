import { describe, expect, it } from 'vitest';
import { lint, rules } from '@kalint/linter';
import { corpusPresent, corpusText, haGroups } from './corpus.js';

const peerRules = new Set(rules.filter((r) => r.meta.scope === 'project').map((r) => r.meta.id));

/**
 * What the peer rules find when each HA-PAIRS.tsv group is linted as one project, each finding
 * checked against the files by hand: G24 and G27 put MASTER and BACKUP at equal priority, G30
 * pairs a bare skeleton with a full BACKUP, the others are LVS directors whose real servers need
 * ARP settings kalint cannot see. Every other group is consistent.
 */
const reviewed = [
    'G13 airitchie__nginx__keepalived_master.conf:70:13 arp-prerequisites',
    'G13 airitchie__nginx__keepalived_backup.conf:56:13 arp-prerequisites',
    'G14 aojs53__vagrant-keepalived-demo__keepalived.conf.primary.conf:38:11 arp-prerequisites',
    'G14 aojs53__vagrant-keepalived-demo__keepalived.conf.primary.conf:59:11 arp-prerequisites',
    'G14 aojs53__vagrant-keepalived-demo__keepalived.conf.secondary.conf:38:11 arp-prerequisites',
    'G14 aojs53__vagrant-keepalived-demo__keepalived.conf.secondary.conf:59:11 arp-prerequisites',
    'G16 chookin__notes__keepalived_keepalived-master.conf:24:16 arp-prerequisites',
    'G16 chookin__notes__keepalived_keepalived-backup.conf:28:9 arp-prerequisites',
    'G17 eisandbar__Network__keepalived_keepalived_master.conf:24:13 arp-prerequisites',
    'G17 eisandbar__Network__keepalived_keepalived_slave.conf:24:13 arp-prerequisites',
    'G18 loong576__lvs-keepalived-install-k8s-HA-cluster__lvs-keepalived01_keepalived.conf:22:13 arp-prerequisites',
    'G18 loong576__lvs-keepalived-install-k8s-HA-cluster__lvs-keepalived02_keepalived.conf:22:13 arp-prerequisites',
    'G22 netqyq__keepalived-conf__with_lvs_keepalived-master.conf:55:13 arp-prerequisites',
    'G22 netqyq__keepalived-conf__with_lvs_keepalived-backup.conf:49:13 arp-prerequisites',
    'G24 coller95__lb-nginx-keepalived__keepalived_keepalived-master.conf:17:14 priority-conflict',
    'G24 coller95__lb-nginx-keepalived__keepalived_keepalived-backup.conf:17:14 priority-conflict',
    'G27 Abduction-78__keepalived-config__master_node.conf:13:14 priority-conflict',
    'G27 Abduction-78__keepalived-config__backup_node.conf:13:14 priority-conflict',
    'G30 netfoundry__edge-router-health-checker__files_keepalived_master.conf:12:15 advert-int-mismatch',
    'G30 netfoundry__edge-router-health-checker__files_keepalived_master.conf:12:15 auth-mismatch',
    'G30 netfoundry__edge-router-health-checker__files_keepalived_master.conf:12:15 unicast-peer-asymmetry',
    'G30 netfoundry__edge-router-health-checker__files_keepalived_master.conf:12:15 vip-mismatch',
    'G30 netfoundry__edge-router-health-checker__files_keepalived_backup.conf:11:20 advert-int-mismatch',
    'G30 netfoundry__edge-router-health-checker__files_keepalived_backup.conf:13:9 unicast-peer-asymmetry',
    'G30 netfoundry__edge-router-health-checker__files_keepalived_backup.conf:17:27 auth-mismatch',
    'G30 netfoundry__edge-router-health-checker__files_keepalived_backup.conf:21:17 vip-mismatch',
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
    expect(found).toEqual(reviewed);
  });

  it('covers all 34 groups', () => {
    expect(haGroups()).toHaveLength(34);
  });
});
