import { GraphError } from '../graph-error.js';
import type { FieldNode, FieldSelection } from './ast.js';
import { FieldsLexer, type Token, type TokenKind } from './fields-lexer.js';

export interface ParseFieldsOptions {
  /** How many `{...}` / `.fields(...)` expansions may enclose one another; 16 unless told. */
  maxDepth?: number;
}

/** A field whose modifiers are still being read. */
interface Draft {
  name: string;
  position: number;
  alias?: string;
  modifiers: Map<string, string>;
  children?: FieldNode[];
}

/** An open `{...}` or `.fields(...)`: whose fields it holds and what closes it. */
interface Expansion {
  owner: Draft;
  closer: '}' | ')';
}

/**
 * Parses a `fields=` value into a selection tree; an empty or blank value is an empty selection.
 * Throws only GraphError: `fieldsSyntax` (with Meta's wording and a 0-based position) or `fieldsTooDeep`.
 */
export function parseFields(input: string, options: ParseFieldsOptions = {}): FieldSelection {
  return new Parser(input, options.maxDepth ?? 16).parse();
}

class Parser {
  private readonly lexer: FieldsLexer;
  private readonly root: FieldNode[] = [];
  // An explicit stack instead of recursion, so that no input can overflow the call stack.
  private readonly open: Expansion[] = [];

  constructor(
    private readonly input: string,
    private readonly maxDepth: number,
  ) {
    this.lexer = new FieldsLexer(input);
  }

  parse(): FieldSelection {
    if (this.lexer.peek().kind === 'end') return this.root;
    let draft: Draft | undefined = this.field();
    while (draft) draft = this.step(draft);
    return this.root;
  }

  /** Consumes what follows a field name or modifier; returns the field to go on with, none at the end. */
  private step(draft: Draft): Draft | undefined {
    const token = this.lexer.next();
    if (token.kind === '.') return this.modifier(draft);
    if (token.kind === '{') return this.expand(draft, '}');
    this.nodes().push(build(draft));
    return this.afterField(token);
  }

  private field(): Draft {
    const name = this.expect('name');
    return { name: name.text, position: name.position, modifiers: new Map() };
  }

  private modifier(draft: Draft): Draft {
    const name = this.expect('name');
    this.expect('(');
    if (name.text === 'fields') return this.expand(draft, ')');
    if (draft.modifiers.has(name.text) || (name.text === 'as' && draft.alias !== undefined)) {
      // Meta's behaviour here is unknown; silently keeping one value would hide a client bug.
      throw this.syntax(`Duplicate modifier "${name.text}".`, name.position);
    }
    if (name.text === 'as') {
      // The alias becomes a response key, so it must be a name like any field's.
      draft.alias = this.expect('name').text;
      this.expect(')');
      return draft;
    }
    const argument = this.lexer.argument();
    this.expect(')');
    if (!argument.text) throw this.syntax('Expected argument.', argument.position);
    draft.modifiers.set(name.text, argument.text);
    return draft;
  }

  /** Opens a nested selection and returns its first field. */
  private expand(owner: Draft, closer: Expansion['closer']): Draft {
    if (this.open.length >= this.maxDepth) throw GraphError.of('fieldsTooDeep', { max: this.maxDepth });
    // `.fields(a)` and `{b}` on one field add up, as both are ways of writing the nested selection.
    owner.children ??= [];
    this.open.push({ owner, closer });
    return this.field();
  }

  /** After a complete field: a comma, or the closing of one or more enclosing selections. */
  private afterField(token: Token): Draft | undefined {
    for (;;) {
      const closer = this.open.at(-1)?.closer ?? 'end';
      if (token.kind === ',') {
        if (this.lexer.peek().kind !== closer) return this.field();
        token = this.lexer.next(); // Meta tolerates a trailing comma
      }
      if (token.kind !== closer) throw this.unexpected(closer, token);
      const expansion = this.open.pop();
      if (!expansion) return undefined;
      // More modifiers, or `{...}`, may follow `.fields(...)`; nothing may follow `{...}`.
      if (expansion.closer === ')') return expansion.owner;
      this.nodes().push(build(expansion.owner));
      token = this.lexer.next();
    }
  }

  /** Where a field completed now belongs. */
  private nodes(): FieldNode[] {
    const expansion = this.open.at(-1);
    return expansion ? expansion.owner.children! : this.root;
  }

  private expect(kind: TokenKind): Token {
    const token = this.lexer.next();
    if (token.kind === kind) return token;
    // Meta words a missing name this way whatever stands in its place.
    if (kind === 'name') throw this.syntax('Expected name.', token.position);
    throw this.unexpected(kind, token);
  }

  private unexpected(expected: TokenKind, token: Token): GraphError {
    return this.syntax(`Expected ${describe(expected)} instead of ${describe(token.kind, token.text)}.`, token.position);
  }

  private syntax(detail: string, position: number): GraphError {
    return GraphError.of('fieldsSyntax', { detail, position, fields: this.input });
  }
}

function describe(kind: TokenKind, text: string = kind): string {
  return kind === 'end' ? 'end of string' : `"${text}"`;
}

function build(draft: Draft): FieldNode {
  return {
    name: draft.name,
    ...(draft.alias !== undefined && { alias: draft.alias }),
    // fromEntries defines own properties, so a modifier called `__proto__` stays plain data.
    modifiers: Object.fromEntries(draft.modifiers),
    ...(draft.children && { children: draft.children }),
    position: draft.position,
  };
}
