import type { Command } from 'commander';
import { withControlTarget } from './control-client.js';
import { action, printControl, type TargetOptions } from './control-output.js';

/** Each group's create options, as the world file names the fields (docs/control-plane.md). */
const groups: Record<string, { path: string; fields: string[] }> = {
  businesses: { path: '/businesses', fields: ['name'] },
  'system-users': { path: '/system_users', fields: ['business', 'name', 'role'] },
  apps: { path: '/apps', fields: ['business', 'name', 'namespace', 'category', 'app_type', 'secret'] },
  people: { path: '/people', fields: ['first_name', 'last_name', 'middle_name', 'email', 'phone', 'birthday', 'gender', 'locale', 'city', 'state', 'zip', 'country', 'hometown', 'apps'] },
  pages: { path: '/pages', fields: ['business', 'name', 'category'] },
  'ad-accounts': { path: '/ad_accounts', fields: ['business', 'name', 'currency', 'timezone_name'] },
};

const flag = (field: string) => field.replace(/_/g, '-');
const camel = (field: string) => field.replace(/_(.)/g, (_match, letter: string) => letter.toUpperCase());

/** The JSON body of a create command: its options under their world-file names, then --json's fields. */
export function createBody(fields: string[], options: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) if (options[camel(field)] !== undefined) body[field] = options[camel(field)];
  if (typeof options.json === 'string') {
    try {
      Object.assign(body, JSON.parse(options.json));
    } catch {
      throw new Error(`--json must be a JSON object: ${options.json}`);
    }
  }
  return body;
}

/** `graphd apps|people|pages|businesses|ad-accounts|system-users create ...` */
export function registerEntityCommands(program: Command): void {
  for (const [name, { path, fields }] of Object.entries(groups)) {
    const create = program.command(name).description(`${name} of a running graphd`).command('create').description(`Create one of the ${name} (references are ids)`);
    for (const field of fields) create.option(`--${flag(field)} <value>`);
    create.option('--json <object>', 'more fields as JSON, e.g. roles');
    withControlTarget(create).action(action((options: TargetOptions & Record<string, unknown>) => printControl(options, 'POST', path, createBody(fields, options))));
  }
}
