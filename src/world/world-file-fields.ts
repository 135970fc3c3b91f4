/** A world document (or a control-plane body) that cannot be loaded; the message names the entry and field. */
export class WorldFileError extends Error {
  override readonly name = 'WorldFileError';
}

type Json = Record<string, unknown>;

/**
 * Reads the fields of one entry of a world document, refusing unknown ones (a typo would
 * otherwise load silently as a default), every message prefixed with the entry's label.
 */
export class EntryReader {
  readonly entry: Json;

  constructor(
    readonly label: string,
    input: unknown,
    allowed: readonly string[],
  ) {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) this.fail('', 'must be an object');
    this.entry = input as Json;
    const unknown = Object.keys(this.entry).find((key) => !allowed.includes(key));
    if (unknown !== undefined) this.fail(unknown, `is not a known field (known: ${allowed.join(', ')})`);
  }

  fail(field: string, problem: string): never {
    throw new WorldFileError(`${this.label}${field ? ` ${field}` : ''} ${problem}`);
  }

  string(field: string): string | undefined {
    const value = this.entry[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && /_id$|^(app|person|page|business|ad_account|system_user|key|id)$/.test(field)) return String(value);
    if (typeof value !== 'string' || value === '') this.fail(field, 'must be a non-empty string');
    return value;
  }

  required(field: string): string {
    return this.string(field) ?? this.fail(field, 'is required');
  }

  boolean(field: string): boolean | undefined {
    const value = this.entry[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') this.fail(field, 'must be true or false');
    return value;
  }

  number(field: string, options: { min?: number; integer?: boolean } = {}): number | undefined {
    const value = this.entry[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || (options.integer && !Number.isInteger(value)) || (options.min !== undefined && value < options.min)) {
      this.fail(field, `must be a${options.integer ? ' whole' : ''} number${options.min !== undefined ? ` of at least ${options.min}` : ''}`);
    }
    return value;
  }

  oneOf<T extends string>(field: string, choices: readonly T[]): T | undefined {
    const value = this.string(field);
    if (value !== undefined && !choices.includes(value as T)) this.fail(field, `must be one of ${choices.join(', ')}`);
    return value as T | undefined;
  }

  /** A list of strings; a comma-separated string is accepted too (as the CLI and forms send them). */
  strings(field: string): string[] | undefined {
    const value = this.entry[field];
    if (value === undefined || value === null) return undefined;
    const list = typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : value;
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item === '')) this.fail(field, 'must be a list of strings');
    return list as string[];
  }

  object(field: string): Json | undefined {
    const value = this.entry[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) this.fail(field, 'must be an object');
    return value as Json;
  }
}
