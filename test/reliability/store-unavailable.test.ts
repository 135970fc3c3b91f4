/**
 * Which store errors answer Graph's transient code 2 (503) rather than code 1: only those
 * that say the database cannot be reached or is busy for now (src/store/unavailable.ts).
 */
import { describe, expect, it } from 'vitest';
import { toGraphError } from '../../src/server/fastify-errors.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('store errors as Graph errors', () => {
  it.each([
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a dead pooled client', new Error('Client has encountered a connection error and is not queryable')],
    ['PostgreSQL shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['PostgreSQL starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ["SQLite's lock held past its timeout", withCode('database is locked', 'SQLITE_BUSY')],
  ])('%s is transient: code 2, HTTP 503', (_, error) => {
    const graphError = toGraphError(error);
    expect(graphError.spec).toMatchObject({ code: 2, status: 503, transient: true, message: 'Service temporarily unavailable' });
  });

  it.each([
    ['a unique violation (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error (42601)', withCode('syntax error at or near "selct"', '42601')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('%s stays code 1, HTTP 500', (_, error) => {
    expect(toGraphError(error).spec).toMatchObject({ code: 1, status: 500 });
  });
});
