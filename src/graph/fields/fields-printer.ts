import type { FieldNode, FieldSelection } from './ast.js';

/**
 * Canonical text of a selection: modifiers in their key order, then `.as()`, then `{...}`
 * (never the legacy `.fields()`), no whitespace. `parseFields` reads it back to the same tree.
 * Recursive: depth is bounded by the parser's `maxDepth` for any tree that came from text.
 */
export function printFields(selection: FieldSelection): string {
  return selection.map(printField).join(',');
}

function printField(node: FieldNode): string {
  let text = node.name;
  for (const [name, argument] of Object.entries(node.modifiers)) text += `.${name}(${argument})`;
  if (node.alias !== undefined) text += `.as(${node.alias})`;
  if (node.children) text += `{${printFields(node.children)}}`;
  return text;
}
