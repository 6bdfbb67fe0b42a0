// The interface names a config uses, read from kalint's AST: arguments and option values whose schema kind is
// `interface`, the words after `dev` (VIPs, routes, unicast peers ...), and the items of the value blocks that list
// interfaces (`track_interface`, `interfaces`, `linkbeat_interfaces`, `interface_up_down_delays`). The oracle creates
// a veth for each, so that keepalived's "interface ... doesn't exist" (a fact about the machine, not the config) does
// not happen.

/** Value blocks whose items start with an interface name. */
const INTERFACE_LISTS = new Set(['track_interface', 'interfaces', 'linkbeat_interfaces', 'interface_up_down_delays']);
/** Keywords whose `interface` argument names an interface keepalived creates itself (VMACs, ipvlans, VRFs). */
const CREATED_BY_KEEPALIVED = new Set(['use_vmac', 'use_ipvlan']);

/** @param {import('@kalint/parser').ConfigFile} ast */
export function interfaceNames(ast) {
  const names = new Set();
  const afterDev = (words) => {
    for (let i = 0; i + 1 < words.length; i++) if (words[i].text === 'dev') names.add(words[i + 1].text);
  };
  const visit = (body, owner) => {
    for (const node of body) {
      if (node.type === 'Value') {
        if (owner && INTERFACE_LISTS.has(owner.keyword.text) && node.words[0]) names.add(node.words[0].text);
        afterDev(node.words);
      } else if (node.type === 'Statement') {
        afterDev(node.args);
        const spec = node.spec;
        if (spec && !CREATED_BY_KEEPALIVED.has(spec.name)) {
          spec.args.positional.forEach((arg, i) => {
            if (arg.kind === 'interface' && node.args[i]) names.add(node.args[i].text);
          });
          const options = spec.args.options ?? {};
          for (let i = spec.args.positional.length; i + 1 < node.args.length; i++) {
            const option = options[node.args[i].text];
            if (option?.kind === 'interface') names.add(node.args[i + 1].text);
          }
        }
        if (node.block) visit(node.block.body, node);
      } else if (node.type === 'Block') {
        visit(node.body, owner);
      }
    }
  };
  visit(ast.body, undefined);
  return [...names];
}
