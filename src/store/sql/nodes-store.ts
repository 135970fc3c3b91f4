import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { allocate } from '../ids.js';
import type { NodeType, NodesStore } from '../types.js';

export class SqlNodesStore implements NodesStore {
  constructor(private readonly db: Kysely<Database>) {}

  allocate(type: NodeType): Promise<string> {
    return allocate(this.db, type);
  }

  async typeOf(id: string): Promise<NodeType | undefined> {
    const row = await this.db.selectFrom('nodes').select('type').where('id', '=', id).executeTakeFirst();
    return row?.type as NodeType | undefined;
  }
}
