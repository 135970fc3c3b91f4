import { compileParams, type ParamSpec, type ParamValidator, type UnknownParams } from '../graph/params/coerce.js';

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

/** `unknown`: reads leave unknown params out (as Meta does); writes reject them unless graphd runs --loose. */
export function validateParams(specs: Record<string, ParamSpec>, raw: Record<string, unknown>, unknown: UnknownParams = 'ignore'): Record<string, any> {
  return validatorFor(specs)(raw, unknown);
}
