// Audit store faults never crash the gateway: a full disk (a small tmpfs) refuses requests with 503
// WARDEN_AUDIT_UNAVAILABLE and /readyz says why, a held SQLite lock (another process in BEGIN IMMEDIATE) leaves
// the journal serving while commits wait; both recover without a restart and lose no answered record.
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { buildWarden, type WardenApp } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import { startSimulator } from '../src/sim/server.js';
import { errorCode, postJson, tempDir } from './helpers.js';

const body = { model: 'warden-sim-1', messages: [{ role: 'user', content: '#sim echo hello' }] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A gateway (embedded SQLite, no auth) on a data directory of the test's choosing. */
async function gatewayOn(dataDir: string) {
  const sim = await startSimulator(0);
  const config = validateConfig(
    { ...embeddedDefaults({ upstream: sim.url }), auth: { mode: 'none' }, dataDir },
    'audit-faults',
  );
  const app: WardenApp = buildWarden(config, { log: pino({ level: 'silent' }) });
  const addr = await app.gateway.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${addr.port}`;
  const answered: string[] = [];
  return {
    app,
    url,
    answered,
    /** One chat request; the ids answered 200 are what the audit log must hold in the end. */
    async ask(requestId: string) {
      const r = await postJson(`${url}/v1/chat/completions`, body, { 'x-request-id': requestId });
      if (r.status === 200) answered.push(requestId);
      return r;
    },
    async ready() {
      const r = await fetch(`${url}/readyz`);
      return { status: r.status, text: await r.text() };
    },
    async close() {
      await app.close();
      await sim.close();
    },
  };
}

/** Polls `check` until it returns true; fails after `tries`. */
async function until(what: string, check: () => Promise<boolean>, tries = 300, everyMs = 100) {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await sleep(everyMs);
  }
  assert.fail(`timed out waiting until ${what}`);
}

/** Every request answered 200 has its record committed to the chain, which verifies. */
async function assertNoAnsweredRecordLost(app: WardenApp, dataDir: string, answered: string[]) {
  await app.audit.flush?.();
  const db = new Database(join(dataDir, 'warden.db'), { readonly: true });
  try {
    // Requests are named by the client's x-request-id, which the record keeps beside Warden's own id.
    const rows = db.prepare('SELECT request_id, record FROM audit').all() as {
      request_id: string;
      record: string;
    }[];
    const stored = new Set(
      rows.flatMap((r) => [
        r.request_id,
        (JSON.parse(r.record) as { clientRequestId?: string }).clientRequestId ?? '',
      ]),
    );
    const lost = answered.filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], `all ${answered.length} answered records are in the chain`);
  } finally {
    db.close();
  }
  const v = await app.audit.verify();
  assert.equal(v.ok, true, JSON.stringify(v.problem));
}

/** Fills the file system holding `dir` to the last byte. */
function fill(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size, 0x61);
      for (;;) {
        try {
          if (writeSync(fd, chunk) < size) break;
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

const isRoot = process.getuid?.() === 0;
if (!isRoot) {
  process.stdout.write('audit-faults: the full-disk test mounts a tmpfs and needs root; skipped\n');
}

describe('audit store faults', () => {
  it('full disk: 503 WARDEN_AUDIT_UNAVAILABLE and /readyz 503, a restart while full is not ready, recovery without restart loses nothing', {
    skip: !isRoot && !process.env.CI ? 'needs root to mount a tmpfs' : false,
  }, async () => {
    assert.ok(isRoot, 'CI must run this test as root (it mounts a tmpfs)');
    const mnt = tempDir('warden-full-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0700', 'tmpfs', mnt]);
    let gw: Awaited<ReturnType<typeof gatewayOn>> | undefined;
    try {
      gw = await gatewayOn(mnt);
      for (let i = 0; i < 5; i++) assert.equal((await gw.ask(`before-${i}`)).status, 200);
      const filler = join(mnt, 'filler');
      fill(filler);
      // Records still fit in the journal's last page for a while; sooner or later a write fails.
      let refused: Awaited<ReturnType<typeof gw.ask>> | undefined;
      for (let i = 0; i < 500 && !refused; i++) {
        const r = await gw.ask(`full-${i}`);
        assert.ok(r.status === 200 || r.status === 503, `answered ${r.status}: ${r.text}`);
        if (r.status === 503) refused = r;
      }
      assert.ok(refused, 'a request was refused once the journal could not be written');
      assert.equal(errorCode(refused.json), 'WARDEN_AUDIT_UNAVAILABLE');
      assert.equal(refused.json.error && typeof refused.json.error, 'object');
      // Refused up front from now on, and not ready, with the reason.
      const next = await gw.ask('full-next');
      assert.equal(next.status, 503);
      assert.equal(errorCode(next.json), 'WARDEN_AUDIT_UNAVAILABLE');
      const ready = await gw.ready();
      assert.equal(ready.status, 503);
      assert.match(ready.text, /audit journal cannot be written \(ENOSPC/);
      // Commits of what was answered before keep failing for a while (SQLITE_FULL): the process stays up.
      await sleep(1_000);
      assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
      // A restart while the disk is still full: it starts, is not ready and refuses, rather than crash-looping.
      const answeredBefore = gw.answered;
      await gw.close();
      gw = await gatewayOn(mnt);
      gw.answered.push(...answeredBefore);
      assert.equal((await gw.ready()).status, 503);
      assert.equal((await gw.ask('restarted-full')).status, 503);
      rmSync(filler);
      const g = gw;
      await until(
        'a request is served again',
        async () => (await g.ask(`after-${Date.now()}`)).status === 200,
      );
      await until('/readyz is 200 again', async () => (await g.ready()).status === 200);
      for (let i = 0; i < 5; i++) assert.equal((await gw.ask(`recovered-${i}`)).status, 200);
      assert.ok(gw.answered.length >= 11);
      // What the first process answered but could not commit is replayed from its journal by the second.
      await assertNoAnsweredRecordLost(gw.app, mnt, gw.answered);
    } finally {
      await gw?.close().catch(() => {});
      execFileSync('umount', ['-l', mnt]);
      rmSync(mnt, { recursive: true, force: true });
    }
  });

  it('held lock: requests are served from the journal, /readyz reports the failing commits, nothing is lost', async () => {
    const dir = tempDir('warden-lock-');
    let gw: Awaited<ReturnType<typeof gatewayOn>> | undefined;
    let holder: ChildProcess | undefined;
    try {
      gw = await gatewayOn(dir);
      for (let i = 0; i < 5; i++) assert.equal((await gw.ask(`before-${i}`)).status, 200);
      // Another process takes the write lock and keeps it past the writer's busy timeout.
      holder = spawn(
        process.execPath,
        [
          '-e',
          `const D = require('better-sqlite3'); const db = new D(process.argv[1]);
           db.exec('BEGIN IMMEDIATE'); process.stdout.write('LOCKED\\n');
           process.stdin.resume(); process.stdin.on('end', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`,
          join(dir, 'warden.db'),
        ],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      );
      const h = holder;
      await new Promise<void>((resolve, reject) => {
        h.stdout!.on('data', (d: Buffer) => d.toString().includes('LOCKED') && resolve());
        h.once('exit', (code) => reject(new Error(`lock holder exited (${code})`)));
      });
      const g = gw;
      let during = 0;
      await until(
        '/readyz reports failing audit commits',
        async () => {
          const r = await g.ask(`locked-${during++}`);
          assert.equal(r.status, 200, 'the journal takes records while the database is locked');
          const ready = await g.ready();
          return ready.status === 503 && /audit commits failing \(SQLITE_BUSY/.test(ready.text);
        },
        600,
      );
      assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
      h.stdin!.end();
      await new Promise((r) => h.once('exit', r));
      await until('/readyz is 200 again', async () => (await g.ready()).status === 200);
      for (let i = 0; i < 5; i++) assert.equal((await gw.ask(`released-${i}`)).status, 200);
      assert.ok(gw.answered.length >= 11);
      await assertNoAnsweredRecordLost(gw.app, dir, gw.answered);
    } finally {
      if (holder && holder.exitCode === null) holder.kill('SIGKILL');
      await gw?.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
