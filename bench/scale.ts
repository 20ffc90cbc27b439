// Benchmark: req/s and latency through 1 and 2 Warden replicas sharing Redis (limits, bans) and PostgreSQL
// (keys, audit), against an embedded-SQLite single replica, all on loopback. Prints one JSON line last.
// Starts its own redis-server and PostgreSQL (Debian packages `redis-server`, `postgresql`).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { IdentityAdmin } from '../src/identity/admin.js';
import { loadAuditKey } from '../src/store/audit-key.js';
import { postgresAuditStore } from '../src/store/postgres/audit.js';
import { openPostgres } from '../src/store/postgres/db.js';
import { PostgresBanStore, PostgresKeyStore } from '../src/store/postgres/identity.js';
import { openSqlite } from '../src/store/sqlite/db.js';
import { SqliteBanStore, SqliteKeyStore } from '../src/store/sqlite/identity.js';
import { startPostgres } from '../test/fixtures/postgres.js';
import { startRedis } from '../test/fixtures/redis.js';
import { type Replica, startReplica, stopReplica } from '../test/fixtures/replicas.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
/** Configurations are interleaved round by round and the median round is reported (noisy shared machines). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const BODY = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'Hello there' }] });

interface RunResult {
  replicas: number;
  stores: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Every round's figures (the top-level ones are the median round by req/s). */
  rounds?: { rps: number; p99Ms: number }[];
}

const quantile = (sorted: number[], q: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN) * 100) / 100;

function startMockUpstream(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/mock-upstream.ts', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout?.on('data', (b: Buffer) => {
      const m = /READY (\d+)/.exec(b.toString());
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}/v1` });
    });
    child.once('exit', (code) => reject(new Error(`mock upstream exited with ${code}`)));
  });
}

/** Closed-loop load: CONCURRENCY workers spread over the replicas, 1 s warm-up, then SECONDS measured. */
async function load(urls: string[], token: string): Promise<Omit<RunResult, 'replicas' | 'stores'>> {
  const pools = urls.map(
    (u) => new Pool(u, { connections: Math.ceil(CONCURRENCY / urls.length), pipelining: 1 }),
  );
  const lat: number[] = [];
  let errors = 0;
  const warmEnd = performance.now() + 1000;
  const end = warmEnd + SECONDS * 1000;
  const worker = async (w: number) => {
    const pool = pools[w % pools.length]!;
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const res = await pool.request({
          method: 'POST',
          path: '/v1/chat/completions',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: BODY,
        });
        await res.body.text();
        if (res.statusCode !== 200) errors++;
      } catch {
        errors++;
      }
      if (t0 >= warmEnd) lat.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  await Promise.all(pools.map((p) => p.close()));
  lat.sort((a, b) => a - b);
  return {
    rps: Math.round(lat.length / SECONDS),
    p50Ms: quantile(lat, 0.5),
    p99Ms: quantile(lat, 0.99),
    errors,
  };
}

async function main() {
  const [redis, pg, upstream] = await Promise.all([startRedis(), startPostgres(), startMockUpstream()]);
  const secret = randomBytes(32).toString('hex');
  const env = { WARDEN_SERVER_SECRET: secret };
  const db = openPostgres(pg.url);
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'warden-bench-scale-'));
    dirs.push(d);
    return d;
  };
  const results: RunResult[] = [];
  let auditCount = 0;
  let auditOk = false;
  try {
    const serverSecret = Buffer.from(secret, 'hex');
    const shared = await new IdentityAdmin({
      keys: new PostgresKeyStore(db),
      bans: new PostgresBanStore(db),
      serverSecret,
    }).createKey({ name: 'bench' }, 'bench');
    const limits = { principal: { requests: { limit: 100_000_000, window: '1m' } } };
    const base = {
      upstreams: [{ name: 'mock', baseUrl: upstream.url, models: ['*'] }],
      auth: { mode: 'keys' },
      limits,
    };

    // Baseline: one replica on the embedded SQLite stores (the default).
    const sqliteDir = tmp();
    const sdb = openSqlite(sqliteDir);
    const local = await new IdentityAdmin({
      keys: new SqliteKeyStore(sdb),
      bans: new SqliteBanStore(sdb),
      serverSecret,
    }).createKey({ name: 'bench' }, 'bench');
    sdb.close();
    // 2 x sqlite (two processes on one data directory, one host) is the control for the 2-replica figure.
    const setups = [
      { replicas: 1, stores: 'sqlite' },
      { replicas: 2, stores: 'sqlite' },
      { replicas: 1, stores: 'redis+postgres' },
      { replicas: 2, stores: 'redis+postgres' },
    ];
    const samples = new Map<string, RunResult[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const setup of setups) {
        const onShared = setup.stores !== 'sqlite';
        const running: Replica[] = await Promise.all(
          Array.from({ length: setup.replicas }, () =>
            startReplica(
              onShared
                ? { ...base, dataDir: tmp(), redis: { url: redis.url }, postgres: { url: pg.url } }
                : { ...base, dataDir: sqliteDir },
              env,
            ),
          ),
        );
        const r = await load(
          running.map((x) => x.url),
          onShared ? shared.token : local.token,
        );
        await Promise.all(running.map((x) => stopReplica(x)));
        const key = `${setup.replicas}/${setup.stores}`;
        samples.set(key, [...(samples.get(key) ?? []), { ...setup, ...r }]);
      }
    }
    for (const runs of samples.values()) {
      const sorted = [...runs].sort((x, y) => x.rps - y.rps);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      results.push({ ...median, rounds: runs.map((x) => ({ rps: x.rps, p99Ms: x.p99Ms })) } as RunResult);
    }
    const v = await postgresAuditStore(db, loadAuditKey(undefined, env)).verify();
    auditOk = v.ok;
    auditCount = v.count;
  } finally {
    await db.close();
    upstream.child.kill('SIGTERM');
    await Promise.all([redis.stop(), pg.stop()]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  for (const r of results)
    process.stdout.write(
      `${r.replicas} replica(s), ${r.stores}: ${r.rps} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, errors ${r.errors}\n`,
    );
  process.stdout.write(
    `${JSON.stringify({
      bench: 'scale',
      seconds: SECONDS,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      cpus: cpus().length,
      results,
      audit: { ok: auditOk, records: auditCount },
      note: 'loopback; load generator, replicas, Redis and PostgreSQL share the same CPUs',
    })}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`bench:scale: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
