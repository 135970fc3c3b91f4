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
import { RuntimeSettings } from '../state/live-document.js';
import { AudienceTransitions } from '../audiences/transitions-request.js';
import { asyncStateDocument } from '../audiences/transitions-setting.js';
import { resumeLookalikeBuilds } from '../audiences/lookalike/builds.js';
import { MemoryState } from '../state/memory-state.js';
import type { SharedState } from '../state/shared-state.js';
import { registerControl } from '../control/register-control.js';
import { batchIndexHeader } from './batch-header.js';
import { answerBatch, isBatchRequest } from './batch-runner.js';
import { TransportFaultSignal, type GraphCall } from './graph-hooks.js';
import { operatingHooks } from './operating.js';
import { playTransportFault } from './transport-faults.js';
import { toGraphError } from './fastify-errors.js';
import { registerAvatars } from './avatars.js';
import { registerWebUi } from './web.js';
import { redactingSerializers } from './log-redaction.js';
import { answerClientError, createGraphServer, defaultConnectionLimits, type ConnectionLimits } from './http-server.js';

export interface AppOptions {
  config: Config;
  store: Store;
  schema: CompiledSchema;
  /** Unix seconds; tests pass a movable clock. */
  clock?: () => number;
  logger?: boolean | object;
  /** Counters, settings, fault rules and the journal shared by processes; in memory by default. */
  state?: SharedState;
  /** The control plane's admin token; read from (or made once in) the store's settings when absent. */
  adminToken?: string;
  /** Timeouts of the HTTP server; defaultConnectionLimits unless told (tests shorten them). */
  connectionLimits?: Partial<Omit<ConnectionLimits, 'maxHeaderSize'>>;
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
  // Lookalikes a stopped process left unbuilt are built again (docs/lookalikes.md).
  await resumeLookalikeBuilds(store);
  const state = options.state ?? new MemoryState();
  const settings = new RuntimeSettings();
  const asyncState = settings.register(asyncStateDocument(state, config.audienceProcessingDelay));
  const operating = await operatingHooks({ config, store, state, clock, settings });
  const hooks = operating.hooks;
  const routeHooks = hooks.filter((hook) => hook.onRoute);
  const app = Fastify({
    logger: options.logger ? { level: config.logLevel, ...(options.logger === true ? {} : options.logger), serializers: redactingSerializers } : false,
    bodyLimit: config.bodyLimit,
    routerOptions: { maxParamLength: config.maxHeaderSize },
    serverFactory: (handler) => createGraphServer(handler, { ...defaultConnectionLimits, ...options.connectionLimits, maxHeaderSize: config.maxHeaderSize }),
    clientErrorHandler: answerClientError,
    // A path that is not valid percent-encoding never reaches a route.
    frameworkErrors: (error, request, reply) => {
      const call: GraphCall = { startedAt: Date.now(), method: request.method, path: request.url.split('?')[0], batch: undefined };
      const graphError = error.code === 'FST_ERR_BAD_URL' ? GraphError.of('unknownPathComponents', { path: call.path }) : error;
      return answerWith(request, reply, call, renderError(request, graphError, undefined, undefined));
    },
  });

  // 1. Bodies: urlencoded, multipart and JSON, on every method (DELETE bodies included).
  registerBodyParsers(app, { bodyLimit: config.bodyLimit });

  // 2. graphd's own routes live under a reserved prefix, outside the Graph namespace.
  registerAvatars(app);
  registerWebUi(app);
  await registerControl(app, { config, store, state, clock, settings, adminToken: options.adminToken, routes: operating.controlRoutes });

