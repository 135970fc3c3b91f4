/**
 * The audience store's port: custom audiences, the match keys of their uploaded rows,
 * their members (matched people), upload sessions, and the people's own match keys.
 * Match keys are 32-byte digests (src/audiences/matching): a row matches a person when
 * one of its keys equals one of the person's, so matching is one indexed equality join.
 */
import type { FilterClause } from '../graph/filtering/ast.js';
import type { ListRequest, Page } from './types.js';

export interface CustomAudienceRow {
  /** The Graph id (a node of type CustomAudience). */
  id: string;
  ad_account_id: string;
  name: string | null;
  description: string | null;
  subtype: string;
  customer_file_source: string | null;
  /** UNKNOWN until the first upload fixes it (FILE_IMPORTED), SEED_BASED, EVENT_BASED... */
  data_source_type: string;
  data_source_sub_type: string;
  is_value_based: boolean;
  retention_days: number;
  rule: string | null;
  rule_aggregation: string | null;
  lookalike_spec: Record<string, unknown> | null;
  origin_audience_id: string | null;
  pixel_id: string | null;
  opt_out_link: string | null;
  /** operation_status.code */
  operation_status: number;
  /** Matched people. */
  member_count: number;
  /** Create/update params kept as given (allowed_domains, claim_objective, content_type, ...). */
  attributes: Record<string, unknown>;
  time_created: number;
  time_updated: number;
  time_content_updated: number;
  /** 0 when not expiring. */
  delete_time: number;
  /** Unix time until which the audience shows as processing (asynchronous mode); 0 = settled. */
  processing_until: number;
  /** The operation_status code the audience settles on when processing ends. */
  settled_status: number;
  /** Reads a pending change still waits for (reads mode); 0 = none. */
  reads_left: number;
  /** The audience's own transition mode (`immediate`, `seconds:N`, `reads:N`: src/audiences/transitions.ts); null follows the global one. */
  transition: string | null;
}

/** A new audience is settled unless the caller says how its first state settles (a lookalike's 441). */
export type NewCustomAudience = Omit<CustomAudienceRow, 'id' | 'member_count' | 'time_updated' | 'time_content_updated' | 'delete_time' | 'processing_until' | 'settled_status' | 'reads_left' | 'transition'> &
  Partial<Pick<CustomAudienceRow, 'processing_until' | 'settled_status' | 'reads_left'>>;

export type CustomAudiencePatch = Partial<Omit<CustomAudienceRow, 'id' | 'ad_account_id' | 'time_created'>>;

/** One uploaded row as the store keeps it: its match keys, and a value for value-based audiences. */
export interface UploadedRow {
  keys: Buffer[];
  value?: number;
}

export interface AudienceSessionRow {
  audience_id: string;
  session_id: string;
  kind: 'add' | 'remove' | 'replace';
  start_time: number;
  /** 0 while open. */
  end_time: number;
  num_received: number;
  num_invalid_entries: number;
  /** -1 until known. */
  num_matched: number;
  stage: 'uploading' | 'processing' | 'finished' | 'failed';
  /** The schema of the first batch, as a canonical string; later batches must match. */
  schema: string;
  estimated_num_total: number;
}

export interface AudiencesStore {
  /** Allocates the id (a CustomAudience node) and stores the audience. */
  create(audience: NewCustomAudience): Promise<CustomAudienceRow>;
  get(id: string): Promise<CustomAudienceRow | undefined>;
  /** get() that holds the audience until the caller's transaction ends (writers queue behind it). */
  lock(id: string): Promise<CustomAudienceRow | undefined>;
  update(id: string, patch: CustomAudiencePatch): Promise<void>;
  /** Removes the audience with its rows, members and sessions. */
  delete(id: string): Promise<void>;
  /**
   * The ad account's audiences (its own and those shared with it), keyset-paged by id,
   * narrowed by `filtering` clauses compiled to SQL (never filtered in memory).
   */
  list(adAccountId: string, request: ListRequest, filtering?: FilterClause[]): Promise<Page<CustomAudienceRow>>;
  count(adAccountId: string, filter?: { subtype?: string }): Promise<number>;
  /** How many audiences list() would give in all, over every page. */
  countListed(adAccountId: string, filtering?: FilterClause[]): Promise<number>;
  /** Ends processing whose time has passed: operation_status takes its settled code. */
  settle(now: number): Promise<void>;
  /**
   * Counts one read of an audience whose pending change settles by reads: the read that
   * leaves none settles it. Atomic across processes; answers the audience after the read.
   */
  countRead(id: string): Promise<CustomAudienceRow | undefined>;
  /** Settles the audience's pending change now, whatever was awaited. */
  settleNow(id: string): Promise<void>;
  /** Audiences seeded from this one (lookalike_audience_ids). */
  derivedFrom(originId: string): Promise<string[]>;
  /**
   * The change the audience waits on settles on `code`: shown at once when nothing is awaited
   * any more, else when the wait ends (a lookalike's build ends this way: docs/lookalikes.md).
   */
  settleOn(audienceId: string, code: number): Promise<void>;
  /** Lookalikes whose build has not finished (they settle on 441 or 434): what a restart resumes. */
  unbuiltLookalikes(): Promise<string[]>;

