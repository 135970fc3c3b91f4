/**
 * What every graphd process must see the same way: rate-limit counters, runtime settings
 * and fault rules (documents), and the request journal (a bounded log). One process keeps
 * them in memory; several processes share them through Redis (`--redis redis://...`).
 * Durable data (people, audiences ...) never lives here: that is the store's job.
 */
export interface SharedState {
  readonly kind: 'memory' | 'redis';
  /**
   * Adds to counters in one round trip and returns their new totals. A counter is created
   * with the given lifetime (seconds) and vanishes when it ends: fixed rate-limit windows.
   */
  increment(changes: readonly CounterChange[]): Promise<number[]>;
  /** Current totals (0 for a counter that does not exist or expired). */
  read(keys: readonly string[]): Promise<number[]>;
  /** Seconds until a counter expires (0 when absent). */
  ttl(key: string): Promise<number>;

  /** A named JSON document; every process sees the last write. */
  getDocument<T>(name: string): Promise<T | undefined>;
  setDocument(name: string, value: unknown): Promise<void>;
  /** Called (in every process) after any process changed a document. */
  onDocumentChange(listener: (name: string) => void): void;

  /** Appends to a log that keeps only its newest `maxLength` entries. */
  append(log: string, entry: unknown, maxLength: number): Promise<void>;
  /** The newest `limit` entries of a log, oldest first. */
  recent<T>(log: string, limit: number): Promise<T[]>;

  /** Forgets counters, documents and logs whose names start with `prefix` (everything when absent). */
  clear(prefix?: string): Promise<void>;
  close(): Promise<void>;
}

export interface CounterChange {
  key: string;
  by: number;
  /** Lifetime in seconds given to the counter when this change creates it. */
  windowSeconds: number;
}
