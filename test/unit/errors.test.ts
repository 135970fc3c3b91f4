import { describe, expect, it } from 'vitest';
import { catalogue, type ErrorName, type ErrorSpec } from '../../src/graph/errors.js';
import { GraphError, newTraceId } from '../../src/graph/graph-error.js';
import { errorResponse } from '../../src/graph/respond.js';

describe('the error catalogue', () => {
  it('renders every entry as Meta does: keys in order, no nulls, subcode only when there is one', () => {
    for (const name of Object.keys(catalogue) as ErrorName[]) {
      const error = GraphError.of(name, {});
      const body = error.body('TRACE');
      const keys = Object.keys(body);
      expect(keys.slice(0, 3)).toEqual(['message', 'type', 'code']);
      expect(keys[keys.length - 1]).toBe('fbtrace_id');
      expect(Object.values(body)).not.toContain(null);
      expect('error_subcode' in body).toBe((catalogue[name] as ErrorSpec).subcode !== undefined);
    }
  });

  it('prefixes "(#code)" on platform errors but never on token, session or method errors', () => {
    for (const [name, spec] of Object.entries(catalogue)) {
      const prefixed = spec.message.startsWith(`(#${spec.code})`);
      const bare = spec.code === 190 || spec.code === 2500 || spec.code === 104 || spec.code === 102 || spec.code === 1 || spec.code === 2 || spec.code === 101 || spec.type === 'GraphMethodException';
      if (!(bare || name === 'invalidParameter')) expect(prefixed, name).toBe(true);
      if (bare) expect(prefixed, name).toBe(false);
    }
  });

  it('fills templates and keeps unknown placeholders visible', () => {
    expect(GraphError.of('nonexistingField', { field: 'foo', nodeType: 'User' }).message).toBe('(#100) Tried accessing nonexisting field (foo) on node type (User)');
    expect(GraphError.of('paramRequired').message).toBe('(#100) The parameter {name} is required');
  });

  it('uses 400 for token errors, never 401', () => {
    for (const spec of Object.values(catalogue)) expect(spec.status).not.toBe(401);
    expect(catalogue.tokenExpired.status).toBe(400);
  });

  it('renders the envelope with WWW-Authenticate and a trace id that matches the header', () => {
    const response = errorResponse(GraphError.of('tokenUnparseable'), { version: 'v21.0' });
    const body = JSON.parse(response.body);
    expect(response.status).toBe(400);
    expect(body.error.fbtrace_id).toBe(response.headers['x-fb-request-id']);
    expect(response.headers['www-authenticate']).toBe('OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('keeps header values printable even when the message is not', () => {
    const error = GraphError.of('aliasesNotFound', { names: 'caf\u00e9"\n' });
    expect(error.wwwAuthenticate()).toMatch(/^[\x20-\x7e]+$/);
  });

  it('makes trace ids of the base64url alphabet', () => {
    expect(newTraceId()).toMatch(/^[A-Za-z0-9_-]{23}$/);
  });
});
