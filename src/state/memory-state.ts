import type { CounterChange, SharedState } from './shared-state.js';

interface Counter {
  value: number;
  /** Unix milliseconds. */
  expiresAt: number;
}

/** SharedState for one process: plain maps; the clock is injectable so tests can move time. */
export class MemoryState implements SharedState {
  readonly kind = 'memory';
  private readonly counters = new Map<string, Counter>();
  private readonly documents = new Map<string, string>();
  private readonly logs = new Map<string, unknown[]>();
  private readonly listeners: Array<(name: string) => void> = [];

  constructor(private readonly nowMs: () => number = Date.now) {}

  async increment(changes: readonly CounterChange[]): Promise<number[]> {
    const now = this.nowMs();
    return changes.map(({ key, by, windowSeconds }) => {
      let counter = this.live(key, now);
      if (!counter) {
        counter = { value: 0, expiresAt: now + windowSeconds * 1000 };
        this.counters.set(key, counter);
      }
      counter.value += by;
      return counter.value;
    });
  }

  async read(keys: readonly string[]): Promise<number[]> {
    const now = this.nowMs();
    return keys.map((key) => this.live(key, now)?.value ?? 0);
  }

  async ttl(key: string): Promise<number> {
    const now = this.nowMs();
    const counter = this.live(key, now);
    return counter ? Math.ceil((counter.expiresAt - now) / 1000) : 0;
  }

  async getDocument<T>(name: string): Promise<T | undefined> {
    const text = this.documents.get(name);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async setDocument(name: string, value: unknown): Promise<void> {
    // Stored as text so callers never share (and mutate) one object.
    this.documents.set(name, JSON.stringify(value));
    for (const listener of this.listeners) listener(name);
  }

  onDocumentChange(listener: (name: string) => void): void {
    this.listeners.push(listener);
  }

  async append(log: string, entry: unknown, maxLength: number): Promise<void> {
    let entries = this.logs.get(log);
    if (!entries) this.logs.set(log, (entries = []));
    entries.push(entry);
    if (entries.length > maxLength) entries.splice(0, entries.length - maxLength);
  }

  async recent<T>(log: string, limit: number): Promise<T[]> {
    const entries = this.logs.get(log) ?? [];
    return entries.slice(Math.max(0, entries.length - limit)) as T[];
  }

  async clear(prefix = ''): Promise<void> {
    for (const map of [this.counters, this.documents, this.logs]) {
      for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
    }
    for (const listener of this.listeners) listener(prefix);
  }

  async close(): Promise<void> {}

  private live(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    if (counter && counter.expiresAt <= now) {
      this.counters.delete(key);
      return undefined;
    }
    return counter;
  }
}
