// Scanner benchmark: distinct offline case count, and cases per second against the simulator on loopback,
// bare and behind a Warden gateway with the embedded default guards. Prints the per-family tables, then one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { buildWarden } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import { defaultChains } from '../src/scan/converters/index.js';
import { caseRefs, probes } from '../src/scan/probes/index.js';
import { comparisonTable } from '../src/scan/report/summary.js';
import { runScan } from '../src/scan/scan.js';
import type { ScanStats } from '../src/scan/stats.js';
import { openAIChatTarget } from '../src/scan/targets/openai.js';
import { startSimulator } from '../src/sim/server.js';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
let distinctCases = 0;
for (const _ of caseRefs([...probes.values()], defaultChains(false))) distinctCases++;

const tables: { label: string; stats: ScanStats }[] = [];
const sim = await startSimulator(0);
const dir = mkdtempSync(join(tmpdir(), 'warden-bench-scan-'));

async function scan(url: string, label: string) {
  const target = openAIChatTarget({ baseUrl: url, model: 'warden-sim-1', connections: concurrency });
  const t0 = performance.now();
  const { summary } = await runScan({
    target,
    model: 'warden-sim-1',
    concurrency,
    reportDir: join(dir, label),
  });
  const seconds = (performance.now() - t0) / 1000;
  await target.close();
  tables.push({ label, stats: summary.stats });
  const o = summary.stats.overall;
  const familiesVulnerable = summary.stats.byFamily.filter((g) => g.counts.vulnerable > 0).length;
  return {
    attempts: o.total,
    seconds: Number(seconds.toFixed(2)),
    casesPerSecond: Math.round(o.total / seconds),
    outcomes: o.counts,
    attackSuccess: Number(o.attackSuccess.rate.toFixed(4)),
    familiesVulnerable,
    families: summary.stats.byFamily.length,
  };
}

try {
  const bare = await scan(sim.url, 'bare-simulator');
  const config = validateConfig(
    { ...embeddedDefaults({ upstream: sim.url }), dataDir: join(dir, 'gw') },
    'bench',
  );
  const app = buildWarden(config, { log: pino({ level: 'silent' }) });
  const addr = await app.gateway.listen(0, '127.0.0.1');
  const gateway = await scan(`http://127.0.0.1:${addr.port}/v1`, 'behind-warden-default-guards');
  await app.close();
  process.stdout.write(`${comparisonTable(tables)}\n\n`);
  process.stdout.write(
    `${JSON.stringify({ bench: 'scanner', distinctCases, probeFamilies: probes.size, concurrency, bare, behindWardenDefaults: gateway })}\n`,
  );
} finally {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}
