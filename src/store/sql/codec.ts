import type { Flag, JsonText } from '../database.js';

/* Conversions between the ports' values and the stored shapes (see database.ts). */

export const toFlag = (value: boolean): Flag => (value ? 1 : 0);

/** Postgres returns integer columns as numbers, SQLite too; anything non-zero is true. */
export const fromFlag = (value: Flag): boolean => Number(value) !== 0;

export const toJson = (value: unknown): JsonText => JSON.stringify(value);

export const fromJson = <T>(text: JsonText): T => JSON.parse(text) as T;

/** Drops keys whose value is undefined, so a patch only sets what it names. */
export function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
