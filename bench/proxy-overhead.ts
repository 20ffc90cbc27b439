// Benchmark: latency and throughput added by Warden versus direct, nginx, a bare node proxy and the open-source
// Portkey gateway as the peer (all on loopback), for the short fixed exchange and a realistic one (realistic.ts).
// Alternating runs (A B C ... A B C ...), medians over rounds; last stdout line is one JSON object.
// BENCH_BASELINE_ROOT: another checkout (node_modules linked) whose Warden, with its default guards, runs as the
// row `wardenDefaultGuardsBaseline` in the same run (built there too when Warden runs from dist), for A/B.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { REALISTIC_BODY, REALISTIC_STREAM_BODY } from './lib/realistic.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2.5);
const TTFB_SAMPLES = Number(process.env.BENCH_TTFB_SAMPLES ?? 300);
const children: ChildProcess[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'warden-bench-'));

const authFor = new Map<number, string>();
/** Headers a target needs besides auth (Portkey: which provider, and the mock upstream as its custom host). */
const extraHeadersFor = new Map<number, Record<string, string>>();
const pidFor = new Map<number, number>();

/** CPU time (user + system, ms) a process has used so far, from /proc: robust to other load on the machine. */
function cpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

function start(cmd: string, args: string[], cwd?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
    children.push(child);
    let seen = false;
    const onData = (buf: Buffer) => {
      const m = /READY (\d+) ?(\S*)/.exec(buf.toString());
      if (m && !seen) {
        seen = true;
        if (m[2]) authFor.set(Number(m[1]), `Bearer ${m[2]}`);
        if (child.pid) pidFor.set(Number(m[1]), child.pid);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      if (!seen) reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`));
    });
  });
}

const tsx = (script: string, ...args: string[]) =>
  start(process.execPath, ['--import', 'tsx', script, ...args]);
const BASELINE_ROOT = process.env.BENCH_BASELINE_ROOT;

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

async function startNginx(upstreamPort: number): Promise<number | undefined> {
  if (spawnSync('sh', ['-c', 'command -v nginx']).status !== 0) return undefined;
  const port = await freePort();
  const dir = join(tmp, 'nginx');
  spawnSync('mkdir', ['-p', dir]);
  spawnSync('chmod', ['777', dir]);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream up { server 127.0.0.1:${upstreamPort}; keepalive 128; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }
  }
}
`,
  );
  const child = spawn('nginx', ['-c', conf], { stdio: 'ignore' });
  children.push(child);
  for (let i = 0; i < 50; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', body: '{}' });
      await res.text();
      return port;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return undefined;
}

const BODY = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'Hello, benchmark!' }],
});
const STREAM_BODY = JSON.stringify({
  model: 'bench-model',
  stream: true,
  messages: [{ role: 'user', content: 'Hello, benchmark!' }],
});

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const median = (xs: number[]) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

interface RunResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** CPU time the target process spent per request (NaN for targets whose process is not ours, e.g. nginx). */
  cpuUsPerReq: number;
}

function headersFor(port: number): Record<string, string> {
  const auth = authFor.get(port);
  return {
    'content-type': 'application/json',
    ...(auth ? { authorization: auth } : {}),
    ...extraHeadersFor.get(port),
  };
}

async function load(port: number, concurrency: number, seconds: number, body = BODY): Promise<RunResult> {
  const headers = headersFor(port);
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: concurrency, pipelining: 1 });
  const lat: number[] = [];
  let errors = 0;
  const pid = pidFor.get(port);
  let cpuStart = Number.NaN;
  let count = 0;
  const warmEnd = performance.now() + 300;
  setTimeout(() => {
    cpuStart = cpuMs(pid);
  }, 300);
  const end = warmEnd + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const res = await pool.request({
          method: 'POST',
          path: '/v1/chat/completions',
          headers,
          body,
        });
        await res.body.text();
        if (res.statusCode !== 200) errors++;
      } catch {
        errors++;
      }
      const t1 = performance.now();
      if (t0 >= warmEnd) {
        lat.push(t1 - t0);
        count++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpuUsPerReq = ((cpuMs(pid) - cpuStart) * 1000) / count;
  await pool.close();
  lat.sort((a, b) => a - b);
  return {
    rps: lat.length / seconds,
    p50Ms: quantile(lat, 0.5),
    p99Ms: quantile(lat, 0.99),
    errors,
    cpuUsPerReq,
  };
}

