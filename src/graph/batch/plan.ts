import { GraphError } from '../graph-error.js';
import type { BatchOperation } from './operation.js';
import { referencesIn } from './references.js';

/** Who waits for whom in a batch, and whose results later operations use. */
export interface BatchPlan {
  operations: BatchOperation[];
  /** For each operation: the operations it waits for (depends_on and `{result=…}`), by index. */
  parents: number[][];
  /** For each operation: the name it references -> the index of that operation. */
  names: Map<string, number>[];
  /** Whether a later operation waits for this one: its response is then left out on success. */
  consumed: boolean[];
}

/**
 * Resolves every depends_on and `{result=name:…}` to the nearest earlier operation of that
 * name (the Node SDK reuses an audience's name as the op name, so names repeat). A name
 * no earlier operation carries fails the whole batch, as Meta does (graph-protocol.md §11.3).
 */
export function planBatch(operations: BatchOperation[]): BatchPlan {
  const consumed = operations.map(() => false);
  const names: Map<string, number>[] = [];
  const parents = operations.map((operation, index) => {
    const resolved = new Map<string, number>();
    for (const name of namesUsedBy(operation)) {
      const parent = nearestNamed(operations, index, name);
      if (parent === undefined) throw GraphError.of('batchUnresolvedDependency', { index, name });
      resolved.set(name, parent);
      consumed[parent] = true;
    }
    names.push(resolved);
    return [...new Set(resolved.values())];
  });
  return { operations, parents, names, consumed };
}

function textsOf(operation: BatchOperation): string[] {
  return [operation.path, ...operation.query.flat(), ...operation.body.flat()];
}

function namesUsedBy(operation: BatchOperation): Set<string> {
  const names = new Set<string>();
  if (operation.dependsOn !== undefined) names.add(operation.dependsOn);
  for (const text of textsOf(operation)) for (const { name } of referencesIn(text)) names.add(name);
  return names;
}

function nearestNamed(operations: BatchOperation[], before: number, name: string): number | undefined {
  for (let index = before - 1; index >= 0; index--) if (operations[index].name === name) return index;
  return undefined;
}
