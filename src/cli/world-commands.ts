import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { withControlTarget } from './control-client.js';
import { action, printControl, type TargetOptions } from './control-output.js';

/** Reads a world file, YAML or JSON (JSON is YAML too), into the document the control plane takes. */
export async function readWorldFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return parseYaml(text);
  } catch (error) {
    throw new Error(`${file} is neither YAML nor JSON: ${(error as Error).message}`);
  }
}

export function worldLoad(file: string, options: TargetOptions): Promise<unknown> {
  return readWorldFile(file).then((world) => printControl(options, 'POST', '/world', world));
}

/** `graphd world load FILE` */
export function registerWorldCommands(program: Command): void {
  const world = program.command('world').description('Seed a running graphd');
  withControlTarget(world.command('load <file>').description('Load a world file (YAML or JSON): businesses, apps, people, pages, ad accounts, tokens, settings, faults')).action(action(worldLoad));
}
