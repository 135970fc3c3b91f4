import type { FastifyInstance } from 'fastify';
import { GraphError, newTraceId } from '../graph/graph-error.js';
import { adminTokenOf, presentedAdminToken, sameToken } from './admin-token.js';
import type { ControlContext, ControlRoutes } from './control-context.js';
import { ControlError } from './control-errors.js';

export const controlPrefix = '/_graphd';

export interface ControlOptions extends ControlContext {
  adminToken?: string;
  routes: ControlRoutes[];
}

/**
 * The twin's own API under /_graphd: health is open (load balancers probe it); every
 * other route needs the admin token. Errors answer in the Graph envelope's shape.
 */
export async function registerControl(app: FastifyInstance, options: ControlOptions): Promise<void> {
  const { routes, adminToken: pinned, ...ctx } = options;
  const adminToken = await adminTokenOf(ctx.store, pinned ?? ctx.config.adminToken);
  app.get(`${controlPrefix}/health`, async () => ({ status: 'ok', pid: process.pid, store: ctx.config.db.startsWith('sqlite:') ? 'sqlite' : 'postgres', shared_state: ctx.state.kind }));
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request) => {
        if (!sameToken(presentedAdminToken(request.headers, request.query), adminToken)) {
          throw new ControlError(401, 'The control plane needs the admin token graphd printed at start (Authorization: Bearer <token>).');
        }
      });
      scope.setErrorHandler((error, _request, reply) => {
        if (error instanceof ControlError) return reply.code(error.status).send(error.body());
        if (error instanceof GraphError) return reply.code(error.status).send({ error: error.body(newTraceId()) });
        const status = typeof (error as { statusCode?: number }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
        if (status >= 500) scope.log.error({ err: error }, 'control plane error');
        return reply.code(status).send(new ControlError(status, status >= 500 ? 'The control plane failed; see the server log.' : (error as Error).message).body());
      });
      for (const group of routes) await group(scope, ctx);
    },
    { prefix: controlPrefix },
  );
}
