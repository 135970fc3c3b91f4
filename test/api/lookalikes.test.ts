/**
 * Lookalike audiences (docs/lookalikes.md): members computed from the origin's people by the
 * similarity model, the ratio's band of each country, statuses that follow the async-state
 * mode but never show 200 before the members are written, and the model's quality on a
 * world where the seed is drawn from a known segment.
 */
import { beforeAll, expect, it } from 'vitest';
import { lookalikeBuilds, resumeLookalikeBuilds } from '../../src/audiences/lookalike/builds.js';
import type { Store } from '../../src/store/types.js';
import { seededMatchKeys, seededPerson, type SeededPerson } from '../../src/world/seeding/seeded-person.js';
import { describeEachStore } from '../helpers/stores.js';
import { startTime, useGraph } from '../helpers/graph.js';
import { newCustomerList, sha256 } from '../helpers/audiences.js';

const WORLD = 3_000;

/**
 * A world of seeded people where every tenth person belongs to a planted segment: women aged
 * 25-34 in Boise, Idaho who climb and like a climbing gym's Page. Each trait is planted with
 * probability 0.8, so the segment is a tendency, not a copy of one profile.
 */
function plantedWorld(): { people: SeededPerson[]; segment: Set<string> } {
  let state = 12345;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const people: SeededPerson[] = [];
  const segment = new Set<string>();
  for (let i = 0; i < WORLD; i++) {
    const person = seededPerson(99, i, startTime);
    if (i % 10 === 0) {
      segment.add(person.id);
      if (random() < 0.8) person.gender = 'female';
      if (random() < 0.8) person.birthday = `06/15/${2026 - 25 - Math.floor(random() * 10)}`;
      if (random() < 0.8) Object.assign(person, { city: 'Boise', state: 'ID' });
      person.country = 'US';
      if (random() < 0.8) person.profile = { ...person.profile, sports: [...(person.profile.sports ?? []), { id: 'climbing', name: 'Climbing' }] };
      if (random() < 0.8) person.profile = { ...person.profile, likes: [{ id: 'gym', name: 'Boise Boulder Gym', category: 'Gym/Physical Fitness Center' }] };
    }
    people.push(person);
  }
  return { people, segment };
}

async function insertWorld(store: Store, people: SeededPerson[]): Promise<void> {
  for (let from = 0; from < people.length; from += 1000) {
    const batch = people.slice(from, from + 1000);
    await store.transaction(async (tx) => {
      await tx.people.insertMany(batch);
      await tx.audiences.addPeopleMatchKeys(batch.map((person) => ({ personId: person.id, keys: seededMatchKeys(person) })));
    });
  }
}

async function allMembers(store: Store, audienceId: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.audiences.members(audienceId, { limit: 1000, after });
    ids.push(...page.rows);
    if (!page.more) return ids;
    after = page.rows[page.rows.length - 1];
  }
}

