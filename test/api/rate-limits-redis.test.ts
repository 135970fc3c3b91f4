/**
 * Two graphd apps over one store and one Redis (as two processes behind a load balancer):
 * they count against one budget, so the budget+1-th call is refused whichever app takes it.
 * Needs Redis (test/helpers/redis.ts): skipped with a notice when it is down, failing in CI.
 */
import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { rateLimitDocument } from '../../src/limits/rate-limits/settings.js';
import { skipRedis } from '../helpers/redis.js';
import { useAppsOnOneRedis } from '../helpers/redis-apps.js';
import { describeEachStore } from '../helpers/stores.js';

(skipRedis ? describe.skip : describe)('Rate limits shared through Redis', () => {
  describeEachStore('two apps, one budget', (open) => {
    const shared = useAppsOnOneRedis(open, async (state) => {
      await rateLimitDocument(state, 'standard').set({ budgets: { user_calls: 5, custom_audience_calls: 3, per_active_audience: 0, call_time_ms: 60_000 } });
    });
    beforeEach(async () => {
      const { apps, control } = shared();
      expect((await control(apps[0], 'DELETE', '/_graphd/rate-limits')).statusCode).toBe(200);
    });

    const get = (app: FastifyInstance, path: string) => app.inject({ method: 'GET', url: `/v21.0/${path}${path.includes('?') ? '&' : '?'}access_token=${shared().world.tokens.user}` });

    for (const first of [0, 1]) {
      it(`refuses the 6th GET /me with (#17) on app ${first === 0 ? 'B' : 'A'} when the calls alternate from app ${first === 0 ? 'A' : 'B'}`, async () => {
        for (let call = 0; call < 5; call++) {
          const reply = await get(shared().apps[(first + call) % 2], 'me?fields=id');
          expect(reply.statusCode, `call ${call + 1}`).toBe(200);
          expect(JSON.parse(reply.headers['x-app-usage'] as string).call_count).toBe(0);
        }
        const refused = await get(shared().apps[(first + 5) % 2], 'me?fields=id');
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error).toMatchObject({ code: 17, message: '(#17) User request limit reached' });
        expect((await get(shared().apps[(first + 6) % 2], 'me?fields=id')).statusCode).toBe(403);
      });
    }

    it('shares the custom_audience budget of an ad account: the 4th call answers 80003 on the other app', async () => {
      const { apps, world } = shared();
      const path = `act_${world.adAccount.id}/customaudiences`;
      const seen: number[] = [];
      for (let call = 0; call < 3; call++) {
        const reply = await get(apps[call % 2], path);
        expect(reply.statusCode).toBe(200);
        seen.push(JSON.parse(reply.headers['x-business-use-case-usage'] as string)[world.adAccount.id][0].call_count);
      }
      expect(seen).toEqual([33, 66, 100]);
      const refused = await get(apps[1], path);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 80003, error_subcode: 2446079 });
    });
  });
});
