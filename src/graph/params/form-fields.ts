/**
 * Form pairs (urlencoded or multipart) to one record: a repeated key keeps its last value,
 * as URLSearchParams#get-last / PHP do, except `name[]` keys, which collect every value
 * so that merge can fold them into a list.
 */
export function collectPairs(pairs: Iterable<[string, string]>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of pairs) {
    if (key === '__proto__') continue; // cannot be a Graph param; assigning it would touch the prototype
    if (!key.endsWith('[]')) {
      fields[key] = value;
      continue;
    }
    const list = Object.hasOwn(fields, key) ? (fields[key] as string[]) : (fields[key] = []);
    list.push(value);
  }
  return fields;
}

export function decodeForm(text: string): Record<string, unknown> {
  return collectPairs(new URLSearchParams(text));
}

// `a=b&c=d` with no whitespace: what curl -d and hand-written clients send without a content type.
// Every `&`-group starts with `&` and no class contains `&`, so matching is linear.
const formLike = /^[^\s=&]+=[^\s&]*(?:&[^\s=&]+(?:=[^\s&]*)?)*&?$/;

export function looksLikeForm(text: string): boolean {
  return formLike.test(text);
}
