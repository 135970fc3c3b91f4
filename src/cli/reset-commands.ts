import type { Command } from 'commander';
import { withControlTarget } from './control-client.js';
import { action, printControl, type TargetOptions } from './control-output.js';

export interface ResetOptions extends TargetOptions {
  app?: string;
  adAccount?: string;
  demo?: boolean;
}

export function reset(options: ResetOptions): Promise<unknown> {
  if (options.app && options.adAccount) throw new Error('give --app or --ad-account, not both');
  const body = options.app ? { app_id: options.app } : options.adAccount ? { ad_account_id: options.adAccount } : { demo: options.demo === true };
  return printControl(options, 'POST', '/reset', body);
}

/** `graphd reset [--app ID | --ad-account ID] [--demo]` */
export function registerResetCommands(program: Command): void {
  withControlTarget(
    program
      .command('reset')
      .description("Empty a running graphd's world and shared state, or forget one app's or ad account's data")
      .option('--app <id>', "only this app's tokens, grants, app-scoped users and test users")
      .option('--ad-account <id>', "only this ad account's audiences and ToS acceptances")
      .option('--demo', 'after emptying everything, seed the demo world again'),
  ).action(action(reset));
}