describeEachStore('Lookalike audiences: members, bands, statuses, quality', (open) => {
  const graph = useGraph(open);
  const token = () => graph().world.tokens.user;
  const act = () => `act_${graph().world.adAccount.id}`;
  const world = plantedWorld();
  const inUs = () => [...world.people, ...graph().world.people].filter((person) => person.country === 'US');
  /** 200 people of the segment: the advertiser's best customers. */
  const seedPeople = [...world.segment].slice(0, 200);
  const byId = new Map(world.people.map((person) => [person.id, person]));
  let origin: string;

  const upload = (id: string, rows: unknown[], schema: unknown = 'EMAIL_SHA256') =>
    graph().post(`/v21.0/${id}/users`, { payload: JSON.stringify({ schema, data: rows }), access_token: token() });
  const emailHash = (id: string) => sha256(byId.get(id)!.email!.toLowerCase());
  const createLookalike = (name: string, spec: Record<string, unknown>, from = origin) =>
    graph().post(`/v21.0/${act()}/customaudiences`, { name, subtype: 'LOOKALIKE', origin_audience_id: from, lookalike_spec: JSON.stringify(spec), access_token: token() });
  const read = async (id: string) =>
    (await graph().get(`/v21.0/${id}`, { fields: 'operation_status,approximate_count_lower_bound,approximate_count_upper_bound,lookalike_spec', access_token: token() })).json;

  beforeAll(async () => {
    const g = graph();
    await insertWorld(g.store, world.people);
    origin = await newCustomerList(g, 'Best customers');
    expect((await upload(origin, seedPeople.map(emailHash))).status).toBe(200);
    expect((await g.store.audiences.get(origin))!.member_count).toBe(200);
  });

  it('needs an origin of 100 matched people', async () => {
    const g = graph();
    const small = await newCustomerList(g, 'Small');
    await upload(small, seedPeople.slice(0, 99).map(emailHash));
    const refused = await createLookalike('Too small', { ratio: 0.01, country: 'US' }, small);
    expect(refused.json.error).toMatchObject({ code: 2654, error_user_title: 'Source Audience is Too Small' });
    await upload(small, seedPeople.slice(99, 100).map(emailHash));
    expect((await createLookalike('Big enough', { ratio: 0.01, country: 'US' }, small)).json.id).toMatch(/^\d+$/);
  });

  it('fills with the top ratio of the country, none of the seed, far more of the segment than chance', async () => {
    const g = graph();
    const reply = await createLookalike('LAL 5%', { ratio: 0.05, country: 'US' });
    expect(reply.status).toBe(200);
    const id = reply.json.id as string;
    const members = await allMembers(g.store, id);
    const population = inUs().length;
    expect(members.length).toBe(Math.round(0.05 * population));
    expect((await g.store.audiences.get(id))!.member_count).toBe(members.length);
    const seed = new Set(seedPeople);
    expect(members.filter((member) => seed.has(member))).toEqual([]);
    const usIds = new Set(inUs().map((person) => person.id));
    expect(members.every((member) => usIds.has(member))).toBe(true);

    const candidates = [...usIds].filter((person) => !seed.has(person));
    const baseRate = candidates.filter((person) => world.segment.has(person)).length / candidates.length;
    const overlap = members.filter((member) => world.segment.has(member)).length / members.length;
    const lift = overlap / baseRate;
    console.log(`[lookalike quality] ${members.length} members of ${population}; segment base rate ${(baseRate * 100).toFixed(1)}%, in the lookalike ${(overlap * 100).toFixed(1)}%: lift ${lift.toFixed(1)}x`);
    expect(lift).toBeGreaterThanOrEqual(3);

    expect(await read(id)).toMatchObject({
      operation_status: { code: 200, description: 'Normal' },
      approximate_count_lower_bound: 0,
      approximate_count_upper_bound: 1000,
      lookalike_spec: { type: 'custom_ratio', ratio: 0.05, country: 'US', origin: [{ id: origin, type: 'custom_audience' }] },
    });
    const seen = await g.get(`/v21.0/${origin}`, { fields: 'lookalike_audience_ids', access_token: token() });
    expect(seen.json.lookalike_audience_ids).toContain(id);
  });

  it('cuts bands with starting_ratio: the 3-10% band and the top 3% make the top 10%', async () => {
    const g = graph();
    const ids = [
      (await createLookalike('Top 10', { ratio: 0.1, country: 'US' })).json.id,
      (await createLookalike('Top 3', { ratio: 0.03, country: 'US' })).json.id,
      (await createLookalike('3 to 10', { ratio: 0.1, starting_ratio: 0.03, country: 'US' })).json.id,
    ];
    const [ten, three, between] = await Promise.all(ids.map((id) => allMembers(g.store, id)));
    const population = inUs().length;
    expect(three.length).toBe(Math.round(0.03 * population));
    expect(between.length).toBe(Math.round(0.1 * population) - Math.round(0.03 * population));
    expect(between.filter((id) => three.includes(id))).toEqual([]);
    expect([...three, ...between].sort()).toEqual([...ten].sort());
  });

  it('builds one band per country of a location_spec, none where nobody lives', async () => {
    const g = graph();
    const reply = await createLookalike('US, GB, JP', { ratio: 0.03, location_spec: { geo_locations: { countries: ['US', 'GB', 'JP'] } } });
    const members = await allMembers(g.store, reply.json.id);
    const gb = new Set([...world.people, ...g.world.people].filter((person) => person.country === 'GB').map((person) => person.id));
    expect(gb.size).toBeGreaterThan(50);
    expect(members.filter((id) => gb.has(id)).length).toBe(Math.round(0.03 * gb.size));
    expect(members.length).toBe(Math.round(0.03 * inUs().length) + Math.round(0.03 * gb.size));
  });

  it('weighs a value-based seed by LOOKALIKE_VALUE', async () => {
    const g = graph();
    // 20 segment people worth 100 and 180 others worth 1: the value is nearly all in the segment, the people mostly not.
    const others = world.people.filter((person) => person.country === 'US' && !world.segment.has(person.id)).slice(0, 180).map((person) => person.id);
    const mixed = [...seedPeople.slice(0, 20), ...others];
    const valued = (await g.post(`/v21.0/${act()}/customaudiences`, { name: 'Valued', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', is_value_based: 'true', access_token: token() })).json.id as string;
    const rows = mixed.map((id, i) => [emailHash(id), i < 20 ? 100 : 1]);
    expect((await upload(valued, rows, ['EMAIL', 'LOOKALIKE_VALUE'])).json.num_invalid_entries).toBe(0);
    const plain = await newCustomerList(g, 'Plain');
    await upload(plain, mixed.map(emailHash));
    const inSegment = async (from: string) => {
      const members = await allMembers(g.store, (await createLookalike(`From ${from}`, { ratio: 0.05, country: 'US' }, from)).json.id);
      return members.filter((id) => world.segment.has(id)).length / members.length;
    };
    const [byValue, byCount] = [await inSegment(valued), await inSegment(plain)];
    console.log(`[lookalike value] segment share: value-based seed ${(byValue * 100).toFixed(1)}%, same seed unweighted ${(byCount * 100).toFixed(1)}%`);
    expect(byValue).toBeGreaterThan(byCount);
  });

  it('reads 441 with sizes -1 while it waits, and its members are there when it reads 200', async () => {
    const g = graph();
    await g.control('PUT', '/_graphd/async-state', { mode: 'seconds', seconds: 30 });
    try {
      const id = (await createLookalike('Waits', { ratio: 0.04, country: 'US' })).json.id as string;
      expect(await read(id)).toMatchObject({ operation_status: { code: 441 }, approximate_count_lower_bound: -1, approximate_count_upper_bound: -1 });
      g.clock.now += 30;
      expect(await read(id)).toMatchObject({ operation_status: { code: 200 }, approximate_count_lower_bound: 0 });
      expect((await g.store.audiences.get(id))!.member_count).toBe(Math.round(0.04 * inUs().length));
    } finally {
      await g.control('PUT', '/_graphd/async-state', { mode: 'immediate' });
    }
  });

  it('shows 441 until a build left unfinished by a restart is resumed, then 200', async () => {
    const g = graph();
    const id = (await createLookalike('Interrupted', { ratio: 0.08, country: 'US' })).json.id as string;
    // What a process stopped mid-build leaves: the audience populating, no members.
    await g.store.audiences.setMembers(id, [], g.clock.now);
    await g.store.audiences.update(id, { operation_status: 441, settled_status: 441 });
    expect(await read(id)).toMatchObject({ operation_status: { code: 441 }, approximate_count_lower_bound: -1 });
    expect(await g.store.audiences.unbuiltLookalikes()).toEqual([id]);
    expect(await resumeLookalikeBuilds(g.store)).toBe(1);
    await lookalikeBuilds(g.store).idle();
    expect(await read(id)).toMatchObject({ operation_status: { code: 200 } });
    expect((await g.store.audiences.get(id))!.member_count).toBe(Math.round(0.08 * inUs().length));
  });

  it('reads 434 while a failed build is retried and 432 when it fails again', async () => {
    const g = graph();
    const id = (await createLookalike('Fails', { ratio: 0.07, country: 'US' })).json.id as string;
    await g.store.audiences.update(id, { operation_status: 441, settled_status: 441 });
    const seen: number[] = [];
    const traits = g.store.people.traits;
    const settleOn = g.store.audiences.settleOn;
    g.store.people.traits = async () => {
      throw new Error('disk on fire');
    };
    g.store.audiences.settleOn = async (audienceId, code) => {
      seen.push((await read(audienceId)).operation_status.code);
      await settleOn.call(g.store.audiences, audienceId, code);
    };
    try {
      await lookalikeBuilds(g.store).build(id, g.clock.now);
      seen.push((await read(id)).operation_status.code);
    } finally {
      g.store.people.traits = traits;
      g.store.audiences.settleOn = settleOn;
    }
    expect(seen).toEqual([441, 434, 432]);
    expect(await read(id)).toMatchObject({ operation_status: { code: 432, description: 'Lookalike build failed.' }, approximate_count_lower_bound: -1, approximate_count_upper_bound: -1 });
  });
});
