import { expect, it } from 'vitest';
import { ensureDemoWorld } from '../../src/world/demo-world-credentials.js';
import { describeEachStore, useStore } from '../helpers/stores.js';

describeEachStore('demo world', (open) => {
  const store = useStore(open);

  it('is seeded once and gives the same credentials on every start, even when starts race', async () => {
    const [a, b] = await Promise.all([ensureDemoWorld(store(), 1_767_225_600), ensureDemoWorld(store(), 1_767_225_600)]);
    expect(a).toEqual(b);
    expect(await ensureDemoWorld(store(), 1_767_225_600)).toEqual(a);
    expect(await store().people.count()).toBe(50);
    expect(a.adAccountId).toMatch(/^act_\d+$/);
    expect(a.appToken).toBe(`${a.appId}|${(await store().apps.get(a.appId))!.secret}`);
  });

  it('makes people whose profiles agree with themselves', async () => {
    await ensureDemoWorld(store(), 1_767_225_600);
    const { rows } = await store().people.list({ limit: 50 });
    for (const person of rows) {
      expect(person.email).toMatch(new RegExp(`^${person.first_name.toLowerCase().replace(/[^a-z]/g, '')}`));
      expect(person.birthday).toMatch(/^\d\d\/\d\d\/\d{4}$/);
      expect(person.phone).toMatch(/^\+1\d{10}$/);
      expect(['male', 'female']).toContain(person.gender);
      expect(person.country).toBe('US');
    }
  });
});
