import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { GraphdProcess } from './processes.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface Reply {
  status: number;
  headers: Headers;
  json: any;
}

/** A Graph call over a real socket to a graphd process, form-encoded as the Python SDK sends. */
export async function graphCall(host: GraphdProcess, token: string, method: string, path: string, params: Record<string, string> = {}): Promise<Reply> {
  const body = new URLSearchParams({ access_token: token, ...params });
  const response =
    method === 'GET'
      ? await fetch(`${host.url}/v21.0/${path}?${body}`)
      : await fetch(`${host.url}/v21.0/${path}`, { method, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
}

/** The demo credentials a graphd banner prints. */
export function demoCredentials(banner: string): { userToken: string; act: string } {
  return { userToken: /user token\s+(\S+)/.exec(banner)![1], act: /ad account\s+(act_\d+)/.exec(banner)![1] };
}

/**
 * Creates a customer list on the first host, reads it on the last, then feeds one upload
 * session from all hosts at once: every batch must count exactly once.
 */
export async function feedOneSessionFromEveryHost(hosts: GraphdProcess[], token: string, act: string): Promise<void> {
  const [first, last] = [hosts[0], hosts[hosts.length - 1]];
  const tos = await graphCall(first, token, 'GET', `${act}/customaudiencestos`);
  await graphCall(first, token, 'POST', `${act}/customaudiencestos`, { tos_id: tos.json.data[0].id });
  const created = await graphCall(first, token, 'POST', `${act}/customaudiences`, { name: 'Shared', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY' });
  expect(created.status, JSON.stringify(created.json)).toBe(200);
  const id = created.json.id as string;
  expect((await graphCall(last, token, 'GET', id, { fields: 'id,name,account_id' })).json).toEqual({ id, name: 'Shared', account_id: act.slice(4) });

  const batches = 12;
  const rowsPerBatch = 250;
  const batch = (seq: number, lastBatch: boolean) => {
    const rows = Array.from({ length: rowsPerBatch }, () => sha256(`${randomBytes(8).toString('hex')}@example.com`));
    const session = { session_id: 4242, batch_seq: seq, last_batch_flag: lastBatch, estimated_num_total: batches * rowsPerBatch };
    return { payload: JSON.stringify({ schema: 'EMAIL_SHA256', data: rows }), session: JSON.stringify(session) };
  };
  // All but the last batch at once, spread over the hosts; then the last one closes the session.
  const answers = await Promise.all(Array.from({ length: batches - 1 }, (_, i) => graphCall(hosts[i % hosts.length], token, 'POST', `${id}/users`, batch(i + 1, false))));
  for (const answer of answers) expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  const closing = await graphCall(last, token, 'POST', `${id}/users`, batch(batches, true));
  expect(closing.json.num_received).toBe(batches * rowsPerBatch);
  const sessions = await graphCall(first, token, 'GET', `${id}/sessions`, { session_id: '4242' });
  expect(sessions.json.data[0]).toMatchObject({ session_id: '4242', num_received: String(batches * rowsPerBatch), stage: 'finished' });
}
