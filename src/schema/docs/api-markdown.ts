import type { ParamSpec } from '../../graph/params/coerce.js';
import { userEdgeLimits } from '../../graph/paging.js';
import type { EdgeDef, FieldDef, OperationDef, RootEndpoint, SchemaTable, TypeDef, VersionWindow } from '../types.js';

export interface DocVersions {
  oldest: number;
  newest: number;
}

/**
 * docs/api.md, rendered from the schema table alone: node types (those with `load`), then
 * structs, then the root endpoints. Declared order is kept everywhere (it is meaningful:
 * fields list as Meta's reference lists them); nothing time-dependent goes in, so the
 * output is byte-stable and a test can compare it with the committed file.
 */
export function apiMarkdown(table: SchemaTable, versions: DocVersions): string {
  const known = new Set(table.types.map((type) => type.name));
  const out: string[] = [];
  out.push('# graphd Graph API reference');
  out.push('');
  out.push('_Generated from the schema table (`src/schema/table.ts`) by `npm run docs:api` (`scripts/generate-api-docs.ts`). Do not edit by hand._');
  out.push('');
  out.push(
    `graphd serves Graph API ${v(versions.oldest)} to ${v(versions.newest)}; a path without a version uses ${v(versions.newest)}. ` +
      'Types are in Meta\'s notation. A field with a permission is left out of the answer when the viewer may not see it. ' +
      'Edges that list items page with `limit`, `after` and `before`, take `fields` and `summary=true`, and can be selected as fields (`fields=permissions{status}`).',
  );
  out.push('');

  const nodes = table.types.filter((type) => type.load);
  const structs = table.types.filter((type) => !type.load);
  out.push('## Contents');
  out.push('');
  out.push(`- Nodes: ${nodes.map((type) => typeLink(type.name)).join(', ')}`);
  out.push(`- Structs: ${structs.map((type) => typeLink(type.name)).join(', ')}`);
  out.push(`- [Root endpoints](#root-endpoints): ${Object.keys(table.roots).map((path) => `\`/${path}\``).join(', ')}`);
  out.push('');

  out.push('## Nodes');
  out.push('');
  for (const type of nodes) out.push(...typeSection(type, known, versions));
  out.push('## Structs');
  out.push('');
  out.push('Value types without ids of their own: rendered inside nodes and edges, never read from a path.');
  out.push('');
  for (const type of structs) out.push(...typeSection(type, known, versions));

  out.push('## Root endpoints');
  out.push('');
  for (const [path, root] of Object.entries(table.roots)) out.push(...rootSection(path, root, known));
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function typeSection(type: TypeDef, known: Set<string>, versions: DocVersions): string[] {
  const out: string[] = [`### ${type.name}`, '', type.description, ''];
  const isNode = type.load !== undefined;
  const defaults = type.defaultFields.map(code).join(', ') || '—';
  if (isNode) {
    const idNote = type.fields.id && !type.defaultFields.includes('id') ? ' (`id` is always added)' : '';
    out.push(`- Default fields: ${defaults}${idNote}`);
    out.push(`- \`metadata=1\` type: \`${type.metadataType ?? type.name.toLowerCase()}\``);
  } else {
    out.push(`- Default fields: ${defaults}`);
  }
  out.push('');

  const fields = Object.entries(type.fields);
  const windowed = fields.some(([, field]) => isWindowed(field));
  out.push('#### Fields');
  out.push('');
  const head = ['Field', 'Type', 'Permission', ...(windowed ? ['Versions'] : []), 'Description', 'Notes'];
  out.push(row(head), rule(head.length));
  for (const [name, field] of fields) {
    const cells = [code(name), typeText(field.type, known), field.permission ? code(field.permission) : '—'];
    if (windowed) cells.push(windowText(field, versions));
    cells.push(cell(field.description), fieldNotes(field));
    out.push(row(cells));
  }
  out.push('');

  const edges = Object.entries(type.edges ?? {});
  if (edges.length > 0) {
    const edgeWindowed = edges.some(([, edge]) => isWindowed(edge));
    out.push('#### Edges');
    out.push('');
    const edgeHead = ['Edge', 'Item type', 'Permission', 'Methods', ...(edgeWindowed ? ['Versions'] : []), 'Description'];
    out.push(row(edgeHead), rule(edgeHead.length));
    for (const [name, edge] of edges) {
      const cells = [code(name), typeText(edge.type, known), edge.permission ? code(edge.permission) : '—', edgeMethods(edge)];
      if (edgeWindowed) cells.push(windowText(edge, versions));
      cells.push(cell(edge.description));
      out.push(row(cells));
    }
    out.push('');
    for (const [name, edge] of edges) out.push(...edgeDetails(type, name, edge, known));
  }

  if (type.update) out.push(...operationSection(`POST /{${idName(type)}}`, type.update, known));
  if (type.delete) out.push(...operationSection(`DELETE /{${idName(type)}}`, type.delete, known));
  return out;
}