async function ttfb(port: number, samples: number, body = STREAM_BODY): Promise<number> {
  const headers = headersFor(port);
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 1 });
  const times: number[] = [];
  for (let i = 0; i < samples + 20; i++) {
    const t0 = performance.now();
    const res = await pool.request({
      method: 'POST',
      path: '/v1/chat/completions',
      headers,
      body,
    });
    let first = 0;
    for await (const _ of res.body) {
      if (!first) first = performance.now();
    }
    if (i >= 20) times.push(first - t0);
  }
  await pool.close();
  return median(times);
}

async function main(): Promise<void> {
  // Warden runs from the compiled build, as `npm start` does (WARDEN_BENCH_FROM=src: the sources via tsx)
  process.env.WARDEN_BENCH_FROM ??= 'dist';
  if (process.env.WARDEN_BENCH_FROM === 'dist') {
    for (const cwd of [process.cwd(), ...(BASELINE_ROOT ? [BASELINE_ROOT] : [])]) {
      const build = spawnSync('npm', ['run', 'build'], { stdio: 'ignore', cwd });
      if (build.status !== 0) throw new Error(`npm run build failed in ${cwd}`);
    }
  }
  const upstreamPort = await tsx('bench/lib/mock-upstream.ts', '0');
  const targets: Record<string, number> = { direct: upstreamPort };
  const nginx = await startNginx(upstreamPort);
  if (nginx) targets.nginx = nginx;
  targets.bareNodeProxy = await tsx('bench/lib/bare-proxy.ts', '0', String(upstreamPort));
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}/v1`;
  targets.wardenNoGuards = await tsx('bench/lib/warden-server.ts', '0', upstreamUrl, 'none', join(tmp, 'w1'));
  targets.wardenDefaultGuards = await tsx(
    'bench/lib/warden-server.ts',
    '0',
    upstreamUrl,
    'default',
    join(tmp, 'w2'),
  );
  if (BASELINE_ROOT) {
    targets.wardenDefaultGuardsBaseline = await start(
      process.execPath,
      ['--import', 'tsx', 'bench/lib/warden-server.ts', '0', upstreamUrl, 'default', join(tmp, 'w3')],
      BASELINE_ROOT,
    );
  }
  // The peer: Portkey's gateway guards nothing; it reaches the same mock upstream as its OpenAI custom host.
  targets.portkey = await tsx('bench/lib/portkey-server.ts', '0');
  extraHeadersFor.set(targets.portkey, {
    'x-portkey-provider': 'openai',
    'x-portkey-custom-host': upstreamUrl,
    authorization: 'Bearer sk-bench-not-a-key',
  });

  const names = Object.keys(targets);
  type Raw = { c1: RunResult[]; c32: RunResult[]; ttfb: number[]; real32: RunResult[]; realTtfb: number[] };
  const raw: Record<string, Raw> = {};
  for (const n of names) raw[n] = { c1: [], c32: [], ttfb: [], real32: [], realTtfb: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const n of names) {
      raw[n]!.c1.push(await load(targets[n]!, 1, SECONDS));
      raw[n]!.c32.push(await load(targets[n]!, 32, SECONDS));
      raw[n]!.ttfb.push(await ttfb(targets[n]!, TTFB_SAMPLES));
      raw[n]!.real32.push(await load(targets[n]!, 32, SECONDS, REALISTIC_BODY));
      raw[n]!.realTtfb.push(await ttfb(targets[n]!, TTFB_SAMPLES, REALISTIC_STREAM_BODY));
      process.stderr.write(`round ${round + 1}/${ROUNDS} ${n}: done\n`);
    }
  }
  const summary: Record<string, unknown> = {};
  const pick = (n: string) => {
    const r = raw[n]!;
    return {
      c1: {
        rps: median(r.c1.map((x) => x.rps)),
        p50Ms: median(r.c1.map((x) => x.p50Ms)),
        p99Ms: median(r.c1.map((x) => x.p99Ms)),
      },
      c32: {
        rps: median(r.c32.map((x) => x.rps)),
        p50Ms: median(r.c32.map((x) => x.p50Ms)),
        p99Ms: median(r.c32.map((x) => x.p99Ms)),
        cpuUsPerReq: median(r.c32.map((x) => x.cpuUsPerReq)),
      },
      streamTtfbP50Ms: median(r.ttfb),
      realistic: {
        c32: {
          rps: median(r.real32.map((x) => x.rps)),
          p50Ms: median(r.real32.map((x) => x.p50Ms)),
          p99Ms: median(r.real32.map((x) => x.p99Ms)),
          cpuUsPerReq: median(r.real32.map((x) => x.cpuUsPerReq)),
        },
        streamTtfbP50Ms: median(r.realTtfb),
      },
      errors: [...r.c1, ...r.c32, ...r.real32].reduce((s, x) => s + x.errors, 0),
    };
  };
  for (const n of names) summary[n] = pick(n);
  const s = summary as Record<string, ReturnType<typeof pick>>;
  const added = (n: string) => s[n]!.c1.p50Ms - s.direct!.c1.p50Ms;
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  const comparison = {
    addedP50MsC1: Object.fromEntries(names.filter((n) => n !== 'direct').map((n) => [n, round3(added(n))])),
    wardenNoGuardsAddedVsBare: round3(added('wardenNoGuards') / added('bareNodeProxy')),
    wardenNoGuardsRpsShareC32: round3(s.wardenNoGuards!.c32.rps / s.bareNodeProxy!.c32.rps),
    wardenDefaultRpsShareC32: round3(s.wardenDefaultGuards!.c32.rps / s.bareNodeProxy!.c32.rps),
    streamTtfbAddedOverBareMs: {
      wardenNoGuards: round3(s.wardenNoGuards!.streamTtfbP50Ms - s.bareNodeProxy!.streamTtfbP50Ms),
      wardenDefaultGuards: round3(s.wardenDefaultGuards!.streamTtfbP50Ms - s.bareNodeProxy!.streamTtfbP50Ms),
    },
    // How many times less CPU per request Warden with its default guards uses than Portkey (guarding nothing),
    // and how many times its req/s at c32: short exchange, then the realistic one.
    portkeyCpuPerReqOverWardenDefault: round3(
      s.portkey!.c32.cpuUsPerReq / s.wardenDefaultGuards!.c32.cpuUsPerReq,
    ),
    wardenDefaultRpsOverPortkeyC32: round3(s.wardenDefaultGuards!.c32.rps / s.portkey!.c32.rps),
    realisticPortkeyCpuPerReqOverWardenDefault: round3(
      s.portkey!.realistic.c32.cpuUsPerReq / s.wardenDefaultGuards!.realistic.c32.cpuUsPerReq,
    ),
    realisticWardenDefaultRpsOverPortkeyC32: round3(
      s.wardenDefaultGuards!.realistic.c32.rps / s.portkey!.realistic.c32.rps,
    ),
    // A/B against BENCH_BASELINE_ROOT: CPU per request with the default guards, this checkout over the baseline.
    ...(s.wardenDefaultGuardsBaseline
      ? {
          defaultCpuPerReqOverBaseline: round3(
            s.wardenDefaultGuards!.c32.cpuUsPerReq / s.wardenDefaultGuardsBaseline.c32.cpuUsPerReq,
          ),
          realisticDefaultCpuPerReqOverBaseline: round3(
            s.wardenDefaultGuards!.realistic.c32.cpuUsPerReq /
              s.wardenDefaultGuardsBaseline.realistic.c32.cpuUsPerReq,
          ),
        }
      : {}),
  };
  const targetsMet = {
    noGuardsLatencyWithin1_2xBare: comparison.wardenNoGuardsAddedVsBare <= 1.2,
    noGuardsRpsAtLeast85pct: comparison.wardenNoGuardsRpsShareC32 >= 0.85,
    defaultGuardsRpsAtLeast60pct: comparison.wardenDefaultRpsShareC32 >= 0.6,
    ttfbAddedUnder1ms: comparison.streamTtfbAddedOverBareMs.wardenDefaultGuards < 1,
  };
  const out = {
    bench: 'proxy-overhead',
    rounds: ROUNDS,
    secondsPerRun: SECONDS,
    nginx: Boolean(nginx),
    wardenFrom: process.env.WARDEN_BENCH_FROM,
    ...(BASELINE_ROOT ? { baselineRoot: BASELINE_ROOT } : {}),
    results: summary,
    comparison,
    targetsMet,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main()
  .catch((err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) c.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  });
