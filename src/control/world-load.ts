import { addFaultRules, parseFaultRules } from '../limits/faults/fault-rules.js';
import { loadWorld, parseWorld, type LoadedWorld } from '../world/world-file.js';
import { asClientError } from './control-body.js';
import type { ControlContext } from './control-context.js';
import { checkSettings } from './settings-check.js';

export interface LoadedWorldAnswer extends LoadedWorld {
  settings: string[];
  faults: { id: string }[];
}

/**
 * Loads a world document: everything is checked first (shape, settings, fault rules), the
 * store part is written in one transaction, and only then are settings and faults applied,
 * so a bad document leaves nothing behind.
 */
export function applyWorld(ctx: ControlContext, input: unknown): Promise<LoadedWorldAnswer> {
  return asClientError(async () => {
    const world = parseWorld(input);
    const settings = checkSettings(ctx, world.settings);
    if (world.faults.length > 0) parseFaultRules(world.faults);
    const loaded = await loadWorld(ctx.store, world, ctx.clock());
    for (const [document, value] of settings) await document.set(value);
    const faults = world.faults.length > 0 ? await addFaultRules(ctx.state, world.faults) : [];
    return { ...loaded, settings: settings.map(([document]) => document.name), faults };
  });
}
