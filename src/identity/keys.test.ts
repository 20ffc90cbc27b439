import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  it('a stored hash of another length is a mismatch, never an exception', () => {
    const server = Buffer.alloc(32, 7);
    const k = generateKey();
    assert.equal(secretMatches(server, k.secret, 'abcd'), false);
    assert.equal(secretMatches(server, k.secret, ''), false);
    assert.equal(secretMatches(server, k.secret, `${hashSecret(server, k.secret)}00`), false);
  });

  it('parses only whole keys, with exact id and secret lengths', () => {
    const k = generateKey();
    assert.equal(parseKey(`x${k.token}`), undefined);
    assert.equal(parseKey(`${k.token} `), undefined);
    assert.equal(parseKey(`wdn_${k.id}x_${k.secret}`), undefined);
    assert.equal(parseKey(`wdn_${k.id}_${k.secret.slice(1)}`), undefined);
    assert.equal(k.id.length, 12);
    assert.equal(k.secret.length, 40);
  });

  it('reads WARDEN_SERVER_SECRET as hex or base64 of at least 32 bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-'));
    try {
      const bytes = Buffer.alloc(32, 0xab);
      assert.deepEqual(loadServerSecret(dir, { WARDEN_SERVER_SECRET: bytes.toString('hex') }), bytes);
      assert.deepEqual(loadServerSecret(dir, { WARDEN_SERVER_SECRET: bytes.toString('base64') }), bytes);
      const mixed = Buffer.alloc(48, 0x5c).toString('base64');
      assert.equal(loadServerSecret(dir, { WARDEN_SERVER_SECRET: mixed }).length, 48);
      assert.throws(
        () => loadServerSecret(dir, { WARDEN_SERVER_SECRET: Buffer.alloc(31).toString('hex') }),
        /32 bytes/,
      );
      const notHex = `zz${'a'.repeat(64)}`;
      assert.deepEqual(
        loadServerSecret(dir, { WARDEN_SERVER_SECRET: notHex }),
        Buffer.from(notHex, 'base64'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a server secret file with a trailing newline, and never overwrites it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-'));
    try {
      const bytes = Buffer.alloc(32, 0x42);
      writeFileSync(join(dir, 'server.secret'), `${bytes.toString('hex')}\n`, { mode: 0o644 });
      assert.deepEqual(loadServerSecret(dir, {}), bytes);
      assert.equal(statSync(join(dir, 'server.secret')).mode & 0o777, 0o600, 'tightened to 0600');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses every duration unit, decimals and spaces, and nothing else', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('1.5h'), 5_400_000);
    assert.equal(parseDuration('2w'), 14 * 86_400_000);
    assert.equal(parseDuration('3d'), 3 * 86_400_000);
    assert.equal(parseDuration('15m'), 900_000);
    assert.equal(parseDuration(' 90 s '), 90_000);
    for (const bad of ['x90s', '90sx', '90', '1.h', '1.5.5h', '90 xs', 'h'])
      assert.throws(() => parseDuration(bad), /not a duration/, bad);
  });
});
