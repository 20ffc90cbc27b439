// The SQLite limit store on its own, with the clock held still: only allowed requests are charged, refunds and
// charges on a fresh key count from now, leases expire at their instant, a lease id is one lease.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openSqlite, type SqliteDb } from '../store/sqlite/db.js';
import { SqliteLimitStore } from './sqlite.js';

const spec = { limit: 2, windowMs: 3_600_000 };
const NOW = 1_700_000_000_000;
let dir: string;
let db: SqliteDb;
let store: SqliteLimitStore;
const realNow = Date.now;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-sqlite-limits-'));
  db = openSqlite(dir);
  store = new SqliteLimitStore(db);
  Date.now = () => NOW;
});
afterEach(() => {
  Date.now = realNow;
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite limit store', () => {
  it('is the sqlite kind and charges only allowed requests', () => {
    assert.equal(store.kind, 'sqlite');
    assert.equal(store.consume('k', 2, spec).allowed, true);
    const denied = store.consume('k', 1, spec);
    assert.equal(denied.allowed, false);
    assert.equal(denied.retryAfterMs, 1_800_000);
    store.adjust('k', -1, spec);
    assert.equal(store.consume('k', 1, spec).allowed, true, 'the denied request left no charge behind');
    assert.equal(store.consume('k', 1, spec).allowed, false);
  });

  it('reports the state it stored: remaining and reset', () => {
    const first = store.consume('k', 1, spec);
    assert.deepEqual(first, {
      allowed: true,
      retryAfterMs: 0,
      remaining: 1,
      resetMs: 1_800_000,
      tat: NOW + 1_800_000,
    });
    assert.equal(store.consume('k', 1, spec).remaining, 0);
  });

  it('a refund or a charge on a key it never saw counts from now', () => {
    store.adjust('fresh', -5, spec);
    assert.equal(store.consume('fresh', 2, spec).allowed, true);
    assert.equal(store.consume('fresh', 1, spec).allowed, false, 'no credit beyond the limit');
    store.adjust('other', 1, spec);
    assert.equal(store.consume('other', 2, spec).allowed, false, 'a charge on a fresh key counts from now');
    assert.equal(store.consume('other', 1, spec).allowed, true);
  });

  it('keys are separate', () => {
    assert.equal(store.consume('a', 2, spec).allowed, true);
    assert.equal(store.consume('b', 2, spec).allowed, true);
  });

  it('leases expire at their instant; a held lease id re-acquired is still one lease', () => {
    assert.equal(store.acquire('c', 'old', 1, 0), true);
    assert.equal(store.acquire('c', 'a', 1, 1_000), true, 'a lease whose time has come is gone');
    assert.equal(store.acquire('c', 'b', 1, 1_000), false);
    assert.equal(store.acquire('c', 'a', 2, 1_000), true, 'the same lease again');
    assert.equal(store.acquire('c', 'b', 2, 1_000), true, 'so a second slot is still free');
    assert.equal(store.acquire('c', 'x', 2, 1_000), false);
    assert.equal(store.acquire('other', 'x', 1, 1_000), true, 'leases are per key');
    store.release('c', 'a');
    assert.equal(store.acquire('c', 'x', 2, 1_000), true);
    store.release('c', 'nobody');
    assert.equal(store.acquire('c', 'y', 2, 1_000), false, 'releasing an unknown lease frees nothing');
  });

  it('a lease lasts its time to live and not longer', () => {
    assert.equal(store.acquire('c', 'a', 1, 1_000), true);
    Date.now = () => NOW + 999;
    assert.equal(store.acquire('c', 'b', 1, 1_000), false);
    Date.now = () => NOW + 1_000;
    assert.equal(store.acquire('c', 'b', 1, 1_000), true);
  });
});
