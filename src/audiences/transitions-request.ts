import type { CustomAudienceRow } from '../store/audience-types.js';
import type { Store } from '../store/types.js';
import { modeOf, transitionTo, type StatusColumns, type TransitionMode } from './transitions.js';

/**
 * The asynchronous-state policy as one Graph request sees it: the global mode in force when
 * it arrived, and whether it is a read. A read (a GET) that reaches an audience counts once
 * per request, whichever way it reached it (the node, one of its edges, a listing).
 */
export class AudienceTransitions {
  private readonly observed = new Map<string, Promise<CustomAudienceRow>>();

  constructor(
    readonly global: TransitionMode,
    private readonly reading: boolean,
  ) {}

  /** The status columns a change of this audience (none yet when creating) writes. */
  change(audience: Pick<CustomAudienceRow, 'transition'> | undefined, now: number, codes: { pending: number; settled: number }): StatusColumns {
    return transitionTo(modeOf(audience, this.global), now, codes);
  }

  /** The audience as this request shows it: a read it was waiting for may settle it. */
  observe(store: Store, audience: CustomAudienceRow): Promise<CustomAudienceRow> {
    if (!this.reading) return Promise.resolve(audience);
    let seen = this.observed.get(audience.id);
    if (!seen) {
      seen = audience.reads_left > 0 ? store.audiences.countRead(audience.id).then((read) => read ?? audience) : Promise.resolve(audience);
      this.observed.set(audience.id, seen);
    }
    return seen;
  }
}
