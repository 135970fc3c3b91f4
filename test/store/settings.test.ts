import { expect, it } from 'vitest';
import { describeEachStore, useStore } from '../helpers/stores.js';

describeEachStore('settings', (open) => {
  const store = useStore(open);

  it('returns undefined for a key never set', async () => {
    expect(await store().settings.get('demo_seeded')).toBeUndefined();
  });

  it('sets, reads and overwrites a value', async () => {
    await store().settings.set('demo_seeded', '1');
    expect(await store().settings.get('demo_seeded')).toBe('1');
    await store().settings.set('demo_seeded', '{"at":1700000000}');
    expect(await store().settings.get('demo_seeded')).toBe('{"at":1700000000}');
  });

  it('keeps keys apart and stores the empty string', async () => {
    await store().settings.set('a', '');
    await store().settings.set('b', 'x');
    expect(await store().settings.get('a')).toBe('');
    expect(await store().settings.get('b')).toBe('x');
  });

  it('setIfAbsent keeps the first value written', async () => {
    expect(await store().settings.setIfAbsent('salt', 'first')).toBe('first');
    expect(await store().settings.setIfAbsent('salt', 'second')).toBe('first');
    expect(await store().settings.get('salt')).toBe('first');
  });
});
