import { h } from './dom.js';

/** Objects and arrays deeper than this start folded. */
const openDepth = 2;

/** JSON as a tree whose objects and arrays fold and unfold with a click. */
export function jsonTree(value: unknown): HTMLElement {
  return h('div', { class: 'json-tree mono' }, node(value, 0));
}

/** Unfolds (or folds) every branch of a tree made by jsonTree. */
export function setAllOpen(tree: HTMLElement, open: boolean): void {
  tree.querySelectorAll('details').forEach((details) => (details.open = open));
}

function node(value: unknown, depth: number): HTMLElement {
  if (Array.isArray(value)) return branch(value.map((item, index) => [String(index), item] as const), depth, '[', ']', `${value.length} item${value.length === 1 ? '' : 's'}`);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return branch(entries, depth, '{', '}', `${entries.length} key${entries.length === 1 ? '' : 's'}`);
  }
  return leaf(value);
}

function branch(entries: (readonly [string, unknown])[], depth: number, open: string, close: string, summary: string): HTMLElement {
  if (entries.length === 0) return h('span', { class: 'json-punct' }, open + close);
  const isArray = open === '[';
  const rows = entries.map(([key, child]) =>
    h('div', { class: 'json-row' }, isArray ? h('span', { class: 'json-index' }, `${key}: `) : h('span', { class: 'json-key' }, `"${key}": `), node(child, depth + 1)),
  );
  return h(
    'details',
    { class: 'json-branch', open: depth < openDepth },
    h('summary', null, h('span', { class: 'json-punct' }, open), h('span', { class: 'json-summary' }, ` ${summary} `), h('span', { class: 'json-punct json-close-inline' }, close)),
    h('div', { class: 'json-children' }, rows),
    h('span', { class: 'json-punct' }, close),
  );
}

function leaf(value: unknown): HTMLElement {
  if (typeof value === 'string') return h('span', { class: 'json-string' }, JSON.stringify(value));
  if (typeof value === 'number') return h('span', { class: 'json-number' }, String(value));
  if (typeof value === 'boolean') return h('span', { class: 'json-boolean' }, String(value));
  return h('span', { class: 'json-null' }, 'null');
}
