import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

export interface AudienceShare {
  ad_account_id: string;
  permissions: string;
  time_shared: number;
}

/** Audiences shared with other ad accounts, and the accounts' acceptance of the Custom Audience terms. */
export class AudienceSharing {
  constructor(private readonly db: Kysely<Database>) {}

  /** Sharing again changes the permissions and keeps the first time_shared. */
  async share(audienceId: string, adAccountId: string, permissions: string, now: number): Promise<void> {
    await this.db
      .insertInto('audience_shares')
      .values({ audience_id: audienceId, ad_account_id: adAccountId, permissions, time_shared: now })
      .onConflict((conflict) => conflict.columns(['audience_id', 'ad_account_id']).doUpdateSet({ permissions }))
      .execute();
  }

  async unshare(audienceId: string, adAccountId: string): Promise<void> {
    await this.db
      .deleteFrom('audience_shares')
      .where('audience_id', '=', audienceId)
      .where('ad_account_id', '=', adAccountId)
      .execute();
  }

  /** Oldest share first. */
  sharedWith(audienceId: string): Promise<AudienceShare[]> {
    return this.db
      .selectFrom('audience_shares')
      .select(['ad_account_id', 'permissions', 'time_shared'])
      .where('audience_id', '=', audienceId)
      .orderBy('time_shared')
      .orderBy('ad_account_id')
      .execute();
  }

  /** The accepted terms' ids, in the order accepted. */
  async tosAccepted(adAccountId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('custom_audience_tos')
      .select('tos_id')
      .where('ad_account_id', '=', adAccountId)
      .orderBy('accepted_time')
      .orderBy('tos_id')
      .execute();
    return rows.map((row) => row.tos_id);
  }

  /** Accepting again keeps the first acceptance. */
  async acceptTos(adAccountId: string, tosId: string, now: number): Promise<void> {
    await this.db
      .insertInto('custom_audience_tos')
      .values({ ad_account_id: adAccountId, tos_id: tosId, accepted_time: now })
      .onConflict((conflict) => conflict.columns(['ad_account_id', 'tos_id']).doNothing())
      .execute();
  }
}
