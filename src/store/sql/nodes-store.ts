import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { allocate } from '../ids.js';
import type { NodeType, NodesStore } from '../types.js';
import { CompiledRead } from './compiled-read.js';

export class SqlNodesStore implements NodesStore {
  /** Every read of a node by id asks its type first. */
  private readonly typeQuery: CompiledRead<{ type: string }>;

  constructor(private readonly db: Kysely<Database>) {
    this.typeQuery = new CompiledRead(db, (db, id) => db.selectFrom('nodes').select('type').where('id', '=', id));
  }

  allocate(type: NodeType): Promise<string> {
    return allocate(this.db, type);
  }

  async typeOf(id: string): Promise<NodeType | undefined> {
    const row = await this.typeQuery.first(id);
    return row?.type as NodeType | undefined;
  }
}
