import { expect, it } from 'vitest';
import { describeEachStore } from '../helpers/stores.js';
import { runAudiences, useLiveGraphd } from './audiences-live.js';

describeEachStore('graphd audiences create|list|show|delete', (open) => {
  const graphd = useLiveGraphd(open);

  it('creates a customer list, lists and shows it, deletes it', async () => {
    const live = graphd();
    const account = live.world.adAccount.id;
    const created = await runAudiences(live, ['create', '--ad-account', `act_${account}`, '--name', 'VIP customers', '--description', 'from the CRM', '--json']);
    expect(created).toMatchObject({ code: 0, err: '' });
    const { id } = JSON.parse(created.out);
    expect((await live.store.audiences.get(id))).toMatchObject({ name: 'VIP customers', subtype: 'CUSTOM' });

    const listed = await runAudiences(live, ['list', '--ad-account', account, '--fields', 'id,name,subtype']);
    expect(listed.code).toBe(0);
    const lines = listed.out.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+name\s+subtype$/);
    expect(lines.some((line) => new RegExp(`^${id}\\s+VIP customers\\s+CUSTOM$`).test(line))).toBe(true);

    const shown = await runAudiences(live, ['show', id, '--fields', 'name,description,customer_file_source']);
    expect(JSON.parse(shown.out)).toEqual({ name: 'VIP customers', description: 'from the CRM', customer_file_source: 'USER_PROVIDED_ONLY', id });

    const deleted = await runAudiences(live, ['delete', id]);
    expect(deleted).toMatchObject({ code: 0, out: `deleted ${id}\n` });
    const after = await runAudiences(live, ['show', id]);
    expect(after.code).toBe(1);
    expect(after.err).toMatch(/^error: .*\(code 100, subcode 33/);
  });

  it('follows paging to list every audience', async () => {
    const live = graphd();
    for (const name of ['Page A', 'Page B', 'Page C']) {
      expect((await runAudiences(live, ['create', '--ad-account', live.world.adAccount.id, '--name', name])).code).toBe(0);
    }
    const direct = await live.graph('GET', `act_${live.world.adAccount.id}/customaudiences`, { limit: '500' });
    const listed = await runAudiences(live, ['list', '--ad-account', live.world.adAccount.id, '--limit', '2', '--json']);
    const rows = JSON.parse(listed.out) as { id: string; name: string }[];
    expect(direct.data.length).toBeGreaterThan(2);
    expect(rows.map((row) => row.id).sort()).toEqual(direct.data.map((row: { id: string }) => row.id).sort());
    expect(rows.map((row) => row.name)).toEqual(expect.arrayContaining(['Page A', 'Page B', 'Page C']));
  });

  it("prints Meta's message, code and subcode for a refused call, and needs a token", async () => {
    const live = graphd();
    const bad = await runAudiences(live, ['create', '--ad-account', live.world.adAccount.id, '--name', 'x', '--token', 'not-a-token']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^error: .+\(code 190/);
    const none = await runAudiences(live, ['list', '--ad-account', live.world.adAccount.id], { env: { GRAPH_TOKEN: '' } });
    expect(none).toMatchObject({ code: 1, err: 'error: no access token: pass --token or set GRAPH_TOKEN\n' });
  });
});
