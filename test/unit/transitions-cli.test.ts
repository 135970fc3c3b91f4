import { describe, expect, it } from 'vitest';
import { modeFromWords } from '../../src/cli/async-state-commands.js';

describe('graphd async-state set <mode...>', () => {
  it('reads immediate, seconds N and reads N', () => {
    expect(modeFromWords(['immediate'])).toEqual({ mode: 'immediate' });
    expect(modeFromWords(['seconds', '30'])).toEqual({ mode: 'seconds', seconds: 30 });
    expect(modeFromWords(['reads', '3'])).toEqual({ mode: 'reads', reads: 3 });
  });

  it('refuses a missing or extra count and unknown modes', () => {
    for (const words of [[], ['seconds'], ['immediate', '3'], ['reads', '3', '4']]) expect(() => modeFromWords(words)).toThrow('say immediate, seconds N or reads N');
    expect(() => modeFromWords(['later', '3'])).toThrow(/transition mode is/);
    expect(() => modeFromWords(['reads', 'x'])).toThrow('reads must be a whole number');
  });
});
