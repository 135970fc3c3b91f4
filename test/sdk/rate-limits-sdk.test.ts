/**
 * Rate limits as Meta's official Node SDK (facebook-nodejs-business-sdk) sees them: the
 * FacebookRequestError it rejects with carries the code, subcode, message and status of
 * 80003 on a custom-audience call, 17 on a user call and 4 on an app call.
 */
import { beforeEach, expect, it } from 'vitest';
import { adminTokenOf } from '../../src/control/admin-token.js';
import type { Budgets } from '../../src/limits/rate-limits/budgets.js';
import { rateLimitDocument } from '../../src/limits/rate-limits/settings.js';
import { MemoryState } from '../../src/state/memory-state.js';
import { initSdkApi, rejection, sdkExports, useLiveGraph, type SdkCursor, type SdkNodeClass, type SdkObject } from '../helpers/sdk.js';
import { describeEachStore } from '../helpers/stores.js';

interface SdkAdAccount extends SdkObject {
  getCustomAudiences(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
}

const { AdAccount, Application, User } = sdkExports<{ AdAccount: SdkNodeClass<SdkAdAccount>; Application: SdkNodeClass<SdkObject>; User: SdkNodeClass<SdkObject> }>();

describeEachStore('Rate limits through facebook-nodejs-business-sdk', (open) => {
  let state: MemoryState;
  const graph = useLiveGraph(open, { state: () => (state = new MemoryState()) });
  const setBudgets = (budgets: Partial<Budgets>) => rateLimitDocument(state, 'standard').set({ budgets: { call_time_ms: 60_000, ...budgets } });

  beforeEach(async () => {
    const { app, store } = graph();
    const reply = await app.inject({ method: 'DELETE', url: '/_graphd/rate-limits', headers: { authorization: `Bearer ${await adminTokenOf(store, undefined)}` } });
    expect(reply.statusCode).toBe(200);
  });

  it('rejects the custom-audience call past the ad account budget with 80003 / 2446079 and the message', async () => {
    const g = graph();
    await setBudgets({ custom_audience_calls: 2, per_active_audience: 0 });
    initSdkApi(g.world.tokens.user);
    const account = new AdAccount(`act_${g.world.adAccount.id}`);
    await account.getCustomAudiences(['name']);
    await account.getCustomAudiences(['name']);
    const error = await rejection(account.getCustomAudiences(['name']));
    expect(error.name).toBe('FacebookRequestError');
    expect(error.status).toBe(400);
    const message =
      '(#80003) There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#custom-audience.';
    expect(error.message).toBe(message);
    expect(error.response).toMatchObject({ code: 80003, error_subcode: 2446079, message, type: 'OAuthException', is_transient: true });
    const usage = JSON.parse(error.headers!['x-business-use-case-usage']);
    expect(usage[g.world.adAccount.id][0]).toMatchObject({ type: 'custom_audience', call_count: 150, estimated_time_to_regain_access: 60 });
  });

  it('rejects a user call past the user budget with 17, and an app call past the app budget with 4', async () => {
    const g = graph();
    await setBudgets({ user_calls: 1, app_calls: 3 });
    initSdkApi(g.world.tokens.user);
    await new User('me').read(['id']);
    const user = await rejection(new User('me').read(['id']));
    expect(user.status).toBe(403);
    expect(user.message).toBe('(#17) User request limit reached');
    expect(user.response).toMatchObject({ code: 17, type: 'OAuthException', is_transient: true });

    initSdkApi(g.world.tokens.app);
    await new Application(g.world.app.id).read(['name']);
    const app = await rejection(new Application(g.world.app.id).read(['name']));
    expect(app.status).toBe(403);
    expect(app.message).toBe('(#4) Application request limit reached');
    expect(app.response).toMatchObject({ code: 4, type: 'OAuthException', is_transient: true });
    expect(JSON.parse(app.headers!['x-app-usage']).call_count).toBe(133);
  });
});
