import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/helpers.js';
import { openSqlite } from './db.js';
import { SqliteResponseStore } from './responses.js';

const DAY = 86_400_000;

/** A store over a real SQLite file with a clock the test moves. */
function withStore(run: (s: SqliteResponseStore, clock: { ms: number }, count: () => number) => void): void {
  const dir = tempDir();
  const db = openSqlite(dir);
  const clock = { ms: Date.UTC(2026, 0, 10) };
  try {
    const store = new SqliteResponseStore(db, { retentionMs: 2 * DAY, now: () => clock.ms });
    const count = () => (db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
    run(store, clock, count);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const row = (id: string, principalId: string, createdMs: number) => ({
  id,
  principalId,
  createdAt: Math.floor(createdMs / 1000),
  data: '{}',
});

describe('SqliteResponseStore retention and delete', () => {
  it('does not serve a row past its retention, and a later write deletes it', () => {
    withStore((store, clock, count) => {
      store.put(row('resp_old', 'p1', clock.ms));
      assert.equal(store.get('resp_old', 'p1')?.id, 'resp_old');
      clock.ms += 2 * DAY + 1000;
      assert.equal(store.get('resp_old', 'p1'), undefined, 'expired: not served');
      assert.equal(store.delete('resp_old', 'p1'), false, 'expired: not deletable either');
      assert.equal(count(), 1, 'still on disk until a write prunes');
      store.put(row('resp_new', 'p1', clock.ms));
      assert.equal(count(), 1, 'the write pruned the expired row');
      assert.equal(store.get('resp_new', 'p1')?.id, 'resp_new');
    });
  });

  it('prunes on a write at most once a minute, and keeps rows inside the retention', () => {
    withStore((store, clock, count) => {
      store.put(row('resp_kept', 'p1', clock.ms - DAY));
      store.put(row('resp_stale1', 'p1', clock.ms - 3 * DAY));
      assert.equal(count(), 2, 'the second write came within the minute: no prune yet');
      clock.ms += 61_000;
      store.put(row('resp_fresh', 'p2', clock.ms));
      assert.equal(count(), 2, 'a minute on, the write pruned the stale row only');
      assert.equal(store.get('resp_kept', 'p1')?.id, 'resp_kept');
      assert.equal(store.get('resp_stale1', 'p1'), undefined);
    });
  });

  it('deletes only for the owner', () => {
    withStore((store, clock) => {
      store.put(row('resp_x', 'owner', clock.ms));
      assert.equal(store.delete('resp_x', 'someone-else'), false);
      assert.equal(store.get('resp_x', 'owner')?.id, 'resp_x');
      assert.equal(store.delete('resp_x', 'owner'), true);
      assert.equal(store.get('resp_x', 'owner'), undefined);
      assert.equal(store.delete('resp_x', 'owner'), false, 'a second delete finds nothing');
    });
  });
});
