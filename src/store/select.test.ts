import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateConfig } from '../config/load.js';
import { resolveStores, unsharedStores } from './select.js';

const base = { upstreams: [{ name: 'u', baseUrl: 'http://127.0.0.1:1/v1' }] };

describe('store selection', () => {
  it('keeps everything embedded when neither redis nor postgres is configured', () => {
    const s = resolveStores(validateConfig(base));
    assert.deepEqual(s, {
      audit: 'sqlite',
      keys: 'sqlite',
      bans: 'sqlite',
      limits: 'memory',
      approvals: 'sqlite',
      extraction: 'sqlite',
    });
    assert.deepEqual(unsharedStores(s), ['audit', 'keys', 'bans', 'limits', 'approvals', 'extraction']);
  });

  it('puts keys, audit and approvals in postgres, and bans, limits and extraction in redis when both are configured', () => {
    const s = resolveStores(
      validateConfig({ ...base, redis: { url: 'redis://r:6379' }, postgres: { url: 'postgres://p/w' } }),
    );
    assert.deepEqual(s, {
      audit: 'postgres',
      keys: 'postgres',
      bans: 'redis',
      limits: 'redis',
      approvals: 'postgres',
      extraction: 'redis',
    });
    assert.deepEqual(unsharedStores(s), []);
  });

  it('puts bans in postgres when there is no redis, and honours explicit choices', () => {
    assert.equal(
      resolveStores(validateConfig({ ...base, postgres: { url: 'postgres://p/w' } })).bans,
      'postgres',
    );
    const s = resolveStores(
      validateConfig({
        ...base,
        redis: { url: 'redis://r:6379' },
        postgres: { url: 'postgres://p/w' },
        stores: { bans: 'postgres', audit: 'sqlite', extraction: 'sqlite' },
        limits: { store: 'memory' },
        approvals: { store: 'sqlite' },
      }),
    );
    assert.deepEqual(s, {
      audit: 'sqlite',
      keys: 'postgres',
      bans: 'postgres',
      limits: 'memory',
      approvals: 'sqlite',
      extraction: 'sqlite',
    });
  });

  it('rejects a store pointed at a backend that is not configured', () => {
    assert.throws(() => validateConfig({ ...base, stores: { audit: 'postgres' } }), /no postgres\.url/);
    assert.throws(() => validateConfig({ ...base, stores: { bans: 'redis' } }), /no redis\.url/);
    assert.throws(() => validateConfig({ ...base, approvals: { store: 'postgres' } }), /no postgres\.url/);
    assert.throws(() => validateConfig({ ...base, stores: { extraction: 'redis' } }), /no redis\.url/);
  });
});