  /** Adds rows' match keys (set union) and the people they match; returns the new member_count. */
  addRows(audienceId: string, rows: UploadedRow[], now: number): Promise<number>;
  /** Removes rows' match keys and the members no remaining key matches; returns the new member_count. */
  removeRows(audienceId: string, rows: UploadedRow[], now: number): Promise<number>;
  /** Removes every row and member (the start of a replace). */
  clearRows(audienceId: string, now: number): Promise<void>;
  /** Removes these keys' people from every customer-file audience of the ad account (opt-out). */
  removeFromAccount(adAccountId: string, rows: UploadedRow[], now: number): Promise<void>;
  /** Replaces every member with these people (a lookalike's build); member_count follows. */
  setMembers(audienceId: string, personIds: readonly string[], now: number): Promise<void>;
  /** Each member's value: the largest LOOKALIKE_VALUE among the uploaded rows matching them (value-based seeds). */
  memberValues(audienceId: string): Promise<Map<string, number>>;
  /** Members' person ids, keyset-paged. */
  members(audienceId: string, request: ListRequest): Promise<Page<string>>;
  /**
   * Merges the audience's staged keys into its keyed rows now rather than when next needed
   * (src/store/sql/audience-staging.ts); answers how many keys were staged. Changes neither
   * what the audience holds nor its members: maintenance, and what the ingest bench times.
   */
  mergeStagedRows(audienceId: string): Promise<number>;

  getSession(audienceId: string, sessionId: string): Promise<AudienceSessionRow | undefined>;
  listSessions(audienceId: string, request: ListRequest, sessionId?: string): Promise<Page<AudienceSessionRow>>;
  putSession(session: AudienceSessionRow): Promise<void>;
  /** Ends the `processing` stage of the audience's sessions: a newer change has taken it over. */
  finishProcessingSessions(audienceId: string): Promise<void>;
  /** Records a batch of a session; false when that batch_seq was already received (a replay). */
  recordBatch(audienceId: string, sessionId: string, batchSeq: number): Promise<boolean>;

  /** Replaces a person's match keys and joins them to every audience whose uploads hold one. */
  setPersonMatchKeys(personId: string, keys: Buffer[]): Promise<void>;

  /**
   * setPersonMatchKeys for many new people at once (bulk seeding): adds their keys and joins them.
   * With hold, the store may keep the keys back until flushPeopleMatchKeys (SQLite writes them in
   * key order then); people joined audiences already, but uploads only match them after the flush.
   */
  addPeopleMatchKeys(people: readonly { personId: string; keys: readonly Buffer[] }[], options?: { hold?: boolean }): Promise<void>;

  /** Writes the keys addPeopleMatchKeys held back (none: nothing to do). */
  flushPeopleMatchKeys(): Promise<void>;

  /** Which of these people have no match keys written (a seed run stopped before its flush). */
  peopleWithoutMatchKeys(personIds: readonly string[]): Promise<string[]>;

  /** Shares with another ad account (idempotent; permissions updated). */
  share(audienceId: string, adAccountId: string, permissions: string, now: number): Promise<void>;
  unshare(audienceId: string, adAccountId: string): Promise<void>;
  sharedWith(audienceId: string): Promise<{ ad_account_id: string; permissions: string; time_shared: number }[]>;

  tosAccepted(adAccountId: string): Promise<string[]>;
  acceptTos(adAccountId: string, tosId: string, now: number): Promise<void>;
}
