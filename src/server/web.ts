import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build` puts the UI: dist/web, two levels up from both src/server and dist/server. */
const webRoot = new URL('../../dist/web/', import.meta.url);
export const webPrefix = '/_graphd/web';

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  map: 'application/json; charset=utf-8',
};
/** The build writes one flat folder: a plain file name is the only thing a request may name. */
const assetName = /^[a-z0-9-]+\.(html|js|css|svg|map)$/;

/** The page talks only to this origin: no inline script, no third parties, no framing. */
const pageHeaders = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/**
 * The web UI (docs/web-ui.md): a browser asking for `/` gets the page; its static files are
 * under /_graphd/web/. Anything else at `/` (curl, SDKs, `/?ids=`) still reaches the Graph API.
 */
export function registerWebUi(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (wantsThePage(request)) return sendAsset(reply, 'index.html');
  });
  app.get(`${webPrefix}/*`, async (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    if (!assetName.test(name)) return reply.code(404).type('text/plain; charset=utf-8').send('No such web UI file.');
    return sendAsset(reply, name);
  });
}

function wantsThePage(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return request.method === 'GET' && request.url === '/' && typeof accept === 'string' && accept.includes('text/html');
}

async function sendAsset(reply: FastifyReply, name: string): Promise<FastifyReply> {
  let body: Buffer;
  try {
    body = await readFile(new URL(name, webRoot));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (name !== 'index.html') return reply.code(404).type('text/plain; charset=utf-8').send('No such web UI file.');
    return reply.code(503).type('text/plain; charset=utf-8').send('The web UI is not built: run `npm run build` (or `npm install`) in the graphd folder.');
  }
  return reply.code(200).headers(pageHeaders).type(contentTypes[name.split('.').pop()!]).send(body);
}
