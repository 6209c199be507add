import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

export const OPERATIONS_DIR = 'libs/marketplacer/src/contract/operations';

export interface ContractOperation {
  name: string;
  kind: 'query' | 'mutation' | 'subscription';
  /** The operation plus every fragment it spreads, as one request text. */
  text: string;
}

/** The connector's operation documents (the same files its client sends), each made self-contained. */
export function loadContractOperations(cwd = process.cwd()): Map<string, ContractOperation> {
  const dir = path.resolve(cwd, OPERATIONS_DIR);
  const docs = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => parse(readFileSync(path.join(dir, file), 'utf8')));
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const doc of docs) for (const def of doc.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

  const operations = new Map<string, ContractOperation>();
  for (const doc of docs) {
    const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation?.name) continue;
    const needed = new Map<string, FragmentDefinitionNode>();
    const queue: DefinitionNode[] = [operation];
    while (queue.length) {
      visit(queue.pop()!, {
        FragmentSpread(node) {
          const fragment = fragments.get(node.name.value);
          if (fragment && !needed.has(fragment.name.value)) {
            needed.set(fragment.name.value, fragment);
            queue.push(fragment);
          }
        },
      });
    }
    const text = [operation, ...needed.values()].map((def) => print(def)).join('\n\n');
    operations.set(operation.name.value, { name: operation.name.value, kind: operation.operation, text });
  }
  return operations;
}
