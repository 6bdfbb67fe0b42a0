import type { Located } from '@kalint/parser';
import { anchor, placeOf, reception, type Hearing, type Reception, type VrrpInstance } from '@kalint/model';
import { list, related, releaseLabel, where } from '../messages.js';
import type { Rule } from '../types.js';

/** Where to point at an instance's VRID. */
function vridAt(instance: VrrpInstance): Located {
  return instance.vrid ? placeOf(instance.vrid, anchor(instance.statement)) : anchor(instance.statement);
}

/**
 * Why the instances hear each other, from `instance`'s side: one clause per kind of evidence, with
 * the files it holds for (`FILES` stands for their names).
 */
function evidence(hearing: Hearing, instance: VrrpInstance): { clause: string; plural?: string } {
  switch (hearing.kind) {
    case 'network':
      return { clause: `${hearing.here} here and ${hearing.there} in FILES are on ${hearing.network}` };
    case 'segment':
      return { clause: `this node and FILES are on segment ${hearing.segment} of the kalint configuration` };
    case 'unicast':
      return hearing.sender === instance
        ? { clause: `this node sends its adverts to ${hearing.address}, the unicast_src_ip of FILES` }
        : { clause: `FILES sends its adverts to ${hearing.address}, the unicast_src_ip here`, plural: `FILES send their adverts to ${hearing.address}, the unicast_src_ip here` };
    case 'same-peer':
      return { clause: `this node and FILES send their adverts to ${hearing.address}` };
  }
}

/** What keepalived on this node does with the other cluster's adverts, in words. */
function consequence(instance: VrrpInstance, received: Reception, release: string): string {
  const vrid = instance.vrid?.value;
  if (!received.accepted) {
    const why =
      received.because === 'vips'
        ? `their virtual IPs differ`
        : received.because === 'authentication'
          ? 'their authentication differs'
          : received.because === 'advert-int'
            ? 'their VRRPv2 advert intervals differ'
            : received.because === 'version'
              ? 'their VRRP versions differ'
              : 'one sends unicast and the other multicast';
    const later =
      received.because === 'vips'
        ? `; from 2.3.3 keepalived only logs that and takes the advert, and the two clusters elect one MASTER between them`
        : ` (as long as ${why})`;
    return `keepalived ${releaseLabel(release)} drops each of their adverts because ${why}, logging "${received.logged}" every advert interval, so each cluster still elects its own MASTER${later}`;
  }
  const logged = received.logged ? `only logs "${received.logged}" and ` : '';
  return (
    `keepalived ${releaseLabel(release)} ${logged}takes their adverts as this virtual router's: the nodes of both clusters elect one MASTER for VRID ${vrid} between them, ` +
    `so only the winner's virtual IPs are up and the other cluster's stop answering`
  );
}

/**
 * Two clusters that hear each other's adverts on one VRID: VRRP has one virtual router per VRID on
 * a segment (RFC 5798 5.2.3), and keepalived takes any advert of its VRID that reaches it (vrrp.c
 * `vrrp_check_packet`), checking the virtual IPs only as far as the release does.
 */
export const vridCollision: Rule = {
  meta: {
    id: 'vrid-collision',
    description: "Two VRRP clusters that hear each other's adverts on one virtual_router_id (multicast on one segment, or unicast peer lists that reach into the other)",
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  collision({ instance, hears }, { project, report }) {
    const vrid = instance.vrid?.value;
    const release = instance.node.release;
    // One sentence per outcome: the other instances that keepalived here treats alike.
    const outcomes = new Map<string, { text: string; accepted: boolean; others: VrrpInstance[] }>();
    for (const { instance: other } of hears) {
      const received = reception(instance, other);
      const text = consequence(instance, received, release);
      const entry = outcomes.get(text);
      if (entry) entry.others.push(other);
      else outcomes.set(text, { text, accepted: received.accepted, others: [other] });
    }
    const byName = new Map<string, VrrpInstance[]>();
    for (const { instance: other } of hears) byName.set(other.name, [...(byName.get(other.name) ?? []), other]);
    const others = list([...byName].map(([name, instances]) => `vrrp_instance ${name} in ${list(instances.map((i) => where(project, vridAt(i))))}`));
    const clauses = new Map<string, { plural: string | undefined; files: string[] }>();
    for (const { instance: other, because } of hears) {
      const { clause, plural } = evidence(because, instance);
      const entry = clauses.get(clause);
      const file = project.fileName(other.file);
      if (!entry) clauses.set(clause, { plural, files: [file] });
      else if (!entry.files.includes(file)) entry.files.push(file);
    }
    const why = list([...clauses].map(([clause, { plural, files }]) => (files.length > 1 && plural ? plural : clause).replace('FILES', list(files))));
    const kind = hears.some((h) => h.cluster !== undefined) ? 'of another cluster' : 'of another virtual router';
    const results = [...outcomes.values()];
    const what = results.length === 1 ? results[0]!.text : results.map((r) => `with ${list(r.others.map((o) => project.fileName(o.file)))}, ${r.text}`).join('; ');
    report({
      message:
        `vrrp_instance ${instance.name} (virtual_router_id ${vrid}) hears the adverts of ${others}, ${kind} on the same VRID (${why}): ` +
        `VRRP has one virtual router per VRID on a segment, and ${what}. Give one of the clusters another virtual_router_id`,
      at: vridAt(instance),
      related: hears.map(({ instance: other }) => related(vridAt(other), `virtual_router_id ${other.vrid?.value} of vrrp_instance ${other.name} in ${project.fileName(other.file)}`)),
      // Adverts keepalived drops today leave each cluster its own MASTER: a latent fault, not an outage.
      ...(results.every((r) => !r.accepted) ? { severity: 'warning' as const } : {}),
    });
  },
};
