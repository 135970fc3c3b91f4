import { describe, expect, it } from 'vitest';
import { sessionProgress } from '../../src/audiences/sessions.js';
import { AudienceTransitions } from '../../src/audiences/transitions-request.js';
import {
  defaultMode,
  immediate,
  isPending,
  modeOf,
  parseSpelledMode,
  readTransitionMode,
  spellMode,
  transitionTo,
  type TransitionMode,
} from '../../src/audiences/transitions.js';
import type { AudienceSessionRow, CustomAudienceRow } from '../../src/store/audience-types.js';
import type { Store } from '../../src/store/types.js';

const now = 1_000;
const change = { pending: 300, settled: 412 };

describe('transition modes', () => {
  it('reads the three modes, numbers given as JSON numbers or digits', () => {
    expect(readTransitionMode({ mode: 'immediate' })).toEqual({ mode: 'immediate' });
    expect(readTransitionMode({ mode: 'seconds', seconds: 30 })).toEqual({ mode: 'seconds', seconds: 30 });
    expect(readTransitionMode({ mode: 'reads', reads: '3' })).toEqual({ mode: 'reads', reads: 3 });
    expect(readTransitionMode({ mode: 'reads', reads: 0 })).toEqual({ mode: 'reads', reads: 0 });
  });

  it('refuses anything else, saying what is wrong', () => {
    expect(() => readTransitionMode(null)).toThrow(/transition mode is/);
    expect(() => readTransitionMode(['immediate'])).toThrow(/transition mode is/);
    expect(() => readTransitionMode({ mode: 'eventually' })).toThrow(/transition mode is/);
    expect(() => readTransitionMode({ mode: 'seconds' })).toThrow('seconds must be a whole number from 0 to 31622400');
    expect(() => readTransitionMode({ mode: 'reads', reads: -1 })).toThrow('reads must be a whole number');
    expect(() => readTransitionMode({ mode: 'reads', reads: 2.5 })).toThrow('reads must be a whole number');
    expect(() => readTransitionMode({ mode: 'reads', reads: 1_000_001 })).toThrow('reads must be a whole number from 0 to 1000000');
  });

  it('spells modes for the audience row and reads them back', () => {
    const modes: TransitionMode[] = [immediate, { mode: 'seconds', seconds: 45 }, { mode: 'reads', reads: 2 }];
    expect(modes.map(spellMode)).toEqual(['immediate', 'seconds:45', 'reads:2']);
    for (const mode of modes) expect(parseSpelledMode(spellMode(mode))).toEqual(mode);
  });

  it('defaults to --audience-processing: seconds when N > 0, else immediate', () => {
    expect(defaultMode(30)).toEqual({ mode: 'seconds', seconds: 30 });
    expect(defaultMode(0)).toEqual(immediate);
  });

  it("uses the audience's own mode when it has one", () => {
    const global: TransitionMode = { mode: 'reads', reads: 5 };
    expect(modeOf({ transition: null }, global)).toBe(global);
    expect(modeOf(undefined, global)).toBe(global);
    expect(modeOf({ transition: 'seconds:9' }, global)).toEqual({ mode: 'seconds', seconds: 9 });
  });
});

describe('transitionTo', () => {
  it('immediate writes the settled code and nothing to wait for', () => {
    expect(transitionTo(immediate, now, change)).toEqual({ operation_status: 412, settled_status: 412, processing_until: 0, reads_left: 0 });
  });

  it('seconds shows the pending code until now + N', () => {
    const columns = transitionTo({ mode: 'seconds', seconds: 30 }, now, change);
    expect(columns).toEqual({ operation_status: 300, settled_status: 412, processing_until: 1_030, reads_left: 0 });
    expect(isPending(columns, 1_029)).toBe(true);
    expect(isPending(columns, 1_030)).toBe(false);
  });

  it('reads shows the pending code for N reads, whatever the time', () => {
    const columns = transitionTo({ mode: 'reads', reads: 3 }, now, change);
    expect(columns).toEqual({ operation_status: 300, settled_status: 412, processing_until: 0, reads_left: 3 });
    expect(isPending(columns, now + 1_000_000)).toBe(true);
  });

  it('N = 0, or a code that does not move, settles at once', () => {
    expect(transitionTo({ mode: 'seconds', seconds: 0 }, now, change)).toEqual(transitionTo(immediate, now, change));
    expect(transitionTo({ mode: 'reads', reads: 0 }, now, change)).toEqual(transitionTo(immediate, now, change));
    expect(transitionTo({ mode: 'reads', reads: 4 }, now, { pending: 414, settled: 414 })).toEqual({ operation_status: 414, settled_status: 414, processing_until: 0, reads_left: 0 });
  });
});

describe('AudienceTransitions (one request)', () => {
  const audience = (reads_left: number) => ({ id: '42', reads_left, transition: null }) as CustomAudienceRow;
  /** A store whose countRead takes one read and records the call. */
  const countingStore = () => {
    const calls: string[] = [];
    const store = {
      audiences: {
        countRead: async (id: string) => {
          calls.push(id);
          return audience(0);
        },
      },
    } as unknown as Store;
    return { store, calls };
  };

  it('a read counts once per audience, however often the request reaches it', async () => {
    const { store, calls } = countingStore();
    const transitions = new AudienceTransitions(immediate, true);
    expect((await transitions.observe(store, audience(2))).reads_left).toBe(0);
    await transitions.observe(store, audience(2));
    expect(calls).toEqual(['42']);
  });

  it('writes and settled audiences count nothing', async () => {
    const { store, calls } = countingStore();
    expect(await new AudienceTransitions(immediate, false).observe(store, audience(2))).toEqual(audience(2));
    expect(await new AudienceTransitions(immediate, true).observe(store, audience(0))).toEqual(audience(0));
    expect(calls).toEqual([]);
  });

  it('changes follow the global mode unless the audience has its own', () => {
    const transitions = new AudienceTransitions({ mode: 'reads', reads: 2 }, false);
    expect(transitions.change(undefined, now, change).reads_left).toBe(2);
    expect(transitions.change({ transition: 'immediate' }, now, change).operation_status).toBe(412);
  });
});

describe('sessionProgress', () => {
  const session = (patch: Partial<AudienceSessionRow>): AudienceSessionRow => ({
    audience_id: '1', session_id: '7', kind: 'add', start_time: 0, end_time: 0, num_received: 30, num_invalid_entries: 0,
    num_matched: -1, stage: 'uploading', schema: 'EMAIL_SHA256', estimated_num_total: 60, ...patch,
  });

  it('uploading: received of estimated, at most 99', () => {
    expect(sessionProgress(session({}), false)).toEqual({ stage: 'uploading', num_matched: -1, progress: 50 });
    expect(sessionProgress(session({ num_received: 90 }), false).progress).toBe(99);
    expect(sessionProgress(session({ estimated_num_total: 0 }), false).progress).toBe(0);
  });

  it('processing while the audience waits, finished once it settles', () => {
    const processing = session({ stage: 'processing', end_time: 5, num_received: 60, num_matched: 40 });
    expect(sessionProgress(processing, true)).toEqual({ stage: 'processing', num_matched: -1, progress: 99 });
    expect(sessionProgress(processing, false)).toEqual({ stage: 'finished', num_matched: 40, progress: 100 });
    expect(sessionProgress(session({ stage: 'finished', end_time: 5, num_matched: 40 }), true)).toEqual({ stage: 'finished', num_matched: 40, progress: 100 });
  });
});
