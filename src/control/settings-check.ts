import type { LiveDocument } from '../state/live-document.js';
import type { ControlContext } from './control-context.js';
import { ControlError } from './control-errors.js';

/** Checks every named runtime setting's new value before any is set; unknown names and bad values answer 400. */
export function checkSettings(ctx: ControlContext, values: Record<string, unknown>): [LiveDocument<unknown>, unknown][] {
  return Object.entries(values).map(([name, value]) => {
    const document = ctx.settings.get(name);
    if (!document) throw new ControlError(400, `settings: "${name}" is not a runtime setting (known: ${ctx.settings.names().join(', ') || 'none'})`);
    try {
      document.validate(value);
    } catch (error) {
      throw new ControlError(400, `settings.${name}: ${(error as Error).message}`);
    }
    return [document, value];
  });
}
