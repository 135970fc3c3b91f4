import type { SharedState } from '../state/shared-state.js';
import type { JournalEntry } from './entry.js';
import { compileFilter, type JournalFilter } from './filter.js';

/** Names in shared state: the log is cleared on its own; the sequence survives, so ids never repeat. */
const logName = 'journal:requests';
const sequenceKey = 'sequence:journal';
/** The sequence is a counter, and counters live for a window: make it one nobody outlives. */
const sequenceWindowSeconds = 100 * 365 * 24 * 3600;

/** The request journal: a bounded log in shared state, so every process writes and reads one journal. */
export class Journal {
  /** This process's writes not yet in the log; reads wait for them, so a client reads its own calls. */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: SharedState,
    /** Entries kept; the oldest go first. */
    readonly capacity: number,
  ) {}

  /** The next entry id, unique across the install's processes. */
  private async nextId(): Promise<string> {
    const [id] = await this.state.increment([{ key: sequenceKey, by: 1, windowSeconds: sequenceWindowSeconds }]);
    return String(id);
  }

  /**
   * Queues a write made of `make` (which may read what it needs) and the append. Writes of one
   * process go one after another, so its entries enter the log in id order. Never rejects:
   * a failure goes to `report`.
   */
  record(make: (id: string) => Promise<JournalEntry>, report: (error: unknown) => void): void {
    this.pending = this.pending
      .then(async () => {
        const entry = await make(await this.nextId());
        await this.state.append(logName, entry, this.capacity);
      })
      .catch(report);
  }

  /** Matching entries, newest first, at most `limit`. */
  async list(filter: JournalFilter, limit: number): Promise<{ entries: JournalEntry[]; retained: number }> {
    await this.pending;
    const all = this.capacity === 0 ? [] : await this.state.recent<JournalEntry>(logName, this.capacity);
    const matches = compileFilter(filter);
    const entries: JournalEntry[] = [];
    for (let index = all.length - 1; index >= 0 && entries.length < limit; index--) {
      if (matches(all[index])) entries.push(all[index]);
    }
    return { entries, retained: all.length };
  }

  async clear(): Promise<void> {
    await this.pending;
    await this.state.clear(logName);
  }
}
