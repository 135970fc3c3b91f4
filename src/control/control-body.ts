import type { FastifyRequest } from 'fastify';
import type { DecodedBody } from '../graph/params/body-parsers.js';
import { FaultRuleError } from '../limits/faults/fault-rule.js';
import { WorldFileError } from '../world/world-file-fields.js';
import { ControlError } from './control-errors.js';

/** The fields of a control request's body (JSON, form or YAML); empty when it had none. */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return (request.body as DecodedBody | undefined)?.fields ?? {};
}

/** Runs fn, answering the mistakes of a document someone wrote with 400 and their message. */
export async function asClientError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof WorldFileError || error instanceof FaultRuleError) throw new ControlError(400, error.message);
    throw error;
  }
}
