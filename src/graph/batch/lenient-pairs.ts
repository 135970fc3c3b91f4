/** A key and value as written in a query string or a form body, in order, repeats kept. */
export type Pair = [string, string];

// In a raw text a pair starts after an `&` that is followed by `key=`: splitting only there
// keeps an unencoded `&` inside a value whole (the Node SDK writes values without encoding).
const pairStart = /&(?=[^&=\s]+=)/;

// What urlencoding (Python, PHP, curl --data-urlencode) leaves in a text: anything else means
// the values were written raw, so `+` is a plus sign and not an encoded space.
const encodedText = /^[A-Za-z0-9%._~*!'()+\-=&]*$/;

/**
 * Reads a batch operation's `body` or the query of its `relative_url` (graph-protocol.md §11.1).
 * SDKs disagree on encoding: Python and PHP urlencode every value, the Node SDK joins `k=v`
 * raw (JSON with quotes, spaces and commas). Percent-decoding is tried on each piece and a
 * piece that does not decode is kept as written.
 */
export function lenientPairs(text: string): Pair[] {
  if (text === '') return [];
  const plusIsSpace = encodedText.test(text);
  const pairs: Pair[] = [];
  for (const piece of text.split(plusIsSpace ? '&' : pairStart)) {
    if (piece === '') continue;
    const equals = piece.indexOf('=');
    const [key, value] = equals < 0 ? [piece, ''] : [piece.slice(0, equals), piece.slice(equals + 1)];
    const name = lenientDecode(key, plusIsSpace);
    if (name !== '') pairs.push([name, lenientDecode(value, plusIsSpace)]);
  }
  return pairs;
}

export function lenientDecode(text: string, plusIsSpace = false): string {
  const spaced = plusIsSpace ? text.replace(/\+/g, ' ') : text;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
