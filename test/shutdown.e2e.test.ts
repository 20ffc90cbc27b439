// `warden serve` on SIGTERM: stops accepting, lets an in-flight stream finish, commits the audit journal, exits 0.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pgClient from 'pg';
import { stringify } from 'yaml';
import { type SimServer, startSimulator } from '../src/sim/server.js';
import { openSqlite } from '../src/store/sqlite/db.js';
import { type PostgresServer, startPostgres } from './fixtures/postgres.js';
import { skipUnless } from './fixtures/services.js';
import { tempDir } from './helpers.js';

/** Where the drained request's audit record must be after exit: embedded SQLite, or PostgreSQL. */
type Backend = 'sqlite' | 'postgres';

describe('graceful shutdown of `warden serve`', () => {
  let sim: SimServer;
  let pg: PostgresServer | undefined;
  const dir = tempDir();
  before(async () => {
    sim = await startSimulator(0);
  });
  after(async () => {
    await sim.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const drains = async (backend: Backend) => {
    const dataDir = join(dir, `data-${backend}`);
    const configFile = join(dir, `warden-${backend}.yaml`);
    const extra = backend === 'postgres' ? ['--postgres', pg!.url] : [];
    // A group commit longer than the test: the record can only reach SQLite through the shutdown flush.
    writeFileSync(
      configFile,
      stringify({
        server: { port: 0, drainMs: 20_000 },
        dataDir,
        auth: { mode: 'none' },
        audit: { groupCommitMs: 60_000 },
        upstreams: [
          { name: 'sim', baseUrl: sim.url, models: ['*'], extraParams: ['sim_chunk_size', 'sim_delay_ms'] },
        ],
      }),
    );
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--config', configFile, ...extra],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        const m = /listening on (http:\/\/[^/\s]+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    const text = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'drained-stream-1' },
      body: JSON.stringify({
        model: 'warden-sim-1',
        stream: true,
        sim_chunk_size: 2,
        sim_delay_ms: 60,
        messages: [{ role: 'user', content: `#sim echo ${text}` }],
      }),
    });
    assert.equal(res.status, 200);
    const wardenId = res.headers.get('x-request-id');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let raw = '';
    let signalled = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      raw += decoder.decode(value, { stream: true });
      if (!signalled && raw.includes('"content":"ab"')) {
        signalled = true;
        child.kill('SIGTERM');
        // The listener closes at once: a new connection is refused while the stream goes on.
        await new Promise((r) => setTimeout(r, 200));
        await assert.rejects(fetch(`${url}/healthz`));
      }
    }
    assert.ok(signalled, 'SIGTERM was sent mid-stream');
    const content = raw
      .split('\n')
      .filter((l) => l.startsWith('data: {'))
      .map(
        (l) =>
          (JSON.parse(l.slice(6)) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta
            ?.content ?? '',
      )
      .join('');
    assert.equal(content, text, 'the whole stream arrived');
    assert.ok(raw.includes('data: [DONE]'));
    assert.equal(await exited, 0);
    assert.match(stderr, /SIGTERM received, draining/);
    if (backend === 'postgres') {
      const client = new pgClient.Client(pg!.url);
      await client.connect();
      try {
        const res = await client.query('SELECT outcome FROM warden_audit WHERE request_id = $1', [wardenId]);
        assert.equal(res.rows[0]?.outcome, 'ok');
      } finally {
        await client.end();
      }
    } else {
      const db = openSqlite(dataDir);
      try {
        const row = db.prepare('SELECT outcome FROM audit WHERE request_id = ?').get(wardenId) as
          | { outcome: string }
          | undefined;
        assert.equal(row?.outcome, 'ok');
      } finally {
        db.close();
      }
    }
    assert.deepEqual(
      readdirSync(dataDir).filter((f) => f.endsWith('.journal')),
      [],
      'the journal is fully committed and removed',
    );
  };

  it('drains an in-flight stream after SIGTERM and commits its audit record to SQLite before exiting', () =>
    drains('sqlite'));

  it('does the same with the audit chain in PostgreSQL (`serve --postgres`)', {
    skip: skipUnless('draining into the PostgreSQL audit chain', 'postgresql'),
  }, async () => {
    pg = await startPostgres();
    await drains('postgres');
  });
});
