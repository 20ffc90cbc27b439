import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/helpers.js';
import { openSqlite } from './db.js';
import { SqliteKeyStore } from './identity.js';

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
      // Same connection: data_version does not move, so only a cache hit can still return the record.
      db.prepare('DELETE FROM api_keys').run();
      assert.equal(keys.get('realkey00001')?.name, 'real', 'served from the cache, not the table');
      assert.equal(keys.get('bogus0000000'), undefined);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
