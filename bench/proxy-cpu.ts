// Benchmark: CPU microseconds per proxied request (from /proc, robust to other load) for the bare node proxy
// and Warden's 'none' and 'default' profiles, at one concurrency; a quick A/B tool for hot-path work. Each target
// is measured on the short fixed exchange and on the realistic one (bench/lib/realistic.ts: system prompt, tool
// definition, a few turns, a markdown answer), reported under `realistic`.
// Targets run in alternation (A B C A B C ...) so drifting machine load hits each alike; medians over rounds.
// 'traced' is 'default' with OpenTelemetry on through the standard variables alone (sampler 1.0, OTLP
// http/protobuf) exporting to a sink this bench serves, which reads and discards what it receives.
// Env: BENCH_ROUNDS (5), BENCH_SECONDS (3), BENCH_CONCURRENCY (32), BENCH_TARGETS ('bare,none,default,traced',
// or a JSON list of {label, profile: 'bare'|'none'|'default'|'traced', root?: another checkout, env?: {...}});
// BENCH_PROFILE_DIR: Warden targets run under --cpu-prof and write their profiles there on exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { REALISTIC_BODY } from './lib/realistic.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
interface Spec {
  label: string;
  profile: 'bare' | 'none' | 'default' | 'traced';
  root?: string;
  env?: Record<string, string>;
}
const RAW_TARGETS = process.env.BENCH_TARGETS ?? 'bare,none,default,traced';
const SPECS: Spec[] = RAW_TARGETS.startsWith('[')
  ? (JSON.parse(RAW_TARGETS) as Spec[])
  : RAW_TARGETS.split(',').map((p) => ({ label: p, profile: p as Spec['profile'] }));
const children: ChildProcess[] = [];
let sink: Awaited<ReturnType<typeof startSink>> | undefined;
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const tmp = mkdtempSync(join(tmpdir(), 'warden-cpu-'));

interface Target {
  port: number;
  pid: number;
  auth?: string;
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function start(
  script: string,
  args: string[],
  opts: { profile?: boolean; root?: string; env?: Record<string, string | undefined> } = {},
): Promise<Target> {
  const prof = opts.profile && PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...prof, '--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: opts.root ?? process.cwd(),
      env: { ...process.env, ...opts.env },
    });
    children.push(child);
    let seen = false;
    const onData = (buf: Buffer) => {
      const m = /READY (\d+) ?(\S*)/.exec(buf.toString());
      if (m && !seen && child.pid) {
        seen = true;
        resolve({ port: Number(m[1]), pid: child.pid, ...(m[2] ? { auth: `Bearer ${m[2]}` } : {}) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      if (!seen) reject(new Error(`${script} exited with ${code}`));
    });
  });
}

const BODY = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'Hello, benchmark!' }],
});

async function load(
  t: Target,
  seconds: number,
  body = BODY,
): Promise<{ cpuUsPerReq: number; rps: number; errors: number }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (t.auth) headers.authorization = t.auth;
  const pool = new Pool(`http://127.0.0.1:${t.port}`, { connections: CONCURRENCY, pipelining: 1 });
  let count = 0;
  let errors = 0;
  let counting = false;
  let cpu0 = 0;
  const warmEnd = performance.now() + 300;
  const end = warmEnd + seconds * 1000;
  setTimeout(() => {
    cpu0 = cpuMs(t.pid);
    counting = true;
  }, 300);
  const worker = async () => {
    while (performance.now() < end) {
      try {
        const res = await pool.request({ method: 'POST', path: '/v1/chat/completions', headers, body });
        await res.body.text();
        if (res.statusCode !== 200) errors++;
      } catch {
        errors++;
      }
      if (counting) count++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = cpuMs(t.pid) - cpu0;
  await pool.close();
  return { cpuUsPerReq: (cpu * 1000) / count, rps: count / seconds, errors };
}

/** The OTLP sink for 'traced' targets: counts the export requests and discards their bodies. */
async function startSink(): Promise<{ server: Server; url: string; exports: () => number }> {
  let exports = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      exports++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}`, exports: () => exports };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const upstream = await start('bench/lib/mock-upstream.ts', ['0']);
  const url = `http://127.0.0.1:${upstream.port}/v1`;
  sink = SPECS.some((s) => s.profile === 'traced') ? await startSink() : undefined;
  // Tracing through the standard variables only; every other target has them removed.
  const otel = (on: boolean): Record<string, string | undefined> =>
    on && sink
      ? {
          OTEL_TRACES_EXPORTER: 'otlp',
          OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
          OTEL_TRACES_SAMPLER: 'always_on',
          OTEL_SDK_DISABLED: undefined,
        }
      : { OTEL_TRACES_EXPORTER: undefined, OTEL_SDK_DISABLED: 'true' };
  const targets: Record<string, Target> = {};
  for (const spec of SPECS) {
    const env = { ...otel(spec.profile === 'traced'), ...spec.env };
    const opts = { ...(spec.root ? { root: spec.root } : {}), env };
    const profile = spec.profile === 'traced' ? 'default' : spec.profile;
    targets[spec.label] =
      profile === 'bare'
        ? await start('bench/lib/bare-proxy.ts', ['0', String(upstream.port)], opts)
        : await start('bench/lib/warden-server.ts', ['0', url, profile, join(tmp, spec.label)], {
            ...opts,
            profile: true,
          });
  }
  type Run = { cpuUsPerReq: number; rps: number; errors: number };
  const runs: Record<string, { short: Run[]; realistic: Run[] }> = {};
  for (const n of Object.keys(targets)) {
    await load(targets[n]!, 1); // JIT warm-up
    await load(targets[n]!, 1, REALISTIC_BODY);
    runs[n] = { short: [], realistic: [] };
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const n of Object.keys(targets)) {
      runs[n]!.short.push(await load(targets[n]!, SECONDS));
      runs[n]!.realistic.push(await load(targets[n]!, SECONDS, REALISTIC_BODY));
    }
  }
  const sum = (xs: Run[]) => ({
    cpuUsPerReq: Math.round(median(xs.map((x) => x.cpuUsPerReq)) * 10) / 10,
    cpuUsPerReqAll: xs.map((x) => Math.round(x.cpuUsPerReq * 10) / 10),
    rps: Math.round(median(xs.map((x) => x.rps))),
    errors: xs.reduce((s, x) => s + x.errors, 0),
  });
  const results = Object.fromEntries(
    Object.entries(runs).map(([n, r]) => [n, { ...sum(r.short), realistic: sum(r.realistic) }]),
  );
  process.stdout.write(
    `${JSON.stringify({ bench: 'proxy-cpu', concurrency: CONCURRENCY, rounds: ROUNDS, seconds: SECONDS, results, ...(sink ? { otlpExports: sink.exports() } : {}) })}\n`,
  );
}

main()
  .catch((err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    // SIGINT lets Warden close and exit normally, which is when --cpu-prof writes its profile.
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGINT');
            setTimeout(() => c.kill('SIGKILL'), 15_000).unref();
          }),
      ),
    );
    sink?.server.close();
    rmSync(tmp, { recursive: true, force: true });
  });
