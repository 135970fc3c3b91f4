import { createServer } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { viewerFor } from '../auth/authorize-request.js';
import type { Config } from '../config.js';
import { GraphError } from '../graph/graph-error.js';
import { registerBodyParsers, type DecodedBody } from '../graph/params/body-parsers.js';
import { readGraphRequest, type GraphRequest } from '../graph/request.js';
import { errorResponse, successResponse, type GraphResponse } from '../graph/respond.js';
import type { CompiledSchema } from '../schema/compile.js';
import { dispatch } from '../schema/dispatch.js';
import type { Context } from '../schema/types.js';
import type { Store } from '../store/types.js';
import { installSalt } from '../identity/install-salt.js';
import { toGraphError } from './fastify-errors.js';
import { registerAvatars } from './avatars.js';
import { redactingSerializers } from './log-redaction.js';

export interface AppOptions {
  config: Config;
  store: Store;
  schema: CompiledSchema;
  /** Unix seconds; tests pass a movable clock. */
  clock?: () => number;
  logger?: boolean | object;
}

const systemClock = () => Math.floor(Date.now() / 1000);

/**
 * The composition root. A request flows: body parsers -> Graph request (graph/) ->
 * viewer from the token (auth/) -> schema-table routing and resolvers (schema/, domain)
 * -> Graph response or error envelope (graph/).
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, store, schema } = options;
  const clock = options.clock ?? systemClock;
  const salt = await installSalt(store);
  const audienceSettings = { processingDelay: config.audienceProcessingDelay };
  const app = Fastify({
    logger: options.logger ? { level: config.logLevel, ...(options.logger === true ? {} : options.logger), serializers: redactingSerializers } : false,
    bodyLimit: config.bodyLimit,
    routerOptions: { maxParamLength: config.maxHeaderSize },
    serverFactory: (handler) => createServer({ maxHeaderSize: config.maxHeaderSize }, handler),
  });

  // 1. Bodies: urlencoded, multipart and JSON, on every method (DELETE bodies included).
  registerBodyParsers(app, { bodyLimit: config.bodyLimit });

  // 2. graphd's own routes live under a reserved prefix, outside the Graph namespace.
  registerAvatars(app);

  // 3. Everything else is the Graph API.
  const graph = async (request: FastifyRequest, reply: FastifyReply) => {
    let graphRequest: GraphRequest | undefined;
    try {
      graphRequest = readGraphRequest(
        {
          method: request.method,
          path: request.url.split('?')[0],
          headers: request.headers,
          query: request.query as Record<string, string | string[]>,
          body: request.body as DecodedBody | undefined,
        },
        config.versions,
        config.publicUrl,
      );
      const now = clock();
      const viewer = await viewerFor(graphRequest, store, now);
      const ctx: Context = {
        viewer,
        store,
        major: graphRequest.major,
        now,
        origin: graphRequest.origin,
        versionUrl: `${graphRequest.origin}/${graphRequest.version}`,
        accessToken: graphRequest.accessToken,
        salt,
        audienceSettings,
        testUsersPerApp: config.testUsersPerApp,
      };
      const answer = await dispatch(schema, graphRequest, ctx);
      if ('raw' in answer) return send(reply, { ...answer.raw, body: answer.raw.body ?? '' });
      const ifNoneMatch = request.headers['if-none-match'];
      return send(
        reply,
        successResponse(answer.json, {
          method: graphRequest.method,
          version: graphRequest.version,
          pretty: graphRequest.pretty,
          ifNoneMatch: Array.isArray(ifNoneMatch) ? ifNoneMatch[0] : ifNoneMatch,
        }),
      );
    } catch (error) {
      return send(reply, renderError(request, error, graphRequest));
    }
  };
  app.route({ method: ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'], url: '/', handler: graph });
  app.route({ method: ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'], url: '/*', handler: graph });

  // Errors Fastify raises before the handler (bad body, too large) still answer as Graph errors.
  app.setErrorHandler((error, request, reply) => send(reply, renderError(request, error, undefined)));
  return app;
}

function renderError(request: FastifyRequest, error: unknown, graphRequest: GraphRequest | undefined): GraphResponse {
  const graphError = error instanceof GraphError ? error : toGraphError(error);
  if (!(error instanceof GraphError) && graphError.spec.code === 1) request.log.error({ err: error }, 'unexpected error');
  return errorResponse(graphError, {
    version: graphRequest?.version,
    pretty: graphRequest?.pretty,
    suppressHttpCode: graphRequest?.suppressHttpCode ?? /[?&]suppress_http_code=(1|true)(&|$)/.test(request.url),
  });
}

function send(reply: FastifyReply, response: GraphResponse): FastifyReply {
  return reply.code(response.status).headers(response.headers).send(response.body);
}