function edgeDetails(type: TypeDef, name: string, edge: EdgeDef<unknown>, known: Set<string>): string[] {
  const path = `/{${idName(type)}}/${name}`;
  const out: string[] = [];
  if (edge.list || edge.get) {
    out.push(`##### GET ${path}`, '');
    const notes: string[] = [];
    if (edge.list) {
      const limits = edge.limits ?? userEdgeLimits;
      notes.push(`Pages of ${limits.defaultLimit} items by default; \`limit\` at most ${limits.maxLimit}.`);
    }
    if (edge.get) notes.push('A direct GET may answer in its own shape rather than a page of items (see the description).');
    out.push(notes.join(' '), '');
    out.push(...paramsTable(edge.params ?? {}, known));
  }
  if (edge.post) out.push(...operationSection(`POST ${path}`, edge.post, known));
  if (edge.delete) out.push(...operationSection(`DELETE ${path}`, edge.delete, known));
  if (edge.child?.get) out.push(`##### GET ${path}/{key}`, '', 'The items of the edge whose key matches, as `{data: [...]}`.', '');
  if (edge.child?.delete) out.push(...operationSection(`DELETE ${path}/{key}`, edge.child.delete, known));
  return out;
}

function operationSection(title: string, operation: OperationDef<any>, known: Set<string>): string[] {
  return [`##### ${title}`, '', cell(operation.description), '', ...paramsTable(operation.params, known), `Returns ${typeText(operation.returns, known)}.`, ''];
}

function rootSection(path: string, root: RootEndpoint, known: Set<string>): string[] {
  return [
    `### ${root.method} /${path}`,
    '',
    cell(root.description),
    '',
    `- Access token: ${root.needsToken ? 'required' : 'not required'}`,
    `- Returns ${typeText(root.returns, known)}`,
    '',
    ...paramsTable(root.params, known),
  ];
}

function paramsTable(params: Record<string, ParamSpec>, known: Set<string>): string[] {
  const rows = flattenParams(params, undefined);
  if (rows.length === 0) return ['No params.', ''];
  const head = ['Param', 'Type', 'Required', 'Description'];
  const out = [row(head), rule(head.length)];
  for (const [name, spec] of rows) {
    const bounds = [spec.min !== undefined ? `min ${spec.min}` : '', spec.max !== undefined ? `max ${spec.max}` : ''].filter(Boolean).join(', ');
    const description = [spec.description ?? '', bounds ? `(${bounds})` : ''].filter(Boolean).join(' ');
    out.push(row([code(name), typeText(spec.type, known), spec.required ? 'yes' : 'no', cell(description) || '—']));
  }
  out.push('');
  return out;
}

/** Declared keys of Object params as `parent[key]`, the way Meta names them in errors. */
function flattenParams(params: Record<string, ParamSpec>, parent: string | undefined): [string, ParamSpec][] {
  const rows: [string, ParamSpec][] = [];
  for (const [name, spec] of Object.entries(params)) {
    const full = parent === undefined ? name : `${parent}[${name}]`;
    rows.push([full, spec]);
    if (spec.fields) rows.push(...flattenParams(spec.fields, full));
  }
  return rows;
}

function edgeMethods(edge: EdgeDef<unknown>): string {
  const methods: string[] = [];
  if (edge.list || edge.get) methods.push('GET');
  if (edge.post) methods.push('POST');
  if (edge.delete) methods.push('DELETE');
  if (edge.child?.get) methods.push('GET /{key}');
  if (edge.child?.delete) methods.push('DELETE /{key}');
  return methods.join(', ') || '—';
}

function fieldNotes(field: FieldDef<unknown>): string {
  const notes: string[] = [];
  if (field.noData) notes.push('returns no data as of April 4, 2018');
  if (field.deprecated) notes.push('deprecated');
  if (field.wrapInData) notes.push('answered as `{data: …}`');
  return notes.join('; ') || '—';
}

function isWindowed(window: VersionWindow): boolean {
  return window.since !== undefined || window.until !== undefined;
}

function windowText(window: VersionWindow, versions: DocVersions): string {
  if (!isWindowed(window)) return 'all';
  const text =
    window.since !== undefined && window.until !== undefined
      ? `${v(window.since)} to ${v(window.until - 1)}`
      : window.since !== undefined
        ? `${v(window.since)} and later`
        : `before ${v(window.until!)}`;
  const first = Math.max(window.since ?? versions.oldest, versions.oldest);
  const last = Math.min((window.until ?? versions.newest + 1) - 1, versions.newest);
  return first > last ? `${text} (not in any served version)` : text;
}

function idName(type: TypeDef): string {
  return `${type.name.replace(/[A-Z]/g, (c, i: number) => (i > 0 ? '-' : '') + c.toLowerCase())}-id`;
}

/** A Graph type in backticks, linked to its section when it names a type of the table. */
function typeText(graphType: string, known: Set<string>): string {
  const inner = /^list<(.+)>$/.exec(graphType)?.[1] ?? graphType;
  const text = code(graphType);
  return known.has(inner) ? `[${text}](#${inner.toLowerCase()})` : text;
}

function typeLink(name: string): string {
  return `[${name}](#${name.toLowerCase()})`;
}

function v(major: number): string {
  return `v${major}.0`;
}

function code(text: string): string {
  return '`' + text.replace(/\|/g, '\\|') + '`';
}

function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function rule(count: number): string {
  return `|${' --- |'.repeat(count)}`;
}
