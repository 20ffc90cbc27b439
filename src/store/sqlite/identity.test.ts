import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/helpers.js';
import { openSqlite } from './db.js';
import { SqliteBanStore, SqliteKeyStore } from './identity.js';

describe('SqliteKeyStore cache', () => {
  it('keeps a real key cached through a flood of distinct bogus ids', () => {
    const dir = tempDir();
    const db = openSqlite(dir);
    try {
      const keys = new SqliteKeyStore(db);
      keys.put({
        id: 'realkey00001',
        principal: 'key:realkey00001',
        name: 'real',
        scopes: ['chat'],
        models: ['*'],
        labels: {},
        hash: '0'.repeat(64),
        createdAt: Date.now(),
      });
      assert.equal(keys.get('realkey00001')?.name, 'real');
      for (let i = 0; i < 25_000; i++)
        assert.equal(keys.get(`bogus${i.toString(36).padStart(7, '0')}`), undefined);
      // Without its trigger the delete leaves the generation as it was: only a cache hit can still return the record.
      db.exec('DROP TRIGGER api_keys_delete_generation');
      db.prepare('DELETE FROM api_keys').run();
      assert.equal(keys.get('realkey00001')?.name, 'real', 'served from the cache, not the table');
      assert.equal(keys.get('bogus0000000'), undefined);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps its records through other commits to the file (the audit writer), and drops them on a key write', () => {
    const dir = tempDir();
    const db = openSqlite(dir);
    const other = openSqlite(dir);
    try {
      const keys = new SqliteKeyStore(db);
      keys.put({
        id: 'realkey00002',
        principal: 'key:realkey00002',
        name: 'real',
        scopes: ['chat'],
        models: ['*'],
        labels: {},
        hash: '0'.repeat(64),
        createdAt: Date.now(),
      });
      assert.equal(keys.get('realkey00002')?.name, 'real');
      db.exec('DROP TRIGGER api_keys_delete_generation');
      db.prepare('DELETE FROM api_keys').run();
      other.exec('CREATE TABLE IF NOT EXISTS unrelated (x INTEGER)');
      other.prepare('INSERT INTO unrelated (x) VALUES (1)').run();
      assert.equal(keys.get('realkey00002')?.name, 'real', 'an unrelated commit keeps the cache');
      // A key written by another process (the CLI) empties the cache at the next look-up.
      other.prepare("INSERT INTO api_keys (id, principal, data) VALUES ('x', 'key:x', '{}')").run();
      assert.equal(keys.get('realkey00002'), undefined, 'the deleted key is read from the table again');
    } finally {
      other.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteBanStore cache', () => {
  it('sees a ban added or lifted by another connection at the next look-up, and an expiry as it passes', () => {
    const dir = tempDir();
    const db = openSqlite(dir);
    const other = openSqlite(dir);
    const realNow = Date.now;
    try {
      const bans = new SqliteBanStore(db);
      const cli = new SqliteBanStore(other);
      assert.equal(bans.get('key:a'), undefined);
      cli.add({ principal: 'key:a', reason: 'abuse', by: 'cli', createdAt: realNow() });
      assert.equal(bans.get('key:a')?.reason, 'abuse');
      assert.equal(bans.get('key:a')?.reason, 'abuse', 'a cached ban still bans');
      assert.equal(cli.remove('key:a'), true);
      assert.equal(bans.get('key:a'), undefined);
      bans.add({
        principal: 'key:b',
        reason: 'cool-off',
        by: 'admin',
        createdAt: realNow(),
        expiresAt: realNow() + 60_000,
      });
      assert.equal(bans.get('key:b')?.reason, 'cool-off');
      Date.now = () => realNow() + 120_000;
      assert.equal(bans.get('key:b'), undefined, 'an expired ban no longer bans, cached or not');
    } finally {
      Date.now = realNow;
      other.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
