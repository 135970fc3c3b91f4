import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphCall, TransportFault } from './graph-hooks.js';

/** The page Meta's edge answers with when the Graph backend is unreachable. */
const errorPage = (status: number) =>
  `<!DOCTYPE html>\n<html lang="en" id="facebook"><head><title>Facebook | Error</title><meta charset="utf-8"></head>` +
  `<body><div><h1>Sorry, something went wrong.</h1><p>We're working on it and we'll get it fixed as soon as we can.</p></div>` +
  `<!-- status ${status} --></body></html>\n`;

/**
 * Breaks the exchange the way the network between a client and graph.facebook.com does.
 * `call.status` stays 0 for a connection that never got an answer.
 */
export async function playTransportFault(request: FastifyRequest, reply: FastifyReply, call: GraphCall, fault: TransportFault): Promise<FastifyReply> {
  call.status = fault.kind === 'html' ? fault.status : 0;
  switch (fault.kind) {
    case 'html':
      return reply.code(fault.status).header('content-type', 'text/html; charset="utf-8"').header('cache-control', 'no-store').send(errorPage(fault.status));
    case 'truncated': {
      // Promise a body and deliver half of it, then drop the connection.
      const body = '{"error":{"message":"An unexpected error has occurred. Please retry your request later.","type":"OAuthException","code":2,"is_transient":true}}';
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': String(body.length) });
      reply.raw.write(body.slice(0, body.length >> 1));
      request.raw.socket?.destroy();
      if (!request.raw.socket) reply.raw.end();
      return reply;
    }
    case 'stall':
      await new Promise((resolve) => setTimeout(resolve, fault.seconds * 1000));
      reply.hijack();
      request.raw.socket?.destroy();
      if (!request.raw.socket) reply.raw.end();
      return reply;
    case 'reset':
      reply.hijack();
      request.raw.socket?.destroy();
      if (!request.raw.socket) reply.raw.end();
      return reply;
  }
}
