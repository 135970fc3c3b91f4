/** `{result=<name>:<JSONPath>}` inside a relative_url or body (graph-protocol.md §11.3). */
export interface ResultReference {
  name: string;
  path: string;
}

const reference = /\{result=([^:{}]+):(\$[^{}]*)\}/g;

export function referencesIn(text: string): ResultReference[] {
  return [...text.matchAll(reference)].map(([, name, path]) => ({ name, path }));
}

/** Replaces every reference by what `valueOf` answers for it. */
export function substituteReferences(text: string, valueOf: (ref: ResultReference) => string): string {
  return text.replace(reference, (_whole, name: string, path: string) => valueOf({ name, path }));
}

/** Matches as Meta inserts them: a `.*` fan-out becomes a comma list (`?ids=1,2,3`). */
export function joinMatches(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? value : value === null ? '' : JSON.stringify(value))).join(',');
}
