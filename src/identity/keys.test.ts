import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs, { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
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

  it('refuses a damaged server secret file instead of keying hashes with what is left of it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-'));
    try {
      for (const text of ['', '\n', 'ab'.repeat(31), `${'ab'.repeat(32)}z`, 'not a secret']) {
        writeFileSync(join(dir, 'server.secret'), text);
        assert.throws(() => loadServerSecret(dir, {}), /at least 32 bytes/, JSON.stringify(text));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('processes creating the secret at once all read the same one, and leave no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-'));
    try {
      const script = `import { loadServerSecret } from ${JSON.stringify(new URL('./keys.ts', import.meta.url).href)};
        process.stdout.write(loadServerSecret(process.argv[1], {}).toString('hex'));`;
      const run = () =>
        new Promise<string>((resolve, reject) => {
          execFile(
            process.execPath,
            ['--import', 'tsx', '--input-type=module', '-e', script, dir],
            (err, stdout) => (err ? reject(err) : resolve(stdout)),
          );
        });
      const secrets = await Promise.all([run(), run(), run(), run()]);
      assert.equal(secrets[0]?.length, 64);
      assert.equal(new Set(secrets).size, 1, 'one secret for every process');
      assert.deepEqual(readdirSync(dir), ['server.secret']);
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

  it('rejects random bytes past the largest multiple of the alphabet size, and draws again when short', () => {
    const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    // The id alphabet has 36 characters (bytes 252..255 are biased), the secret's 62 (bytes 248..255).
    const draws = [
      Buffer.from(Array.from({ length: 24 }, (_, i) => 252 + (i % 4))), // all rejected: the id is drawn again
      Buffer.from(range(0, 24)),
      Buffer.from([...range(248, 256), ...range(0, 72)]),
    ];
    const sizes: number[] = [];
    const original = crypto.randomBytes;
    crypto.randomBytes = ((n: number) => {
      sizes.push(n);
      const next = draws.shift();
      assert.ok(next, 'no more draws expected');
      return next;
    }) as typeof crypto.randomBytes;
    syncBuiltinESMExports();
    try {
      const k = generateKey();
      assert.deepEqual(sizes, [24, 24, 80]);
      assert.equal(k.id, 'abcdefghijkl');
      assert.equal(k.secret, ALPHABET.slice(0, 40));
      assert.equal(k.token, `wdn_abcdefghijkl_${ALPHABET.slice(0, 40)}`);
    } finally {
      crypto.randomBytes = original;
      syncBuiltinESMExports();
    }
  });

  it('hashes a secret to the hex HMAC-SHA256 under the server secret', () => {
    const server = Buffer.alloc(32, 7);
    const expected = crypto.createHmac('sha256', server).update('s3cret').digest('hex');
    assert.equal(hashSecret(server, 's3cret'), expected);
    assert.match(hashSecret(server, 's3cret'), /^[0-9a-f]{64}$/);
  });

  it('reads a value that only starts like hex as base64', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-'));
    try {
      const value = `${'a'.repeat(64)}zz`;
      assert.deepEqual(loadServerSecret(dir, { WARDEN_SERVER_SECRET: value }), Buffer.from(value, 'base64'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a server secret file with leading whitespace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-'));
    try {
      const bytes = Buffer.alloc(32, 0x42);
      writeFileSync(join(dir, 'server.secret'), `\n ${bytes.toString('hex')}\n`, { mode: 0o600 });
      assert.deepEqual(loadServerSecret(dir, {}), bytes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates the server secret file exclusively (never over a concurrent one, never half-written) and 0600 from the start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-'));
    const writes: { path: string; options: unknown }[] = [];
    const original = fs.writeFileSync;
    fs.writeFileSync = ((path: fs.PathOrFileDescriptor, data: string, options?: fs.WriteFileOptions) => {
      writes.push({ path: String(path), options });
      return original(path, data, options);
    }) as typeof fs.writeFileSync;
    syncBuiltinESMExports();
    try {
      loadServerSecret(dir, {});
      // Written whole under a private temporary name, then linked into place (link never replaces a file).
      assert.equal(writes.length, 1);
      assert.match(
        writes[0]!.path,
        new RegExp(`^${join(dir, 'server.secret').replace(/[.]/g, '\\.')}\\.\\d+\\.[0-9a-f]{12}\\.tmp$`),
      );
      assert.deepEqual(writes[0]!.options, { mode: 0o600, flag: 'wx' });
      assert.deepEqual(readdirSync(dir), ['server.secret']);
    } finally {
      fs.writeFileSync = original;
      syncBuiltinESMExports();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses durations with several decimals', () => {
    assert.equal(parseDuration('1.25h'), 4_500_000);
    assert.equal(parseDuration('0.125s'), 125);
  });
});
