/**
 * One Graph request as the journal keeps it (docs/journal.md). Never holds a token, a
 * secret or raw uploaded values: params pass through redact.ts first.
 */
export interface JournalEntry {
  /** Increasing across every process of the install: `since=<id>` reads what came after it. */
  id: string;
  /** ISO 8601, when the request arrived. */
  time: string;
  fbtrace_id?: string;
  method: string;
  /** The URL path without the query. */
  path: string;
  /** e.g. v25.0; absent when the request could not be read (bad body, unknown version). */
  version?: string;
  params: Record<string, unknown>;
  viewer: JournalViewer;
  /** What routing resolved the call to. */
  target?: JournalTarget;
  status: number;
  error?: JournalError;
  duration_ms: number;
  /** Position of the operation inside a batch request. */
  batch_index?: number;
}

export interface JournalViewer {
  /** USER, PAGE, APP, SYSTEM_USER or ANONYMOUS. */
  kind: string;
  app_id?: string;
  /** The person as the app sees them (app-scoped id), never graphd's own person id. */
  user_id?: string;
  page_id?: string;
  system_user_id?: string;
  /** `short_lived`, `long_lived`, or `app_id|app_secret` for an app token written as the pair. */
  token_type?: string;
}

export interface JournalTarget {
  node_type: string;
  id: string;
  edge?: string;
  ad_account_id?: string;
}

export interface JournalError {
  code: number;
  subcode?: number;
  type: string;
  message: string;
}
