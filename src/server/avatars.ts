import type { FastifyInstance } from 'fastify';
import { avatarSvg } from '../people/avatar.js';

/** Profile pictures that `/{user}/picture` redirects to: generated SVGs, no storage needed. */
export function registerAvatars(app: FastifyInstance): void {
  app.get<{ Params: { seed: string }; Querystring: { size?: string } }>('/_graphd/avatars/:seed', async (request, reply) => {
    const size = Math.min(Math.max(Number(request.query.size) || 100, 16), 1024);
    const seed = request.params.seed.replace(/\.svg$/, '');
    return reply
      .header('content-type', 'image/svg+xml')
      .header('cache-control', 'public, max-age=86400')
      .send(avatarSvg(seed, size));
  });
}
