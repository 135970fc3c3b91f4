import { fetchOf, type GraphRequest } from './api.js';

const quoted = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** The same call as a curl command line, token included, ready to paste into a shell. */
export function curlOf(request: GraphRequest): string {
  const { url } = fetchOf(request);
  const parts = ['curl', '-sS'];
  if (request.method !== 'GET') parts.push('-X', request.method);
  parts.push(quoted(new URL(url, location.origin).toString()));
  if (request.token) parts.push('-H', quoted(`Authorization: Bearer ${request.token}`));
  if (request.method === 'POST') {
    for (const [name, value] of request.params) if (name) parts.push('--data-urlencode', quoted(`${name}=${value}`));
  }
  return parts.join(' ');
}

/** Copies to the clipboard where the browser allows it (secure contexts); says whether it did. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
