/** One entry of a `fields=` selection, e.g. `albums.limit(5).as(mine){name}`. */
export interface FieldNode {
  name: string;
  /** From `.as(alias)`: the key the field is answered under. */
  alias?: string;
  /**
   * Raw, whitespace-trimmed argument of every modifier except `as` and `fields`,
   * e.g. `{ limit: '5', after: 'QVFI' }`. Values are checked by the schema layer, not here.
   */
  modifiers: Record<string, string>;
  /** Nested selection from `{...}` and/or `.fields(...)`; undefined when none was written, never empty. */
  children?: FieldNode[];
  /** 0-based offset (UTF-16 code units) of the name in the input, for error messages. */
  position: number;
}

export type FieldSelection = FieldNode[];
