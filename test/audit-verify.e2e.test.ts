// `warden audit verify|head` on real SQLite stores: fails on a missing store or table and on an emptied chain
// (never creating anything), detects edited, deleted, relinked, renumbered, re-hashed, forged and cut-off
// records with the keyed chain, and still verifies chains made before the key (marked legacy).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { main } from '../src/cli/main.js';
import { chainHash, GENESIS_HASH, headMac, legacyChainHash } from '../src/store/audit-chain.js';
import { auditKeyFrom } from '../src/store/audit-key.js';
import { sqliteAuditStore } from '../src/store/sqlite/audit.js';
import { openSqlite } from '../src/store/sqlite/db.js';
import type { AuditRecord } from '../src/store/types.js';
import { tempDir } from './helpers.js';

const KEY_HEX = randomBytes(32).toString('hex');
const key = auditKeyFrom(Buffer.from(KEY_HEX, 'hex'));
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const rec = (i: number): AuditRecord => ({
  ts: '2026-12-01T00:00:00.000Z',
  requestId: `v-${i}`,
  kind: 'request',
  principal: 'key:p',
  outcome: 'ok',
  status: 200,
});

/** Runs `warden audit ...` in this process (the CLI's own entry), capturing what it writes; env as given. */
async function cli(args: string[], env: NodeJS.ProcessEnv = { WARDEN_AUDIT_KEY: KEY_HEX }) {
  const saved = { ...process.env };
  for (const k of ['WARDEN_AUDIT_KEY', 'WARDEN_SERVER_SECRET', 'WARDEN_POSTGRES_URL']) delete process.env[k];
  Object.assign(process.env, env);
  const out = { stdout: '', stderr: '' };
  const [w1, w2] = [process.stdout.write, process.stderr.write];
  process.stdout.write = ((chunk: string) => {
    out.stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    out.stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    const status = await main(['node', 'warden', 'audit', ...args]);
    return { status, ...out };
  } finally {
    process.stdout.write = w1;
    process.stderr.write = w2;
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

const verify = (dir: string, extra: string[] = [], env?: NodeJS.ProcessEnv) =>
  cli(['verify', '--data-dir', dir, ...extra], env);

/** A data directory whose chain holds `n` keyed records written by the store itself. */
async function chain(n: number): Promise<string> {
  const dir = tempDir('warden-verify-');
  dirs.push(dir);
  openSqlite(dir).close();
  const store = sqliteAuditStore(join(dir, 'warden.db'), key);
  for (let i = 1; i <= n; i++) store.append(rec(i));
  await store.close();
  return dir;
}

function sql(dir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(join(dir, 'warden.db'));
  try {
    fn(db);
  } finally {
    db.close();
  }
}

type Row = { seq: number; record: string; prev_hash: string; hash: string };

describe('warden audit verify', () => {
  it('passes an intact keyed chain, and `audit head` prints an anchor that --expect-head accepts', async () => {
    const dir = await chain(5);
    const ok = await verify(dir);
    assert.equal(ok.status, 0, ok.stderr);
    const result = JSON.parse(ok.stdout) as { ok: boolean; count: number; legacy: number };
    assert.deepEqual([result.ok, result.count, result.legacy], [true, 5, 0]);
    const head = await cli(['head', '--data-dir', dir]);
    assert.equal(head.status, 0, head.stderr);
    const anchor = (JSON.parse(head.stdout) as { anchor: string; seq: number }).anchor;
    assert.match(anchor, /^5:[0-9a-f]{64}$/);
    assert.equal((await verify(dir, ['--expect-head', anchor])).status, 0);
  });

  it('fails on a missing data directory or database, and creates neither', async () => {
    const parent = tempDir('warden-verify-');
    dirs.push(parent);
    const missing = join(parent, 'nowhere');
    const r = await verify(missing);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no data directory/);
    assert.equal(existsSync(missing), false, 'the directory was not created');
    const empty = join(parent, 'empty');
    mkdirSync(empty);
    const r2 = await verify(empty);
    assert.equal(r2.status, 1);
    assert.match(r2.stderr, /no audit database/);
    assert.equal(existsSync(join(empty, 'warden.db')), false, 'the database was not created');
  });

  it('fails on a dropped audit table', async () => {
    const dir = await chain(3);
    sql(dir, (db) => db.exec('DROP TABLE audit'));
    const r = await verify(dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no audit table/);
  });

  it('fails on an emptied chain where records existed', async () => {
    const dir = await chain(4);
    sql(dir, (db) => db.exec('DELETE FROM audit'));
    const r = await verify(dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /truncated \(empty chain where 4 records existed\)/);
    // Removing the head record as well does not help.
    sql(dir, (db) => db.exec('DELETE FROM audit_head'));
    assert.match((await verify(dir)).stderr, /head-missing/);
  });

  it('detects an edited row, and the same edit re-hashed without the key', async () => {
    const dir = await chain(6);
    sql(dir, (db) => db.exec(`UPDATE audit SET record = replace(record, 'key:p', 'key:q') WHERE seq = 3`));
    assert.match((await verify(dir)).stderr, /FAILED at record 3: hash-mismatch/);
    // The attacker re-hashes from the edited row on, as the unkeyed chain allowed (and moves the head).
    sql(dir, (db) => {
      const rows = db.prepare('SELECT seq, record, prev_hash, hash FROM audit ORDER BY seq').all() as Row[];
      let prev = rows[1]!.hash;
      for (const r of rows.slice(2)) {
        const h = legacyChainHash(prev, r.seq, r.record);
        db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, h, r.seq);
        prev = h;
      }
      db.prepare('UPDATE audit_head SET hash = ?').run(prev);
    });
    assert.match((await verify(dir)).stderr, /FAILED at record 3: hash-mismatch/);
    // Marking the re-hashed rows as legacy (version 1) is a downgrade after keyed rows.
    sql(dir, (db) => db.exec('UPDATE audit SET v = 1 WHERE seq >= 3'));
    assert.match((await verify(dir)).stderr, /FAILED at record 3: downgrade/);
  });

  it('detects a deleted row, including the oldest (no re-basing on the first row)', async () => {
    const dir = await chain(6);
    sql(dir, (db) => db.exec('DELETE FROM audit WHERE seq = 4'));
    assert.match((await verify(dir)).stderr, /FAILED at record 5: gap/);
    const oldest = await chain(6);
    sql(oldest, (db) => db.exec('DELETE FROM audit WHERE seq = 1'));
    assert.match((await verify(oldest)).stderr, /FAILED at record 2: gap \(expected record 1/);
  });

  it('detects a relinked and a renumbered row', async () => {
    const dir = await chain(5);
    sql(dir, (db) => {
      const r1 = db.prepare('SELECT hash FROM audit WHERE seq = 1').get() as { hash: string };
      db.prepare('UPDATE audit SET prev_hash = ? WHERE seq = 3').run(r1.hash);
    });
    assert.match((await verify(dir)).stderr, /FAILED at record 3: chain-broken/);
    const renumbered = await chain(5);
    // Row 3 deleted and the later rows moved down to close the gap.
    sql(renumbered, (db) => {
      db.exec('DELETE FROM audit WHERE seq = 3');
      db.exec('UPDATE audit SET seq = seq - 1 WHERE seq > 3');
    });
    assert.match((await verify(renumbered)).stderr, /FAILED at record 3: (chain-broken|hash-mismatch)/);
  });

  it('detects a truncated tail from the head record, and a rolled-back head with --expect-head', async () => {
    const dir = await chain(8);
    sql(dir, (db) => db.exec('DELETE FROM audit WHERE seq > 6'));
    assert.match((await verify(dir)).stderr, /truncated \(the chain ends at 6 but 8 records were written/);
    // Cut back to a point whose head record the attacker saved earlier: only an anchor kept elsewhere shows it.
    const rolled = await chain(5);
    let saved: unknown;
    sql(rolled, (db) => {
      saved = db.prepare('SELECT * FROM audit_head').get();
    });
    const anchor = (JSON.parse((await cli(['head', '--data-dir', rolled])).stdout) as { anchor: string })
      .anchor;
    const store = sqliteAuditStore(join(rolled, 'warden.db'), key);
    for (let i = 6; i <= 9; i++) store.append(rec(i));
    await store.close();
    const later = (JSON.parse((await cli(['head', '--data-dir', rolled])).stdout) as { anchor: string })
      .anchor;
    sql(rolled, (db) => {
      db.exec('DELETE FROM audit WHERE seq > 5');
      const h = saved as { seq: number; hash: string; mac: string; key_id: string };
      db.prepare('UPDATE audit_head SET seq = ?, hash = ?, mac = ?, key_id = ?').run(
        h.seq,
        h.hash,
        h.mac,
        h.key_id,
      );
    });
    assert.equal(
      (await verify(rolled, ['--expect-head', anchor])).status,
      0,
      'the old anchor is still there',
    );
    const cut = await verify(rolled, ['--expect-head', later]);
    assert.equal(cut.status, 1);
    assert.match(cut.stderr, /FAILED at record 6: truncated/);
  });

  it('detects a forged appended record (keyed, legacy or with a moved head) without the key', async () => {
    const dir = await chain(4);
    const forge = (v: number, withHead: boolean) =>
      sql(dir, (db) => {
        db.exec('DELETE FROM audit WHERE seq > 4');
        const last = db.prepare('SELECT hash FROM audit WHERE seq = 4').get() as { hash: string };
        const json = JSON.stringify(rec(5));
        const wrong = randomBytes(32);
        const h = v === 1 ? legacyChainHash(last.hash, 5, json) : chainHash(wrong, last.hash, 5, json);
        db.prepare(
          "INSERT INTO audit (seq, jid, ts, request_id, principal, kind, outcome, record, prev_hash, hash, v) VALUES (5, 'forged', 't', 'v-5', 'key:p', 'request', 'ok', ?, ?, ?, ?)",
        ).run(json, last.hash, h, v);
        if (withHead)
          db.prepare('UPDATE audit_head SET seq = 5, hash = ?, mac = ?').run(h, headMac(wrong, 5, h));
      });
    forge(2, false);
    assert.match((await verify(dir)).stderr, /FAILED at record 5: hash-mismatch/);
    forge(1, false);
    assert.match((await verify(dir)).stderr, /FAILED at record 5: downgrade/);
    forge(2, true);
    assert.match((await verify(dir)).stderr, /FAILED at record 5: hash-mismatch/);
  });

  it('verifies a chain made before the key as legacy, then extends it with keyed records', async () => {
    const dir = tempDir('warden-verify-');
    dirs.push(dir);
    sql(dir, (db) => {
      db.exec(`CREATE TABLE audit (seq INTEGER PRIMARY KEY, jid TEXT NOT NULL UNIQUE, ts TEXT NOT NULL,
        request_id TEXT NOT NULL, principal TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL,
        record TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`);
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const json = JSON.stringify(rec(seq));
        const h = legacyChainHash(prev, seq, json);
        db.prepare("INSERT INTO audit VALUES (?, ?, 't', ?, 'key:p', 'request', 'ok', ?, ?, ?)").run(
          seq,
          `old:${seq}`,
          `v-${seq}`,
          json,
          prev,
          h,
        );
        prev = h;
      }
    });
    const old = await verify(dir);
    assert.equal(old.status, 0, old.stderr);
    assert.equal((JSON.parse(old.stdout) as { legacy: number }).legacy, 3);
    assert.match(old.stderr, /3 legacy record/);
    const store = sqliteAuditStore(join(dir, 'warden.db'), key);
    store.append(rec(4));
    store.append(rec(5));
    await store.close();
    const mixed = await verify(dir);
    assert.equal(mixed.status, 0, mixed.stderr);
    const r = JSON.parse(mixed.stdout) as { count: number; legacy: number };
    assert.deepEqual([r.count, r.legacy], [5, 3]);
    // Once keyed, a legacy row cannot be slipped back in.
    sql(dir, (db) => db.exec('UPDATE audit SET v = 1 WHERE seq = 5'));
    assert.match((await verify(dir)).stderr, /FAILED at record 5: (downgrade|hash-mismatch)/);
  });

  it('says the key sits beside the data when neither WARDEN_AUDIT_KEY nor WARDEN_SERVER_SECRET is set', async () => {
    const dir = tempDir('warden-verify-');
    dirs.push(dir);
    openSqlite(dir).close();
    // The gateway's fallback: server.secret in the data directory.
    const secret = randomBytes(32).toString('hex');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'server.secret'), secret, { mode: 0o600 });
    const { loadAuditKey } = await import('../src/store/audit-key.js');
    const store = sqliteAuditStore(join(dir, 'warden.db'), loadAuditKey(dir, {}));
    store.append(rec(1));
    await store.close();
    const r = await verify(dir, [], {});
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /beside the data it protects/);
    // And with another key the chain is reported as keyed by a different key, not as edited.
    const other = await verify(dir, [], { WARDEN_AUDIT_KEY: randomBytes(32).toString('hex') });
    assert.equal(other.status, 1);
    assert.match(other.stderr, /wrong-key/);
  });
});
