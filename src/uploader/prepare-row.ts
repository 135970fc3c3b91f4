/**
 * One file row → one payload row: each value normalised and hashed by the same module the
 * server matches with (audiences/matching), unusable values sent as "" (Meta's "unknown"),
 * and rows left with no identifier at all dropped, with the reason.
 */
import { encodeCell, normalize, type MatchKey, type NormalizeOptions } from '../audiences/matching/index.js';
import { splitBirthDate } from './birth-date.js';
import { expand, type ColumnPlan } from './column-plan.js';

export type PreparedRow =
  | { cells: (string | number)[]; unusable: MatchKey[] }
  | { dropped: string };

export function prepareRow(plan: ColumnPlan, fields: string[], options: NormalizeOptions = {}): PreparedRow {
  const width = plan.columns.length === 0 ? 0 : Math.max(...plan.columns.map((c) => c.index)) + 1;
  if (fields.length < width) return { dropped: `has ${fields.length} fields, the columns need ${width}` };
  const cells: (string | number)[] = [];
  const unusable: MatchKey[] = [];
  let identifiers = 0;
  for (const column of plan.columns) {
    const raw = fields[column.index];
    const values = column.target === 'DOB' ? birthDateValues(raw) : [raw];
    expand(column.target).forEach((key, i) => {
      const value = values[i] ?? '';
      const normalized = normalize(key, value, options);
      if (normalized === undefined) {
        if (value.trim() !== '' || (column.target === 'DOB' && raw.trim() !== '')) unusable.push(key);
        cells.push('');
        return;
      }
      if (key !== 'LOOKALIKE_VALUE') identifiers++;
      cells.push(encodeCell(key, normalized));
    });
  }
  if (identifiers > 0) return { cells, unusable };
  return { dropped: unusable.length > 0 ? `no usable identifier (unusable ${[...new Set(unusable)].join(', ')})` : 'no identifier (all match columns blank)' };
}

/** DOBY, DOBM, DOBD values of a DOB cell; an unreadable date gives none. */
function birthDateValues(raw: string): string[] {
  const parts = splitBirthDate(raw);
  return parts ? [parts.year, parts.month, parts.day] : [];
}
