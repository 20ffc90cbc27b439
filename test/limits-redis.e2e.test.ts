// Two Warden processes sharing one real Redis enforce one exact limit between them.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { IdentityAdmin } from '../src/identity/admin.js';
import { loadServerSecret } from '../src/identity/keys.js';
import { type SimServer, startSimulator } from '../src/sim/server.js';
import { openSqlite } from '../src/store/sqlite/db.js';
import { SqliteBanStore, SqliteKeyStore } from '../src/store/sqlite/identity.js';
import { type RedisServer, startRedis } from './fixtures/redis.js';
import { errorCode, postJson, tempDir } from './helpers.js';

function startWarden(config: unknown, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/fixtures/warden-proc.ts', JSON.stringify(config)],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    child.stdout?.on('data', (b: Buffer) => {
      const m = /READY (\d+)/.exec(b.toString());
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}/v1` });
    });
    child.once('exit', (code) => reject(new Error(`warden process exited with ${code}`)));
  });
}

describe('limits shared through Redis', () => {
  let redis: RedisServer;
  let sim: SimServer;
  const procs: ChildProcess[] = [];
  const dataDir = tempDir();
  const env = { WARDEN_SERVER_SECRET: randomBytes(32).toString('hex') };

  before(async () => {
    redis = await startRedis();
    sim = await startSimulator(0);
  });
  after(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await sim.close();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('admits exactly 10 of 64 concurrent requests spread over two processes', async () => {
    const db = openSqlite(dataDir);
    const admin = new IdentityAdmin({
      keys: new SqliteKeyStore(db),
      bans: new SqliteBanStore(db),
      serverSecret: loadServerSecret(dataDir, env),
    });
    const { token } = await admin.createKey({ name: 'shared' }, 'test');
    db.close();
    const config = {
      dataDir,
      upstreams: [{ name: 'sim', baseUrl: sim.url, models: ['*'] }],
      auth: { mode: 'keys' },
      redis: { url: redis.url },
      limits: { store: 'redis', principal: { requests: { limit: 10, window: '1m' } } },
    };
    const [a, b] = await Promise.all([startWarden(config, env), startWarden(config, env)]);
    procs.push(a.child, b.child);
    const body = { model: 'warden-sim-1', messages: [{ role: 'user', content: 'hi' }] };
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) =>
        postJson(`${i % 2 ? a.url : b.url}/chat/completions`, body, { authorization: `Bearer ${token}` }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    assert.equal(ok.length, 10);
    assert.ok(
      results.filter((r) => r.status !== 200).every((r) => errorCode(r.json) === 'WARDEN_RATE_LIMITED'),
    );
  });
});
