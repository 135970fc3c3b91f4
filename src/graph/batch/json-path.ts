/** One step of a JSONPath: a member name, an array index, or `*` (every member or element). */
export type PathStep = { name: string } | { index: number } | { every: true };

const step = /^(?:\.\*|\[\*\]|\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\])/;

/**
 * The JSONPath subset Meta documents for batch references (`$.id`, `$.data.*.id`,
 * `$.data[0].id`): the root `$`, dotted or bracketed member names, indexes and `*`.
 * Answers undefined for anything else.
 */
export function parseJsonPath(text: string): PathStep[] | undefined {
  if (!text.startsWith('$')) return undefined;
  const steps: PathStep[] = [];
  let rest = text.slice(1);
  while (rest !== '') {
    const match = step.exec(rest);
    if (!match) return undefined;
    const [whole, dotted, index, single, double] = match;
    if (index !== undefined) steps.push({ index: Number(index) });
    else if (dotted !== undefined || single !== undefined || double !== undefined) steps.push({ name: dotted ?? single ?? double });
    else steps.push({ every: true });
    rest = rest.slice(whole.length);
  }
  return steps;
}

/** Every value the path reaches in `root`, in document order. */
export function evaluateJsonPath(root: unknown, steps: readonly PathStep[]): unknown[] {
  let values = [root];
  for (const current of steps) {
    const next: unknown[] = [];
    for (const value of values) {
      if (typeof value !== 'object' || value === null) continue;
      if ('every' in current) next.push(...Object.values(value));
      else if ('index' in current) {
        if (Array.isArray(value) && current.index < value.length) next.push(value[current.index]);
      } else if (!Array.isArray(value) && Object.hasOwn(value, current.name)) {
        next.push((value as Record<string, unknown>)[current.name]);
      }
    }
    values = next;
  }
  return values;
}
