import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { callControl, controlTarget, withControlTarget } from './control-client.js';
import { action, printControl, type TargetOptions } from './control-output.js';

/** Writes the snapshot to file, or to stdout without one. */
export async function snapshotExport(file: string | undefined, options: TargetOptions): Promise<void> {
  const snapshot = await callControl(controlTarget(options), 'GET', '/snapshot');
  const text = JSON.stringify(snapshot) + '\n';
  if (file === undefined) process.stdout.write(text);
  else await writeFile(file, text);
}

export async function snapshotImport(file: string, options: TargetOptions): Promise<unknown> {
  return printControl(options, 'POST', '/snapshot', JSON.parse(await readFile(file, 'utf8')));
}

/** `graphd snapshot export [FILE]`, `graphd snapshot import FILE` */
export function registerSnapshotCommands(program: Command): void {
  const snapshot = program.command('snapshot').description("Save or replace a running graphd's whole world (JSON, portable between SQLite and PostgreSQL)");
  withControlTarget(snapshot.command('export [file]').description('Write every table as JSON to FILE (or stdout)')).action(action(snapshotExport));
  withControlTarget(snapshot.command('import <file>').description('Replace everything with a snapshot, in one transaction')).action(action(snapshotImport));
}
