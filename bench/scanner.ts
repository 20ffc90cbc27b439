// Scanner benchmark: distinct offline case count, and cases per second against the simulator on loopback,
// bare and behind a Warden gateway with the embedded default guards (simulator and gateway run as their own
// processes, as in production). Prints the per-family comparison table, then one JSON line.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { embeddedDefaults } from '../src/config/load.js';
import { defaultChains } from '../src/scan/converters/index.js';
import { caseRefs, probes } from '../src/scan/probes/index.js';
import { comparisonTable } from '../src/scan/report/summary.js';
import { runScan } from '../src/scan/scan.js';
import type { ScanStats } from '../src/scan/stats.js';
import { openAIChatTarget } from '../src/scan/targets/openai.js';

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
let distinctCases = 0;
for (const _ of caseRefs([...probes.values()], defaultChains(false))) distinctCases++;

/** Starts `warden <args>` and resolves with the /v1 URL it announces on stderr. */
function startWarden(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, WARDEN_LOG_LEVEL: 'silent' },
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString('utf8');
      const m = /listening on (http:\/\/\S+\/v1)/.exec(err);
      if (m) resolve({ url: m[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`warden ${args[0]} exited (${code}): ${err.slice(0, 300)}`)));
  });
}

const stop = (c: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (c.exitCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
  });

const tables: { label: string; stats: ScanStats }[] = [];
const dir = mkdtempSync(join(tmpdir(), 'warden-bench-scan-'));

async function scan(url: string, label: string, converters?: string, apiKey?: string) {
  const target = openAIChatTarget({
    baseUrl: url,
    model: 'warden-sim-1',
    connections: concurrency,
    ...(apiKey ? { apiKey } : {}),
  });
  const t0 = performance.now();
  const { summary } = await runScan({
    target,
    model: 'warden-sim-1',
    concurrency,
    reportDir: join(dir, label),
    ...(converters ? { converters } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  await target.close();
  tables.push({ label, stats: summary.stats });
  const o = summary.stats.overall;
  return {
    attempts: o.total,
    seconds: Number(seconds.toFixed(2)),
    casesPerSecond: Math.round(o.total / seconds),
    outcomes: o.counts,
    attackSuccess: Number(o.attackSuccess.rate.toFixed(4)),
    familiesVulnerable: summary.stats.byFamily.filter((g) => g.counts.vulnerable > 0).length,
    families: summary.stats.byFamily.length,
  };
}

const sim = await startWarden(['sim', '--port', '0']);
let gw: { url: string; child: ChildProcess } | undefined;
try {
  await scan(sim.url, 'bare simulator, plain seeds only', 'none');
  const bare = await scan(sim.url, 'bare simulator');
  // Default guards; limits raised and extraction monitoring off, or the scan itself would be throttled
  // (thousands of diverse queries from one key is exactly what those controls look for).
  const cfg = join(dir, 'gateway.yaml');
  writeFileSync(
    cfg,
    JSON.stringify({
      dataDir: join(dir, 'gw'),
      upstreams: [{ name: 'sim', baseUrl: sim.url, models: ['*'] }],
      limits: { principal: { requests: { limit: 1_000_000, window: '1m' }, concurrent: 10_000 } },
      extraction: { enabled: false },
      guards: embeddedDefaults().guards,
    }),
  );
  const key = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      'keys',
      'create',
      '--name',
      'scanner',
      '--scopes',
      'chat,scan',
      '--data-dir',
      join(dir, 'gw'),
    ],
    { encoding: 'utf8' },
  ).stdout.trim();
  gw = await startWarden(['serve', '--config', cfg, '--port', '0']);
  const behind = await scan(gw.url, 'behind Warden (default guards)', undefined, key);
  process.stdout.write(`${comparisonTable(tables)}\n\n`);
  process.stdout.write(
    `${JSON.stringify({ bench: 'scanner', distinctCases, probeFamilies: probes.size, concurrency, bare, behindWardenDefaults: behind })}\n`,
  );
} finally {
  if (gw) await stop(gw.child);
  await stop(sim.child);
  rmSync(dir, { recursive: true, force: true });
}
