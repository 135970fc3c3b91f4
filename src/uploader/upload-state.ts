/**
 * The resume file `<csv>.graphd-upload.json`: the session and where the last batch the
 * server acknowledged ended. Written (atomically) after every acknowledged batch and removed
 * when the upload finishes, so `--resume` repeats nothing the server already counted.
 */
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';

export interface UploadState {
  version: 1;
  audience_id: string;
  kind: 'add' | 'remove';
  session_id: string;
  schema: string[];
  /** The file as it was when the upload started: resuming a changed file would skip or repeat rows. */
  file: { size: number; mtime_ms: number };
  /** batch_seq of the last acknowledged batch. */
  batch_seq: number;
  /** Byte offset just past the last record of that batch, and the line the next record starts on. */
  offset: number;
  line: number;
  rows_read: number;
  rows_dropped: number;
  rows_sent: number;
  /** The server's counters as of that batch. */
  num_received: number;
  num_invalid_entries: number;
  estimated_num_total: number;
  /** Rows dropped so far by reason, and values sent blank by key: the summary stays exact across resumes. */
  drops: Record<string, number>;
  unusable: Record<string, number>;
}

export class UploadStateError extends Error {
  override readonly name = 'UploadStateError';
}

export const stateFileOf = (file: string) => `${file}.graphd-upload.json`;

export async function readState(file: string): Promise<UploadState | undefined> {
  let text: string;
  try {
    text = await readFile(stateFileOf(file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const state = JSON.parse(text) as UploadState;
  if (state?.version !== 1 || typeof state.session_id !== 'string' || typeof state.offset !== 'number') {
    throw new UploadStateError(`${stateFileOf(file)} is not a graphd upload state file`);
  }
  return state;
}

export async function writeState(file: string, state: UploadState): Promise<void> {
  const path = stateFileOf(file);
  await writeFile(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

export async function removeState(file: string): Promise<void> {
  await rm(stateFileOf(file), { force: true });
}

export async function fileIdentity(file: string): Promise<UploadState['file']> {
  const info = await stat(file);
  return { size: info.size, mtime_ms: Math.trunc(info.mtimeMs) };
}
