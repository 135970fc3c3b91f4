/**
 * Batch requests through Meta's official Node SDK (facebook-nodejs-business-sdk), unchanged:
 * FacebookAdsApiBatch posts `{batch: [...]}` as a JSON body to /vX.Y?access_token=… (no
 * trailing slash), writes op params raw (`k=v&…`, no percent-encoding), reuses a `name`
 * param as the op name, and hands each entry to APIResponse, which JSON.parses its body.
 */
import { expect, it } from 'vitest';
import { initSdkApi, sdkExports, useLiveGraph, type SdkApi } from '../helpers/sdk.js';
import { describeEachStore } from '../helpers/stores.js';

interface SdkResponse {
  body: any;
  status: number;
  isSuccess: boolean;
}
type Callback = (response: SdkResponse) => void;
interface SdkBatch {
  _batch: Record<string, unknown>[];
  add(method: string, path: string[] | string, params?: Record<string, unknown>, files?: unknown, success?: Callback, failure?: Callback): Record<string, unknown>;
  execute(): Promise<SdkBatch | null>;
}

const { FacebookAdsApiBatch } = sdkExports<{ FacebookAdsApiBatch: new (api: SdkApi, success?: Callback, failure?: Callback) => SdkBatch }>();

const customerList = (name: string) => ({ name, subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY' });

describeEachStore('Batch requests through facebook-nodejs-business-sdk', (open) => {
  const graph = useLiveGraph(open);
  const act = () => `act_${graph().world.adAccount.id}`;

  it('creates audiences and reads them in batches, with success and failure callbacks per op', async () => {
    const g = graph();
    const api = initSdkApi(g.world.tokens.user);
    await api.call('POST', [act(), 'customaudiencestos'], { tos_id: '215449065224656' });

    const created: string[] = [];
    const failures: SdkResponse[] = [];
    const create = new FacebookAdsApiBatch(api);
    for (const name of ['SDK batch one', 'SDK batch, "two" & more']) {
      create.add('POST', [act(), 'customaudiences'], customerList(name), undefined, (response) => created.push(response.body.id), (response) => failures.push(response));
    }
    create.add('GET', ['me'], { fields: 'no_such_field' }, undefined, undefined, (response) => failures.push(response));
    expect(await create.execute()).toBeNull();
    const post = g.seen.filter((s) => s.method === 'POST' && !s.url.startsWith('/v24.0/act_')).at(0)!;
    expect(post.url).toMatch(/^\/v24\.0\?access_token=/);
    expect(post.contentType).toMatch(/^application\/json/);
    expect(created).toEqual([expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)]);
    expect(failures.map((f) => [f.status, f.body.error.code])).toEqual([[400, 100]]);

    const read: Record<string, unknown>[] = [];
    const reads = new FacebookAdsApiBatch(api);
    for (const id of created) reads.add('GET', [id], { fields: 'name,subtype' }, undefined, (response) => read.push(response.body));
    expect(await reads.execute()).toBeNull();
    expect(read).toEqual(
      expect.arrayContaining([
        { id: created[0], name: 'SDK batch one', subtype: 'CUSTOM' },
        { id: created[1], name: 'SDK batch, "two" & more', subtype: 'CUSTOM' },
      ]),
    );
  });

  it('reads a created audience through {result=<its name>:$.id}; the used create comes back null, so the SDK offers it for retry', async () => {
    const g = graph();
    const api = initSdkApi(g.world.tokens.user);
    await api.call('POST', [act(), 'customaudiencestos'], { tos_id: '215449065224656' });
    let readBack: Record<string, unknown> | undefined;
    const batch = new FacebookAdsApiBatch(api);
    // The SDK names the op after the audience (its `name` param), so the reference uses that name.
    const call = batch.add('POST', [act(), 'customaudiences'], customerList('SDK referenced'));
    expect(call.name).toBe('SDK referenced');
    batch.add('GET', ['{result=SDK referenced:$.id}'], { fields: 'name' }, undefined, (response) => (readBack = response.body));
    const retry = await batch.execute();
    expect(readBack).toEqual({ name: 'SDK referenced', id: expect.stringMatching(/^\d+$/) });
    expect(retry?._batch).toEqual([call]);
  });
});
