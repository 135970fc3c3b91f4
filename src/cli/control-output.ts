import { callControl, controlTarget, type ControlTarget } from './control-client.js';

/** What every control command's action receives besides its own options. */
export interface TargetOptions {
  url?: string;
  adminToken?: string;
  dataDir?: string;
}

/** Calls the control plane and prints its JSON answer, as every control command does. */
export async function printControl(options: TargetOptions, method: string, path: string, body?: unknown, print: (text: string) => void = (text) => process.stdout.write(text)): Promise<unknown> {
  const answer = await callControl(controlTarget(options), method, path, body);
  print(JSON.stringify(answer, null, 2) + '\n');
  return answer;
}

export type { ControlTarget };

/** A command action: commander wants one that resolves to nothing; the answer is already printed. */
export const action =
  <A extends unknown[]>(fn: (...args: A) => Promise<unknown>) =>
  async (...args: A): Promise<void> => {
    await fn(...args);
  };
