// Load test on loopback: fast authenticated clients' latency alone, then with 200 slow-loris connections
// held open from other addresses (127.0.0.2 and up; the fast clients come from 127.0.0.1), against a
// listener smaller than the attack (BENCH_MAX_CONNECTIONS, default 100). Bounded in count and time;
// reports p50/p99 both ways, the ratio, errors, shed connections, peak RSS.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { Pool } from 'undici';
import { runHostileCpu } from './hostile-cpu.js';

const FAST_CLIENTS = Number(process.env.BENCH_FAST ?? 50);
const SLOW_CLIENTS = Number(process.env.BENCH_SLOW ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SLOW_ADDRESSES = Number(process.env.BENCH_SLOW_ADDRESSES ?? 8);
const MAX_CONNECTIONS = Number(process.env.BENCH_MAX_CONNECTIONS ?? 100);
const children: ChildProcess[] = [];

function start(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ port: number; pid: number; key: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    children.push(child);
    const onData = (b: Buffer) => {
      const m = /READY (\d+) ?(\S*)/.exec(b.toString());
      if (m) resolve({ port: Number(m[1]), pid: child.pid!, key: m[2] ?? '' });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (c) => reject(new Error(`exited ${c}`)));
  });
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

async function fastLoad(port: number, key: string) {
  const pool = new Pool(`http://127.0.0.1:${port}`, {
    connections: FAST_CLIENTS,
    connect: { localAddress: '127.0.0.1' },
  });
  const body = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'hello' }] });
  const lat: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: FAST_CLIENTS }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const r = await pool.request({
            method: 'POST',
            path: '/v1/chat/completions',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body,
          });
          await r.body.text();
          // Latency of answered requests only: a refused connection is fast and must not flatter p99.
          if (r.statusCode === 200) lat.push(performance.now() - t0);
          else errors++;
        } catch {
          errors++;
          await new Promise((r) => setTimeout(r, 10)); // a refused client retries, but not in a hot loop
        }
      }
    }),
  );
  await pool.close();
  lat.sort((a, b) => a - b);
  const q = (p: number) =>
    lat.length === 0
      ? null
      : Math.round(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]! * 1000) / 1000;
  return { answered: lat.length, errors, p50Ms: q(0.5), p99Ms: q(0.99) };
}

/** Opens connections from 127.0.0.2 and up that dribble one header byte every second and never finish. */
function slowLoris(port: number, n: number) {
  const sockets: Socket[] = [];
  let closedByServer = 0;
  for (let i = 0; i < n; i++) {
    const s = connect({ port, host: '127.0.0.1', localAddress: `127.0.0.${2 + (i % SLOW_ADDRESSES)}` });
    s.on('error', () => {});
    s.resume(); // read what the server sends (its 408 and FIN), or 'close' never fires
    s.on('close', () => {
      closedByServer++;
    });
    s.write('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n');
    const timer = setInterval(() => {
      if (!s.destroyed) s.write('X');
    }, 1000);
    s.on('close', () => clearInterval(timer));
    sockets.push(s);
  }
  return {
    stop() {
      for (const s of sockets) s.destroy();
    },
    closed: () => closedByServer,
  };
}

async function main() {
  const upstream = await start(['bench/lib/mock-upstream.ts', '0']);
  const w = await start(
    [
      'bench/lib/warden-server.ts',
      '0',
      `http://127.0.0.1:${upstream.port}/v1`,
      'default',
      `/tmp/warden-hostile-${process.pid}`,
    ],
    { WARDEN_BENCH_SERVER: JSON.stringify({ maxConnections: MAX_CONNECTIONS }) },
  );
  await fastLoad(w.port, w.key); // warm-up (JIT, pools), not reported
  const baseline = await fastLoad(w.port, w.key);
  const rssBefore = rssMb(w.pid);
  const loris = slowLoris(w.port, SLOW_CLIENTS);
  await new Promise((r) => setTimeout(r, 500));
  const underAttack = await fastLoad(w.port, w.key);
  const rssDuring = rssMb(w.pid);
  // The default headersTimeoutMs is 10 s: give the server until then to drop every slow connection.
  const deadline = Date.now() + 12_000;
  while (loris.closed() < SLOW_CLIENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  const closedBeforeEnd = loris.closed();
  loris.stop();
  const alive = (() => {
    try {
      process.kill(w.pid, 0);
      return true;
    } catch {
      return false;
    }
  })();
  const out = {
    bench: 'hostile-load',
    fastClients: FAST_CLIENTS,
    slowLorisConnections: SLOW_CLIENTS,
    slowLorisAddresses: SLOW_ADDRESSES,
    maxConnections: MAX_CONNECTIONS,
    secondsPerPhase: SECONDS,
    baseline,
    withSlowLoris: underAttack,
    p99Ratio:
      underAttack.p99Ms === null || baseline.p99Ms === null
        ? null
        : Math.round((underAttack.p99Ms / baseline.p99Ms) * 100) / 100,
    slowConnectionsClosedByServer: closedBeforeEnd,
    rssMb: { before: rssBefore, during: rssDuring },
    gatewayAlive: alive,
    targetP99Within2x:
      underAttack.p99Ms !== null && baseline.p99Ms !== null && underAttack.p99Ms <= 2 * baseline.p99Ms,
    fastClientsUnharmed: underAttack.errors === 0,
  };
  // Heavy inputs beside small requests, guard CPU pool on and off (BENCH_CPU=off skips it).
  if (process.env.BENCH_CPU !== 'off') Object.assign(out, { hostileCpu: await runHostileCpu() });
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main()
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) c.kill('SIGTERM');
  });
