import type { FastifyRequest } from 'fastify';

const secretParams = /([?&](?:access_token|input_token|fb_exchange_token|client_secret|appsecret_proof)=)[^&]*/gi;

/** Request logs keep the path and params but never a token or secret (issue: tokens never in logs). */
export function redactUrl(url: string): string {
  return url.replace(secretParams, '$1[redacted]');
}

export const redactingSerializers = {
  req(request: FastifyRequest) {
    return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
  },
};
