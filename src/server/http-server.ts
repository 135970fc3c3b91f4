import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphError } from '../graph/graph-error.js';
import { errorResponse } from '../graph/respond.js';

/** How long and how much one connection may take (docs/reliability.md, "Limits"). */
export interface ConnectionLimits {
  /** Longest request line + headers (431 beyond). */
  maxHeaderSize: number;
  /** Milliseconds for the request line and headers to arrive (408 beyond): slow-header clients cannot hold sockets. */
  headersTimeout: number;
  /** Milliseconds for a whole request, body included (408 beyond): a 100 MB upload over a slow link still fits. */
  requestTimeout: number;
  /** Milliseconds an idle keep-alive socket stays open: above the 60 s idle timeout of common load balancers. */
  keepAliveTimeout: number;
  /** How often Node checks the two timeouts above. */
  connectionsCheckingInterval: number;
}

export const defaultConnectionLimits: Omit<ConnectionLimits, 'maxHeaderSize'> = {
  headersTimeout: 60_000,
  requestTimeout: 300_000,
  keepAliveTimeout: 72_000,
  connectionsCheckingInterval: 30_000,
};

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Node's HTTP server with graphd's limits, answering what never becomes a request with a Graph error too. */
export function createGraphServer(handler: Handler, limits: ConnectionLimits): Server {
  const { maxHeaderSize, headersTimeout, requestTimeout, keepAliveTimeout, connectionsCheckingInterval } = limits;
  const server = createServer({ maxHeaderSize, headersTimeout, requestTimeout, keepAliveTimeout, connectionsCheckingInterval }, handler);
  // Node hands CONNECT to this event and, with no listener, drops the socket without a word.
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    const id = (request.url ?? '').split(/[/?]/).find(Boolean) ?? '';
    writeError(socket, GraphError.of('unsupportedMethod', { method: 'connect', id }));
  });
  return server;
}

/**
 * Fastify's clientErrorHandler: a request Node's parser refused (malformed, headers too large,
 * too slow) gets its HTTP status with a Graph error envelope instead of Fastify's own JSON.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const graphError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? GraphError.of('headersTooLarge')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? GraphError.of('requestTimeout')
        : GraphError.of('requestMalformed');
  writeError(socket, graphError);
}

function writeError(socket: Duplex, error: GraphError): void {
  if (socket.writable) {
    const { status, headers, body } = errorResponse(error, {});
    const head = Object.entries({ ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' }).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head.join('')}\r\n${body}`);
  }
  socket.destroy();
}
