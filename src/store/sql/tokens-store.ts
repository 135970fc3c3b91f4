import type { Kysely, Selectable } from 'kysely';
import type { AccessTokensTable, Database } from '../database.js';
import type { TokenInvalidation, TokenKind, TokenRow, TokensStore } from '../types.js';
import { fromFlag, fromJson, toFlag, toJson } from './codec.js';
import { CompiledRead } from './compiled-read.js';

function toToken(row: Selectable<AccessTokensTable>): TokenRow {
  return {
    ...row,
    kind: row.kind as TokenKind,
    scopes: fromJson<string[]>(row.scopes),
    invalidated: row.invalidated as TokenInvalidation | null,
    long_lived: fromFlag(row.long_lived),
  };
}

export class SqlTokensStore implements TokensStore {
  /** Every authenticated request reads its token. */
  private readonly byHash: CompiledRead<Selectable<AccessTokensTable>>;

  constructor(private readonly db: Kysely<Database>) {
    this.byHash = new CompiledRead(db, (db, hash) => db.selectFrom('access_tokens').selectAll().where('hash', '=', hash));
  }

  async insert(row: TokenRow): Promise<void> {
    const columns = { ...row, scopes: toJson(row.scopes), long_lived: toFlag(row.long_lived) };
    await this.db.insertInto('access_tokens').values(columns).execute();
  }

  async find(hash: string): Promise<TokenRow | undefined> {
    const row = await this.byHash.first(hash);
    return row && toToken(row);
  }

  /** Tokens already invalid keep their first reason and are not counted again. */
  async invalidateFor(appId: string, personId: string, reason: TokenInvalidation): Promise<number> {
    const result = await this.db
      .updateTable('access_tokens')
      .set({ invalidated: reason })
      .where('app_id', '=', appId)
      .where('person_id', '=', personId)
      .where('invalidated', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
