// The extraction monitor under a steady load, with its embedding budget (decision 2710): the CPU it spends per
// second against the budget, how many queries it embeds and skips, whether any are dropped, and whether every
// key is observed. The lexical embedder fits the budget at this load; USE lite (about 20 ms a text) does not,
// which is what the budget is for. Runs in this process, as the monitor runs in its worker thread.
// BENCH_SECONDS (20), BENCH_RATE (2000 queries a second), BENCH_EMBEDDERS (lexical,use), BENCH_BUDGET_MS (1000).
import { DEFAULT_EMBED_BUDGET } from '../src/extraction/budget.js';
import { loadCalibration } from '../src/extraction/calibration.js';
import { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import type { Embedder } from '../src/extraction/embedders/types.js';
import { UseEmbedder } from '../src/extraction/embedders/use.js';
import { ExtractionMonitor } from '../src/extraction/monitor.js';
import { SyntheticWorld } from '../src/extraction/world.js';
import { round } from './extraction-eval.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 2000);
const EMBEDDERS = (process.env.BENCH_EMBEDDERS ?? 'lexical,use').split(',');
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? DEFAULT_EMBED_BUDGET.msPerSecond);
const HEAVY = 10; // keys sending three quarters of the traffic
const LIGHT = 200; // keys sending the rest

function embedderFor(name: string): Embedder {
  if (name === 'lexical') return new LexicalEmbedder();
  if (name === 'use') return new UseEmbedder();
  throw new Error(`unknown embedder ${name} (lexical, use)`);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function stage(name: string, budget: boolean) {
  const embedder = embedderFor(name);
  await embedder.embed(['warm up']); // loads the model before the clock starts
  // the scores are not what is measured: any table fits (only the lexical one is committed)
  const calibration = loadCalibration().get('lexical-256')!;
  const monitor = new ExtractionMonitor({
    embedder,
    calibration,
    ...(budget ? { embedBudget: { ...DEFAULT_EMBED_BUDGET, msPerSecond: BUDGET_MS } } : {}),
  });
  const world = new SyntheticWorld(11);
  const texts = world.stream('generalist', 4000, 3).map((q) => q.text);
  const keyOf = (i: number) =>
    i % 4 === 3 ? `light-${(i >> 2) % LIGHT}` : `heavy-${((i >> 2) * 3 + (i % 4)) % HEAVY}`;
  const total = RATE * SECONDS;
  const observeNs: number[] = [];
  let sent = 0;
  let maxQueued = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * RATE) / 1000));
    for (; sent < due; sent++) {
      const t = process.hrtime.bigint();
      // a counter keeps every text distinct, as the gateway skips exact repeats before observe()
      monitor.observe({
        principal: keyOf(sent),
        text: `${texts[sent % texts.length]} #${sent}`,
        ts: Date.now(),
      });
      observeNs.push(Number(process.hrtime.bigint() - t));
    }
    maxQueued = Math.max(maxQueued, monitor.stats().queued);
    await sleep(5);
  }
  const loadMs = performance.now() - started;
  await monitor.flush();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const stats = monitor.stats();
  const reports = await monitor.report();
  const observed = (prefix: string) => reports.filter((r) => r.subject.startsWith(prefix) && r.n > 0).length;
  const heavyN = reports.filter((r) => r.subject.startsWith('heavy-')).map((r) => r.n);
  observeNs.sort((a, b) => a - b);
  await monitor.close();
  return {
    embedder: embedder.id,
    budgetMsPerSecond: budget ? BUDGET_MS : null,
    queries: total,
    loadSeconds: round(loadMs / 1000, 1),
    drainSecondsAfterLoad: round((wallMs - loadMs) / 1000, 1),
    cpuMsPerSecond: round(((cpu.user + cpu.system) / 1000 / wallMs) * 1000, 0),
    embedded: stats.embedded,
    skipped: stats.skipped,
    dropped: stats.dropped,
    maxQueued,
    budgetMsSpentPerSecond: round(((stats.embedded * stats.msPerEmbeddedQuery) / wallMs) * 1000, 0),
    embedRateAtEnd: round(stats.embedRate, 4),
    msPerEmbeddedQuery: round(stats.msPerEmbeddedQuery, 3),
    heavyKeysObserved: `${observed('heavy-')}/${HEAVY}`,
    heavyKeyEmbeddedMin: Math.min(...heavyN),
    heavyKeyEmbeddedMax: Math.max(...heavyN),
    lightKeysObserved: `${observed('light-')}/${LIGHT}`,
    observeP50Microseconds: round(observeNs[Math.floor(observeNs.length / 2)]! / 1000, 2),
  };
}

const stages = [];
for (const name of EMBEDDERS) {
  if (name === 'lexical') stages.push(await stage(name, false));
  stages.push(await stage(name, true));
  process.stderr.write(`${JSON.stringify(stages.at(-1))}\n`);
}
console.log(
  JSON.stringify({
    bench: 'extraction-budget',
    ratePerSecond: RATE,
    seconds: SECONDS,
    keys: { heavy: HEAVY, light: LIGHT, heavyShare: 0.75 },
    note: 'cpuMsPerSecond is the whole process (load generator included) over the load and the drain after it',
    stages,
  }),
);
