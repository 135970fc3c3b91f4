/**
 * The port for people a Page has blocked. A blocked person is shown by their page-scoped
 * id (PSID), which must exist before the block (PagesStore.scopedId allocates it).
 */
import type { ListRequest, Page } from './types.js';

export interface BlockedPersonRow {
  page_id: string;
  person_id: string;
  /** The person's PSID for the page: the id the page sees, and the key lists page by. */
  psid: string;
  created_time: number;
}

export interface PageBlocksStore {
  /** Blocks the people (each must have a PSID for the page); blocking again keeps the first time. */
  block(pageId: string, personIds: string[], now: number): Promise<void>;
  /** Unblocks the people; returns how many were blocked. */
  unblock(pageId: string, personIds: string[]): Promise<number>;
  isBlocked(pageId: string, personId: string): Promise<boolean>;
  /** Keyset paging by PSID. */
  list(pageId: string, request: ListRequest): Promise<Page<BlockedPersonRow>>;
  count(pageId: string): Promise<number>;
}
