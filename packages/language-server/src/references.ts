/**
 * Which words name a definition (`track_script` items name a `vrrp_script`, `group NAME` names a
 * `virtual_server_group`, ...), for completion, go-to-definition, references and rename. The
 * schema says so: `ArgSpec.references` for arguments, `KeywordSpec.items` for value blocks.
 */
import { schema, type KeywordSpec } from '@kalint/grammar';
import { walk, type ConfigFile, type Statement, type Word } from '@kalint/parser';

/** Value-block path -> the top-level keyword its items name (from the schema). */
export const VALUE_REFERENCES: Readonly<Record<string, string>> = Object.fromEntries(
  schema.keywords.flatMap((k) => (k.items ? [[k.path, k.items.references] as const] : [])),
);

/** A definition: a top-level block named by its first argument (`vrrp_script chk_nginx { ... }`). */
export interface Definition {
  kind: string;
  name: string;
  statement: Statement;
  word: Word;
}

/** A word that names a definition. */
export interface Reference {
  kind: string;
  word: Word;
}

/** Definitions and references of a parsed file (its includes too: the expanded tree spans them). */
export interface Names {
  definitions: Definition[];
  references: Reference[];
}

/** Every definition and reference of the tree. */
export function namesOf(ast: ConfigFile): Names {
  const definitions: Definition[] = [];
  const references: Reference[] = [];
  for (const node of ast.body) {
    if (node.type === 'Statement' && node.path !== null && node.block && node.args[0]) {
      definitions.push({ kind: node.path, name: node.args[0].text, statement: node, word: node.args[0] });
    }
  }
  for (const node of walk(ast, (n) => n.type !== 'Statement' || n.block?.kind !== 'unknown')) {
    if (node.type !== 'Statement' || node.path === null) continue;
    const kind = VALUE_REFERENCES[node.path];
    if (kind && node.block) {
      for (const item of node.block.body) if (item.type === 'Value' && item.words[0]) references.push({ kind, word: item.words[0] });
    }
    if (node.spec) for (const reference of argumentReferences(node, node.spec)) references.push(reference);
  }
  return { definitions, references };
}

/** Argument words that the schema says name a definition (positional, or after an option word). */
export function argumentReferences(statement: Statement, spec: KeywordSpec): Reference[] {
  const found: Reference[] = [];
  const options = spec.args.options ?? {};
  let sawOption = false;
  statement.args.forEach((word, i) => {
    if (Object.hasOwn(options, word.text)) {
      sawOption = true;
      const option = options[word.text];
      const value = statement.args[i + 1];
      if (option?.references && value) found.push({ kind: option.references, word: value });
      return;
    }
    const positional = spec.args.positional[i];
    if (!sawOption && positional?.references) found.push({ kind: positional.references, word });
  });
  return found;
}
