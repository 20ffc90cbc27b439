import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateKey, hashSecret, loadServerSecret, parseDuration, parseKey, secretMatches } from './keys.js';

describe('API keys', () => {
  it('generates wdn_<id>_<secret> keys that parse back', () => {
    const k = generateKey();
    assert.match(k.token, /^wdn_[a-z0-9]{12}_[A-Za-z0-9]{40}$/);
    assert.deepEqual(parseKey(k.token), { id: k.id, secret: k.secret });
    assert.equal(parseKey(`${k.token}x`), undefined);
    assert.notEqual(generateKey().token, k.token);
  });

  it('stores only a keyed hash and compares it in constant time', () => {
    const server = Buffer.alloc(32, 7);
    const k = generateKey();
    const h = hashSecret(server, k.secret);
    assert.ok(!h.includes(k.secret));
    assert.equal(secretMatches(server, k.secret, h), true);
    const tampered = `${k.secret.slice(0, -1)}${k.secret.endsWith('x') ? 'y' : 'x'}`;
    assert.equal(secretMatches(server, tampered, h), false);
    assert.equal(
      secretMatches(Buffer.alloc(32, 8), k.secret, h),
      false,
      'another server secret gives another hash',
    );
  });

  it('keeps a generated server secret private to the data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-'));
    try {
      const a = loadServerSecret(dir, {});
      assert.equal(a.length, 32);
      assert.deepEqual(loadServerSecret(dir, {}), a);
      assert.equal(statSync(join(dir, 'server.secret')).mode & 0o777, 0o600);
      assert.throws(() => loadServerSecret(dir, { WARDEN_SERVER_SECRET: 'abcd' }), /32 bytes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses durations', () => {
    assert.equal(parseDuration('90s'), 90_000);
    assert.equal(parseDuration('1h'), 3_600_000);
    assert.throws(() => parseDuration('soon'));
  });
});
