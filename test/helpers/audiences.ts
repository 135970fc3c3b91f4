import { createHash } from 'node:crypto';
import type { Harness } from './graph.js';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Accepts the custom-audience terms for the demo ad account (idempotent). */
export async function acceptAudienceTos(g: Harness): Promise<void> {
  const act = `act_${g.world.adAccount.id}`;
  const tos = await g.get(`/v21.0/${act}/customaudiencestos`, { access_token: g.world.tokens.user });
  await g.post(`/v21.0/${act}/customaudiencestos`, { tos_id: tos.json.data[0].id, access_token: g.world.tokens.user });
}

/** A fresh customer-list audience in the demo ad account; returns its id. */
export async function newCustomerList(g: Harness, name = 'List'): Promise<string> {
  await acceptAudienceTos(g);
  const reply = await g.post(`/v21.0/act_${g.world.adAccount.id}/customaudiences`, {
    name,
    subtype: 'CUSTOM',
    customer_file_source: 'USER_PROVIDED_ONLY',
    access_token: g.world.tokens.user,
  });
  if (!reply.json.id) throw new Error(`could not create audience: ${reply.body}`);
  return reply.json.id;
}

/** Hashed emails of the demo world's people, as an advertiser would upload them. */
export function hashedEmails(g: Harness, count: number, from = 0): string[] {
  return g.world.people.slice(from, from + count).map((p) => sha256(p.email!.trim().toLowerCase()));
}
