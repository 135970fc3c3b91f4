import { graphCall } from './api.js';
import type { Suggestion } from './field-autocomplete.js';

interface Metadata {
  fields: { name: string; type: string; description?: string }[];
  connections: Record<string, string>;
}

const cache = new Map<string, Promise<Suggestion[]>>();

/**
 * What `fields=` may name at a path, from `metadata=1`. An edge has no metadata of its own,
 * so for `/act_1/customaudiences` the first item's node type answers instead.
 */
export function fieldSuggestions(path: string, token: string): Promise<Suggestion[]> {
  const key = `${path}\n${token}`;
  let suggestions = cache.get(key);
  if (!suggestions) {
    suggestions = load(path, token).catch(() => []);
    cache.set(key, suggestions);
  }
  return suggestions;
}

async function load(path: string, token: string): Promise<Suggestion[]> {
  const metadata = (await metadataAt(path, token)) ?? (await firstItemMetadata(path, token));
  if (!metadata) return [];
  return [
    ...metadata.fields.map((field) => ({ name: field.name, detail: field.type, description: field.description })),
    ...Object.keys(metadata.connections).map((name) => ({ name, detail: 'connection' })),
  ];
}

async function metadataAt(path: string, token: string): Promise<Metadata | undefined> {
  const answer = await graphCall({ method: 'GET', path, params: [['metadata', '1'], ['fields', 'id']], token });
  return (answer.body as { metadata?: Metadata } | null)?.metadata;
}

async function firstItemMetadata(path: string, token: string): Promise<Metadata | undefined> {
  const answer = await graphCall({ method: 'GET', path, params: [['fields', 'id'], ['limit', '1']], token });
  const id = (answer.body as { data?: { id?: unknown }[] } | null)?.data?.[0]?.id;
  if (typeof id !== 'string') return undefined;
  const version = /^\/?(v\d+\.\d+)\//.exec(path)?.[1];
  return metadataAt(version ? `/${version}/${id}` : `/${id}`, token);
}
