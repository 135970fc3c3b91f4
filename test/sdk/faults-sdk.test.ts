/**
 * Fault rules as Meta's official Node SDK (facebook-nodejs-business-sdk) sees them: the
 * FacebookRequestError it rejects with carries the code, subcode, message and HTTP status a
 * rule set, on a Custom Audience call and on a User call (through test/helpers/sdk.ts).
 */
import { afterEach, expect, it } from 'vitest';
import { adminTokenOf } from '../../src/control/admin-token.js';
import { initSdkApi, rejection, sdkExports, useLiveGraph, type SdkNodeClass, type SdkObject } from '../helpers/sdk.js';
import { describeEachStore } from '../helpers/stores.js';

interface SdkAdAccount extends SdkObject {
  createCustomAudiencesTo(fields: string[], params: Record<string, unknown>): Promise<SdkObject>;
  createCustomAudience(fields: string[], params: Record<string, unknown>): Promise<SdkObject>;
}

const { AdAccount, CustomAudience, User } = sdkExports<{
  AdAccount: SdkNodeClass<SdkAdAccount>;
  CustomAudience: SdkNodeClass<SdkObject>;
  User: SdkNodeClass<SdkObject>;
}>();

describeEachStore('Fault rules through facebook-nodejs-business-sdk', (open) => {
  const graph = useLiveGraph(open);
  /** The control plane of the app under test, with the admin token its store holds. */
  const faults = async (method: 'POST' | 'DELETE', body?: object) => {
    const { app, store } = graph();
    const reply = await app.inject({
      method,
      url: '/_graphd/faults',
      headers: { authorization: `Bearer ${await adminTokenOf(store, undefined)}`, ...(body && { 'content-type': 'application/json' }) },
      payload: body && JSON.stringify(body),
    });
    expect(reply.statusCode, reply.body).toBe(200);
  };
  afterEach(() => faults('DELETE'));

  it('rejects a CustomAudience read with the 80003 / 2446079 a rule set, and reads it once the rule is gone', async () => {
    const g = graph();
    initSdkApi(g.world.tokens.user);
    const account = new AdAccount(`act_${g.world.adAccount.id}`);
    await account.createCustomAudiencesTo([], { tos_id: '215449065224656' });
    const audience = await account.createCustomAudience([], { name: 'Faulty', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY' });
    const message = 'There have been too many calls to this ad account. Wait a bit and try again.';
    await faults('POST', { match: { node: 'CustomAudience', method: 'GET' }, error: { code: 80003, error_subcode: 2446079, message, is_transient: true } });

    const error = await rejection(new CustomAudience(audience.id).read(['name']));
    expect(error.name).toBe('FacebookRequestError');
    expect(error.status).toBe(400);
    expect(error.message).toBe(message);
    expect(error.response).toMatchObject({ code: 80003, error_subcode: 2446079, message, type: 'OAuthException', is_transient: true });

    await faults('DELETE');
    expect((await new CustomAudience(audience.id).read(['name']))._data).toMatchObject({ id: audience.id, name: 'Faulty' });
  });

  it('rejects a User read with the code, subcode, type and 500 status a rule set', async () => {
    const g = graph();
    initSdkApi(g.world.tokens.user);
    await faults('POST', { match: { path: '/v*/me' }, error: { code: 1, error_subcode: 99, message: 'An unknown error occurred', status: 500, type: 'FacebookApiException' } });
    const error = await rejection(new User('me').read(['id', 'name']));
    expect(error.name).toBe('FacebookRequestError');
    expect(error.status).toBe(500);
    expect(error.message).toBe('An unknown error occurred');
    expect(error.response).toMatchObject({ code: 1, error_subcode: 99, type: 'FacebookApiException' });
  });
});
