/**
 * The everyday audience calls behind `graphd audiences create|list|show|delete`, as plain
 * Graph requests (the same against graphd and graph.facebook.com).
 */
import type { GraphClient } from './graph-client.js';

/** What list and show read unless --fields says otherwise. */
export const AUDIENCE_FIELDS = 'id,name,subtype,approximate_count_lower_bound,approximate_count_upper_bound,operation_status,time_updated';

export const actId = (adAccount: string) => (adAccount.startsWith('act_') ? adAccount : `act_${adAccount}`);

export interface NewCustomerList {
  adAccount: string;
  name: string;
  description?: string;
  customerFileSource: string;
  retentionDays?: number;
}

export async function createCustomerList(client: GraphClient, list: NewCustomerList): Promise<string> {
  const { body } = await client.post<{ id: string }>(`${actId(list.adAccount)}/customaudiences`, {
    name: list.name,
    subtype: 'CUSTOM',
    customer_file_source: list.customerFileSource,
    description: list.description,
    retention_days: list.retentionDays,
  });
  return body.id;
}

/** Every audience of the account, following the cursor (limit per page). */
export async function* listAudiences(client: GraphClient, adAccount: string, fields = AUDIENCE_FIELDS, limit = 100): AsyncGenerator<Record<string, unknown>> {
  let after: string | undefined;
  for (;;) {
    const { body } = await client.get<{ data: Record<string, unknown>[]; paging?: { cursors?: { after?: string }; next?: string } }>(
      `${actId(adAccount)}/customaudiences`,
      { fields, limit, after },
    );
    yield* body.data;
    after = body.paging?.cursors?.after;
    if (!body.paging?.next || !after) return;
  }
}

export async function showAudience(client: GraphClient, id: string, fields = AUDIENCE_FIELDS): Promise<Record<string, unknown>> {
  return (await client.get<Record<string, unknown>>(id, { fields })).body;
}

export async function deleteAudience(client: GraphClient, id: string): Promise<boolean> {
  return (await client.delete<{ success?: boolean }>(id)).body.success === true;
}
