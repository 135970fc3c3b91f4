import type { Command } from 'commander';
import { withControlTarget } from './control-client.js';
import { action, printControl, type TargetOptions } from './control-output.js';

export interface MintOptions extends TargetOptions {
  app: string;
  person?: string;
  page?: string;
  systemUser?: string;
  scopes?: string;
  expiresIn?: string;
}

export function tokenMint(options: MintOptions): Promise<unknown> {
  const expires = options.expiresIn === undefined || options.expiresIn === 'never' ? options.expiresIn : Number(options.expiresIn);
  return printControl(options, 'POST', '/tokens', {
    app_id: options.app,
    person_id: options.person,
    page_id: options.page,
    system_user_id: options.systemUser,
    scopes: options.scopes,
    expires_in: expires,
  });
}

/** `graphd token mint --app ID --person ID --scopes a,b --expires-in SECONDS` */
export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('Access tokens of a running graphd');
  withControlTarget(
    token
      .command('mint')
      .description('Mint a token for a person (or page, system user; neither = an app token), granting its scopes')
      .requiredOption('--app <id>', 'the app the token is for')
      .option('--person <id>', 'the person holding it')
      .option('--page <id>', 'with --person: a page token of this page')
      .option('--system-user <id>', 'a system-user token')
      .option('--scopes <list>', 'comma-separated permissions')
      .option('--expires-in <seconds>', 'lifetime in seconds, or never (the default)'),
  ).action(action(tokenMint));
}
