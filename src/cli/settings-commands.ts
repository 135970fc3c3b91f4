import type { Command } from 'commander';
import { withControlTarget } from './control-client.js';
import { action, printControl, type TargetOptions } from './control-output.js';

export function settingsGet(options: TargetOptions): Promise<unknown> {
  return printControl(options, 'GET', '/settings');
}

export function settingsSet(name: string, json: string, options: TargetOptions): Promise<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`the value of ${name} must be JSON: ${json}`);
  }
  return printControl(options, 'PATCH', '/settings', { [name]: value });
}

/** `graphd settings [get | set NAME JSON]`, `graphd health` */
export function registerSettingsCommands(program: Command): void {
  const settings = withControlTarget(program.command('settings').description("A running graphd's configuration and runtime settings")).action(action(settingsGet));
  withControlTarget(settings.command('get').description('Show the configuration and every runtime setting')).action(action(settingsGet));
  withControlTarget(settings.command('set <name> <json>').description('Set a runtime setting to a JSON value')).action(action(settingsSet));
  withControlTarget(program.command('health').description('Ask a running graphd whether it is up')).action(action((options: TargetOptions) => printControl(options, 'GET', '/health')));
}
