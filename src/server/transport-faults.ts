import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphCall, TransportFault } from './graph-hooks.js';

/** The page Meta's edge answers with when the Graph backend is unreachable. */
const errorPage = (status: number) =>
  `<!DOCTYPE html>\n<html lang="en" id="facebook"><head><title>Facebook | Error</title><meta charset="utf-8"></head>` +
  `<body><div><h1>Sorry, something went wrong.</h1><p>We're working on it and we'll get it fixed as soon as we can.</p></div>` +
  `<!-- status ${status} --></body></html>\n`;

/** What a truncated answer promises in full: a transient error, cut in half on the wire. */
const truncatedBody = Buffer.from(
  '{"error":{"message":"An unexpected error has occurred. Please retry your request later.","type":"OAuthException","code":2,"is_transient":true}}',
);

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
      // Promise the whole body, deliver half of it, then drop the connection once it left.
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': String(truncatedBody.length) });
      reply.raw.write(truncatedBody.subarray(0, truncatedBody.length >> 1), () => drop(request, reply, 'close'));
      return reply;
    }
    case 'stall':
      reply.hijack();
      await new Promise((resolve) => setTimeout(resolve, fault.seconds * 1000));
      drop(request, reply, 'close');
      return reply;
    case 'reset':
      reply.hijack();
      drop(request, reply, 'reset');
      return reply;
  }
}

/** Closes the client's connection: a TCP RST for `reset`, a plain close otherwise. */
function drop(request: FastifyRequest, reply: FastifyReply, how: 'reset' | 'close'): void {
  const socket = request.raw.socket as Socket | null;
  // light-my-request (app.inject) has no real socket: ending the reply is all it can see.
  if (!socket || typeof socket.destroy !== 'function') {
    reply.raw.end();
    return;
  }
  if (how === 'reset' && typeof socket.resetAndDestroy === 'function' && socket.readyState !== 'closed') socket.resetAndDestroy();
  else socket.destroy();
}
