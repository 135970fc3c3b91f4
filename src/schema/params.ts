import { compileParams, type ParamSpec } from '../graph/params/coerce.js';

type Validator = (raw: Record<string, unknown>) => Record<string, unknown>;

const compiled = new WeakMap<Record<string, ParamSpec>, Validator>();

/** Validates raw params against an operation's specs; each spec table is compiled once and reused. */
export function validateParams(specs: Record<string, ParamSpec>, raw: Record<string, unknown>): Record<string, any> {
  let validator = compiled.get(specs);
  if (!validator) {
    validator = compileParams(specs);
    compiled.set(specs, validator);
  }
  return validator(raw);
}
