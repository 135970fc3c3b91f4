import type { SharedState } from './shared-state.js';

/**
 * A runtime setting every process obeys (rate-limit tiers, async-state modes, fault rules):
 * a document in the shared state, read once and cached until any process changes it, so
 * the request path never waits on Redis for it.
 */
export class LiveDocument<T> {
  private cached: T | undefined;
  private loading: Promise<T> | undefined;

  constructor(
    private readonly state: SharedState,
    readonly name: string,
    private readonly defaults: () => T,
    /** Checks and normalises a value a person wrote; throws an Error whose message says what is wrong. */
    readonly validate: (value: unknown) => T,
  ) {
    state.onDocumentChange((changed) => {
      if (changed === '' || name.startsWith(changed)) {
        this.cached = undefined;
        this.loading = undefined;
      }
    });
  }

  /** The value in force (the defaults until someone sets it). */
  async current(): Promise<T> {
    if (this.cached !== undefined) return this.cached;
    this.loading ??= this.state.getDocument<T>(this.name).then((stored) => {
      const value = stored ?? this.defaults();
      this.cached = value;
      return value;
    });
    return this.loading;
  }

  async set(value: unknown): Promise<T> {
    const checked = this.validate(value);
    await this.state.setDocument(this.name, checked);
    this.cached = checked;
    return checked;
  }

  /** Back to the defaults (in every process). */
  async reset(): Promise<T> {
    return this.set(this.defaults());
  }
}

/** The runtime settings of an install by name, as /_graphd/settings lists and changes them. */
export class RuntimeSettings {
  private readonly documents = new Map<string, LiveDocument<unknown>>();

  register<T>(document: LiveDocument<T>): LiveDocument<T> {
    this.documents.set(document.name, document as LiveDocument<unknown>);
    return document;
  }

  get(name: string): LiveDocument<unknown> | undefined {
    return this.documents.get(name);
  }

  names(): string[] {
    return [...this.documents.keys()].sort();
  }
}
