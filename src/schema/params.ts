import { compileParams, type ParamSpec, type ParamValidator } from '../graph/params/coerce.js';

const compiled = new WeakMap<Record<string, ParamSpec>, ParamValidator>();

/** Compiles an operation's param table once; CompiledSchema calls it for every table at start. */
export function validatorFor(specs: Record<string, ParamSpec>): ParamValidator {
  let validator = compiled.get(specs);
  if (!validator) {
    validator = compileParams(specs);
    compiled.set(specs, validator);
  }
  return validator;
}

export function validateParams(specs: Record<string, ParamSpec>, raw: Record<string, unknown>): Record<string, any> {
  return validatorFor(specs)(raw);
}
