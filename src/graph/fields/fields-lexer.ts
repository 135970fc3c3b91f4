export type TokenKind = 'name' | '.' | '(' | ')' | '{' | '}' | ',' | 'argument' | 'end' | 'invalid';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offset in the input. */
  position: number;
}

const punctuation = new Set(['.', '(', ')', '{', '}', ',']);

function isNameChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9: Meta accepts names starting with digits too
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}

// ASCII only: trimming must agree with skipping, and exotic spaces are more likely mistakes than layout.
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Splits a `fields=` string into tokens. Modifier arguments (cursors, dates, filters) are not
 * made of tokens, so the parser asks for them explicitly with `argument()` right after `(`.
 */
export class FieldsLexer {
  private offset = 0;
  private peeked: Token | undefined;

  constructor(private readonly input: string) {}

  peek(): Token {
    this.peeked ??= this.scan();
    return this.peeked;
  }

  next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  /**
   * The raw text up to the next parenthesis, trimmed; its position is that of its first non-space.
   * Only valid straight after `next()` returned `(`, when nothing has been peeked past it.
   */
  argument(): Token {
    const { input } = this;
    let start = this.offset;
    let end = start;
    while (end < input.length && input[end] !== '(' && input[end] !== ')') end++;
    this.offset = end;
    while (start < end && isSpace(input.charCodeAt(start))) start++;
    while (end > start && isSpace(input.charCodeAt(end - 1))) end--;
    return { kind: 'argument', text: input.slice(start, end), position: start };
  }

  private scan(): Token {
    const { input } = this;
    while (this.offset < input.length && isSpace(input.charCodeAt(this.offset))) this.offset++;
    const position = this.offset;
    if (position >= input.length) return { kind: 'end', text: '', position };
    const char = input[position];
    if (punctuation.has(char)) {
      this.offset++;
      return { kind: char as TokenKind, text: char, position };
    }
    if (isNameChar(input.charCodeAt(position))) {
      let end = position + 1;
      while (end < input.length && isNameChar(input.charCodeAt(end))) end++;
      this.offset = end;
      return { kind: 'name', text: input.slice(position, end), position };
    }
    // A whole code point, so the error message never shows half a surrogate pair.
    const text = String.fromCodePoint(input.codePointAt(position)!);
    this.offset += text.length;
    return { kind: 'invalid', text, position };
  }
}