  // 3. Everything else is the Graph API.
  const graph = async (request: FastifyRequest, reply: FastifyReply) => {
    const call: GraphCall = { startedAt: Date.now(), method: request.method, path: request.url.split('?')[0], batch: batchOf(request) };
    try {
      call.request = readGraphRequest(
        {
          method: request.method,
          path: call.path,
          headers: request.headers,
          query: request.query as Record<string, string | string[]>,
          body: request.body as DecodedBody | undefined,
        },
        config.versions,
        config.publicUrl,
      );
      const graphRequest = call.request;
      const now = clock();
      call.viewer = await viewerFor(graphRequest, store, now);
      // A batch is no call of its own: each operation comes back through this handler and counts there.
      if (!call.batch && isBatchRequest(graphRequest)) {
        const entries = await answerBatch({ app, outer: request, request: graphRequest, viewer: call.viewer, files: (request.body as DecodedBody | undefined)?.files ?? {} });
        return await answerWith(request, reply, call, successResponse(entries, { method: 'POST', version: graphRequest.version, pretty: graphRequest.pretty, headers: await extraHeaders(call) }));
      }
      for (const hook of hooks) await hook.beforeCall?.(call);
      const ctx: Context = {
        viewer: call.viewer,
        store,
        major: graphRequest.major,
        now,
        origin: graphRequest.origin,
        versionUrl: `${graphRequest.origin}/${graphRequest.version}`,
        accessToken: graphRequest.accessToken,
        salt,
        audienceSettings: new AudienceTransitions(await asyncState.current(), graphRequest.method === 'GET'),
        testUsersPerApp: config.testUsersPerApp,
        looseParams: config.loose,
        onRoute: routeHooks.length === 0 ? undefined : async (target) => {
          call.target = target;
          for (const hook of routeHooks) await hook.onRoute!(call, target);
        },
      };
      const answer = await dispatch(schema, graphRequest, ctx);
      if ('raw' in answer) return await answerWith(request, reply, call, { ...answer.raw, body: answer.raw.body ?? '' });
      const ifNoneMatch = request.headers['if-none-match'];
      return await answerWith(
        request,
        reply,
        call,
        successResponse(answer.json, {
          method: graphRequest.method,
          version: graphRequest.version,
          pretty: graphRequest.pretty,
          ifNoneMatch: Array.isArray(ifNoneMatch) ? ifNoneMatch[0] : ifNoneMatch,
          headers: await extraHeaders(call),
        }),
      );
    } catch (error) {
      if (error instanceof TransportFaultSignal) {
        await playTransportFault(request, reply, call, error.fault);
        for (const hook of hooks) hook.afterCall?.(call);
        return reply;
      }
      return answerWith(request, reply, call, renderError(request, error, call.request, await extraHeaders(call)));
    }
  };

  /** Sends an answer and tells the hooks how the call ended. */
  const answerWith = async (request: FastifyRequest, reply: FastifyReply, call: GraphCall, response: GraphResponse) => {
    call.status = response.status;
    call.traceId = response.headers['x-fb-request-id'];
    call.error ??= errorOf(request);
    send(reply, response);
    for (const hook of hooks) hook.afterCall?.(call);
    return reply;
  };

  const extraHeaders = async (call: GraphCall): Promise<Record<string, string> | undefined> => {
    let headers: Record<string, string> | undefined;
    for (const hook of hooks) {
      try {
        const more = await hook.responseHeaders?.(call);
        if (more) headers = { ...headers, ...more };
      } catch {
        // Usage headers are advisory: an answer is never lost for want of one.
      }
    }
    return headers;
  };

  app.route({ method: ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'], url: '/', handler: graph });
  app.route({ method: ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'], url: '/*', handler: graph });
  // Methods no route takes (OPTIONS, PROPFIND, ...): the Graph request answers Meta's unsupported-method error.
  app.setNotFoundHandler(graph);

  // Errors Fastify raises before the handler (bad body, too large) still answer as Graph errors.
  app.setErrorHandler((error, request, reply) => {
    const call: GraphCall = { startedAt: Date.now(), method: request.method, path: request.url.split('?')[0], batch: batchOf(request) };
    return answerWith(request, reply, call, renderError(request, error, undefined, undefined));
  });
  return app;
}

const thrown = Symbol('graph error');

function renderError(request: FastifyRequest, error: unknown, graphRequest: GraphRequest | undefined, headers: Record<string, string> | undefined): GraphResponse {
  const graphError = error instanceof GraphError ? error : toGraphError(error);
  if (!(error instanceof GraphError) && graphError.spec.code === 1) request.log.error({ err: error }, 'unexpected error');
  // The store being away is no bug, but operators must see an outage in the log.
  else if (!(error instanceof GraphError) && graphError.spec.transient) request.log.warn({ err: error }, 'store unavailable');
  (request as FastifyRequest & { [thrown]?: GraphError })[thrown] = graphError;
  return errorResponse(graphError, {
    version: graphRequest?.version,
    pretty: graphRequest?.pretty,
    headers,
    suppressHttpCode: graphRequest?.suppressHttpCode ?? /[?&]suppress_http_code=(1|true)(&|$)/.test(request.url),
  });
}

function errorOf(request: FastifyRequest): GraphError | undefined {
  return (request as FastifyRequest & { [thrown]?: GraphError })[thrown];
}

/** Batch operations run as inner requests carrying their position in this header. */
function batchOf(request: FastifyRequest): GraphCall['batch'] {
  const header = request.headers[batchIndexHeader];
  return typeof header === 'string' && /^\d+$/.test(header) ? { index: Number(header) } : undefined;
}

function send(reply: FastifyReply, response: GraphResponse): FastifyReply {
  return reply.code(response.status).headers(response.headers).send(response.body);
}
