export { OPERATORS, type FilterClause, type Operator } from './ast.js';
export { MAX_CLAUSES, MAX_VALUES, parseFiltering } from './filtering-parser.js';
export {
  compileFiltering,
  MAX_TEXT,
  type CompiledFiltering,
  type FilterField,
  type FilterFieldMap,
  type FilterFieldType,
} from './filtering-compiler.js';
