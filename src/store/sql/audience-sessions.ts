import type { Kysely, Selectable } from 'kysely';
import type { AudienceSessionRow } from '../audience-types.js';
import type { AudienceSessionsTable, Database } from '../database.js';
import type { ListRequest, Page } from '../types.js';
import { pageByKey } from './paging.js';

const toSession = (row: Selectable<AudienceSessionsTable>): AudienceSessionRow => ({
  ...row,
  kind: row.kind as AudienceSessionRow['kind'],
  stage: row.stage as AudienceSessionRow['stage'],
});

/** Upload sessions of audiences and the batches each has received. */
export class AudienceSessions {
  constructor(private readonly db: Kysely<Database>) {}

  async get(audienceId: string, sessionId: string): Promise<AudienceSessionRow | undefined> {
    const row = await this.db
      .selectFrom('audience_sessions')
      .selectAll()
      .where('audience_id', '=', audienceId)
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return row && toSession(row);
  }

  /** Keyset-paged by session id (compared as text), optionally just the one session. */
  async list(audienceId: string, request: ListRequest, sessionId?: string): Promise<Page<AudienceSessionRow>> {
    const page = await pageByKey(request, ({ after, before, order, limit }) =>
      this.db
        .selectFrom('audience_sessions')
        .selectAll()
        .where('audience_id', '=', audienceId)
        .$if(sessionId !== undefined, (query) => query.where('session_id', '=', sessionId!))
        .$if(after !== undefined, (query) => query.where('session_id', '>', after!))
        .$if(before !== undefined, (query) => query.where('session_id', '<', before!))
        .orderBy('session_id', order)
        .limit(limit)
        .execute(),
    );
    return { rows: page.rows.map(toSession), more: page.more };
  }

  async put(session: AudienceSessionRow): Promise<void> {
    const { audience_id, session_id, ...rest } = session;
    await this.db
      .insertInto('audience_sessions')
      .values(session)
      .onConflict((conflict) => conflict.columns(['audience_id', 'session_id']).doUpdateSet(rest))
      .execute();
  }

  async finishProcessing(audienceId: string): Promise<void> {
    await this.db.updateTable('audience_sessions').set({ stage: 'finished' }).where('audience_id', '=', audienceId).where('stage', '=', 'processing').execute();
  }

  async recordBatch(audienceId: string, sessionId: string, batchSeq: number): Promise<boolean> {
    const row = await this.db
      .insertInto('audience_session_batches')
      .values({ audience_id: audienceId, session_id: sessionId, batch_seq: batchSeq })
      .onConflict((conflict) => conflict.doNothing())
      .returning('batch_seq')
      .executeTakeFirst();
    return row !== undefined;
  }
}
