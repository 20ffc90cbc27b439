// Heavy inputs beside small ones: four concurrent ~390 KB requests from one key while another key sends small
// requests; reports the small client's p50/p99 alone and under the load, with the guard CPU pool on and off.
// Run alone (`node --import tsx bench/hostile-cpu.ts`, one JSON object last) or from bench/hostile-load.ts.
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';

const SECONDS = Number(process.env.BENCH_CPU_SECONDS ?? process.env.BENCH_SECONDS ?? 5);
const HEAVY_CONCURRENCY = 4;
const HEAVY_CHARS = 390_000;
const self = fileURLToPath(import.meta.url);

/** Child mode: a gateway with the default guards, two keys, the pool on or off; prints READY port heavy light. */
async function serve(upstream: string, pool: 'on' | 'off', dataDir: string) {
  const { pino } = await import('pino');
  const { buildWarden } = await import('../src/app.js');
  const { embeddedDefaults, validateConfig } = await import('../src/config/load.js');
  const base = embeddedDefaults({ upstream });
  const config = validateConfig(
    {
      ...base,
      dataDir,
      limits: { principal: { requests: { limit: 1_000_000_000, window: '1m' }, concurrent: 100_000 } },
      guards: { ...base.guards, cpu: { threads: pool === 'on' ? 1 : 0 } },
    },
    'bench',
  );
  const app = buildWarden(config, { log: pino({ level: 'silent' }) });
  await app.guardCpu.start();
  const heavy = (await app.admin.createKey({ name: 'heavy' }, 'bench')).token;
  const light = (await app.admin.createKey({ name: 'light' }, 'bench')).token;
  const addr = await app.gateway.listen(0, '127.0.0.1');
  process.stderr.write(`READY ${addr.port} ${heavy} ${light}\n`);
  process.once('SIGTERM', () => {
    app.close().finally(() => process.exit(0));
  });
}

function start(args: string[], children: ChildProcess[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const onData = (b: Buffer) => {
      const m = /READY (.*)/.exec(b.toString());
      if (m) resolve(m[1]!.trim().split(' '));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (c) => reject(new Error(`exited ${c}`)));
  });
}

const quantile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;

/** Sends requests on `concurrency` loops until `end`; returns latencies and status counts. */
async function load(port: number, key: string, content: string, concurrency: number, end: number) {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: concurrency });
  const body = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content }] });
  const lat: number[] = [];
  const statuses: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        let status = 'error';
        try {
          const r = await pool.request({
            method: 'POST',
            path: '/v1/chat/completions',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body,
          });
          await r.body.text();
          status = String(r.statusCode);
        } catch {
          // counted as 'error'
        }
        lat.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  await pool.close();
  lat.sort((a, b) => a - b);
  return { requests: lat.length, statuses, p50Ms: quantile(lat, 0.5), p99Ms: quantile(lat, 0.99) };
}

const prose = (chars: number) =>
  'The quarterly report covers revenue, hiring and the new office in Lyon; see the appendix for details. '
    .repeat(Math.ceil(chars / 101))
    .slice(0, chars);

async function variant(upstreamPort: string, pool: 'on' | 'off', children: ChildProcess[]) {
  const dataDir = `/tmp/warden-hostile-cpu-${process.pid}-${pool}`;
  const [port, heavy, light] = await start(
    [self, '--serve', `http://127.0.0.1:${upstreamPort}/v1`, pool, dataDir],
    children,
  );
  const p = Number(port);
  const small = 'What is the capital of France?';
  await load(p, light!, small, 1, performance.now() + 1000); // warm-up, not reported
  await load(p, heavy!, prose(HEAVY_CHARS), 1, performance.now() + 1000);
  const alone = await load(p, light!, small, 1, performance.now() + SECONDS * 1000);
  const end = performance.now() + SECONDS * 1000;
  const [underLoad, heavyClient] = await Promise.all([
    load(p, light!, small, 1, end),
    load(p, heavy!, prose(HEAVY_CHARS), HEAVY_CONCURRENCY, end),
  ]);
  rmSync(dataDir, { recursive: true, force: true });
  return { smallAlone: alone, smallUnderLoad: underLoad, heavy: heavyClient };
}

/** The scenario, both ways; bench/hostile-load.ts includes the result in its JSON. */
export async function runHostileCpu() {
  const children: ChildProcess[] = [];
  try {
    const [upstreamPort] = await start(['bench/lib/mock-upstream.ts', '0'], children);
    const off = await variant(upstreamPort!, 'off', children);
    const on = await variant(upstreamPort!, 'on', children);
    return {
      scenario: 'hostile-cpu',
      heavyConcurrency: HEAVY_CONCURRENCY,
      heavyChars: HEAVY_CHARS,
      secondsPerPhase: SECONDS,
      loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
      poolOff: off,
      poolOn: on,
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
  }
}

if (process.argv[1] === self) {
  const args = process.argv.slice(2);
  if (args[0] === '--serve') {
    await serve(args[1]!, args[2] === 'on' ? 'on' : 'off', args[3]!);
  } else {
    const out = await runHostileCpu();
    process.stdout.write(`${JSON.stringify({ bench: 'hostile-cpu', ...out })}\n`);
  }
}
