import { describe, expect, it } from 'vitest';
import { configFrom } from '../../../src/cli/config.js';

describe('graphd serve configuration', () => {
  it('defaults to 127.0.0.1:8080 over SQLite under ./data', () => {
    const config = configFrom({}, {});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, db: 'sqlite:data/graphd.sqlite', seedDemo: true, versions: { oldest: 19, newest: 25 } });
  });

  it('reads GRAPHD_* variables, and flags win over them', () => {
    const env = { GRAPHD_PORT: '9000', GRAPHD_DB: 'postgres://localhost/x', GRAPHD_VERSIONS: '20-24', GRAPHD_DEMO: '0', GRAPHD_TEST_USERS_PER_APP: '5', GRAPHD_AUDIENCE_PROCESSING_SECONDS: '30' };
    expect(configFrom({}, env)).toMatchObject({ port: 9000, db: 'postgres://localhost/x', versions: { oldest: 20, newest: 24 }, seedDemo: false, testUsersPerApp: 5, audienceProcessingDelay: 30 });
    expect(configFrom({ port: '7000', dataDir: '/tmp/g' }, { GRAPHD_PORT: '9000' })).toMatchObject({ port: 7000, db: 'sqlite:/tmp/g/graphd.sqlite' });
  });

  it('refuses bad values at start', () => {
    expect(() => configFrom({ port: 'abc' }, {})).toThrow(/invalid port/);
    expect(() => configFrom({ db: 'mysql://x' }, {})).toThrow(/--db must be/);
    expect(() => configFrom({ versions: '25-19' }, {})).toThrow(/--versions/);
    expect(() => configFrom({ testUsersPerApp: '-1' }, {})).toThrow(/--test-users-per-app/);
    expect(() => configFrom({ audienceProcessing: 'soon' }, {})).toThrow(/--audience-processing/);
  });
});
