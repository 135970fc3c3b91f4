import type { DecodedBody } from '../graph/params/body-parsers.js';
import { FaultRuleError } from '../limits/faults/fault-rule.js';
import { addFaultRules, clearFaultRules, listFaultRules, removeFaultRule } from '../limits/faults/fault-rules.js';
import type { ControlRoutes } from './control-context.js';
import { ControlError } from './control-errors.js';

/**
 * /_graphd/faults: list the rules (with how often each fired), add one rule or
 * `{"rules": [...]}`, remove one by id or all of them. docs/faults.md describes the rules.
 */
export const faultRoutes: ControlRoutes = (app, { state }) => {
  app.get('/faults', async () => ({ data: await listFaultRules(state) }));

  app.post('/faults', async (request) => {
    const body = (request.body as DecodedBody | undefined)?.fields;
    if (!body || Object.keys(body).length === 0) throw new ControlError(400, 'Send a fault rule, or {"rules": [...]}, as a JSON body.');
    const rules = 'rules' in body ? body.rules : [body];
    if (!Array.isArray(rules)) throw new ControlError(400, 'rules must be a list of fault rules.');
    try {
      return { data: await addFaultRules(state, rules) };
    } catch (error) {
      if (error instanceof FaultRuleError) throw new ControlError(400, error.message);
      throw error;
    }
  });

  app.delete('/faults/:id', async (request) => {
    const { id } = request.params as { id: string };
    if (!(await removeFaultRule(state, id))) throw new ControlError(404, `No fault rule has the id ${id}.`);
    return { success: true };
  });

  app.delete('/faults', async () => ({ success: true, removed: await clearFaultRules(state) }));
};
