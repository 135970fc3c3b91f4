/**
 * Crash consistency (issue 7 §1): graphd is SIGKILLed in the middle of concurrent upload
 * sessions and restarted on the same database; nothing acknowledged is lost or counted
 * twice, nothing is half-applied, and it starts cleanly (crash-rounds.ts). `npm test` runs
 * two rounds per store; `npm run reliability` sets GRAPHD_CRASH_ROUNDS=20.
 */
import { expect, it } from 'vitest';
import { describeStore } from '../helpers/stores.js';
import { runCrashRounds, type CrashStore, type RoundResult } from './crash-rounds.js';

const rounds = Number(process.env.GRAPHD_CRASH_ROUNDS || 2);

for (const store of ['sqlite', 'postgres'] as CrashStore[]) {
  describeStore(store, 'graphd killed with SIGKILL during uploads', () => {
    it(
      `${rounds} rounds: acknowledged batches are in once, unanswered ones whole or absent`,
      async () => {
        const results = await runCrashRounds(store, { rounds, onRound: rounds > 2 ? printRound : undefined });
        const consistent = results.filter((result) => result.problems.length === 0).length;
        console.log(`[${store}] ${consistent}/${results.length} rounds consistent`);
        expect(results.flatMap((result) => result.problems.map((problem) => `round ${result.round}: ${problem}`))).toEqual([]);
        // The kill must have caught uploads under way in some round, or nothing was tested.
        expect(results.some((result) => result.fates.in_flight + result.fates.unsent > 0)).toBe(true);
      },
      60_000 + rounds * 30_000,
    );
  });
}

function printRound(result: RoundResult): void {
  const { acknowledged, in_flight, unsent } = result.fates;
  const verdict = result.problems.length === 0 ? 'consistent' : `INCONSISTENT: ${result.problems.join('; ')}`;
  console.log(
    `[${result.store}] round ${result.round}: killed after ${result.killAfterMs} ms; ${acknowledged} acknowledged, ${in_flight} in flight (${result.inFlightCommitted} committed), ${unsent} unsent; ${verdict}`,
  );
}
