export type { FieldNode, FieldSelection } from './ast.js';
export { parseFields, type ParseFieldsOptions } from './fields-parser.js';
export { printFields } from './fields-printer.js';
