/**
 * Options of a virtual IP line that vrrp.ts does not keep: `label NAME` (vrrp_ipaddress.c
 * `alloc_ipaddress`: the word after `label`, refused when 16 characters or longer, which removes
 * the address), and the interface the VIP is added on.
 */
import { childValues } from './tree.js';
import type { InstanceAddress, VrrpInstance } from './vrrp.js';
import type { Word } from '@kalint/parser';

/** `IFNAMSIZ`: a label has at most 15 characters. */
const IFNAMSIZ = 16;

/** The words of the VIP's line in its block. */
export function vipWords(vip: InstanceAddress): readonly Word[] {
  for (const item of childValues(vip.statement)) if (item.words[0] === vip.word) return item.words;
  return [vip.word];
}

/** The VIP's `label NAME` word, when it has one keepalived keeps. */
export function vipLabel(vip: InstanceAddress): Word | undefined {
  const words = vipWords(vip);
  const at = words.findIndex((w, i) => i > 0 && w.text === 'label');
  const label = at > 0 ? words[at + 1] : undefined;
  return label && label.text.length < IFNAMSIZ ? label : undefined;
}

/** The VIP's `dev IFNAME` word, when written. */
export function vipDeviceWord(vip: InstanceAddress): Word | undefined {
  const words = vipWords(vip);
  const at = words.findIndex((w, i) => i > 0 && w.text === 'dev');
  return at > 0 ? words[at + 1] : undefined;
}

/** The interface keepalived adds the VIP on: its `dev`, else the instance's interface. */
export function vipInterface(instance: VrrpInstance, vip: InstanceAddress): string | undefined {
  return vip.device ?? instance.interface?.value;
}
