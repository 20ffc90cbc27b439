// Request latency through two real gateways against the simulator, built from the embedded defaults: one
// with extraction detection as shipped (monitor in a worker thread), one with `extraction.enabled: false`.
// Rounds alternate which gateway goes first; every request carries a distinct text, so every one is
// embedded and scored. Reports p50/p95 per side and the per-round difference of p50s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWarden } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import type { SyntheticWorld } from '../src/extraction/world.js';
import { startSimulator } from '../src/sim/server.js';
import { round } from './extraction-eval.js';

const ROUNDS = Number(process.env.BENCH_LATENCY_ROUNDS ?? 5);
const PER_ROUND = Number(process.env.BENCH_LATENCY_REQUESTS ?? 300);

const quantile = (a: readonly number[], p: number) =>
  [...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))]!;
const median = (a: readonly number[]) => quantile(a, 0.5);

export async function measureLatency(world: SyntheticWorld) {
  const sim = await startSimulator(0);
  const dirs = [mkdtempSync(join(tmpdir(), 'warden-x-off-')), mkdtempSync(join(tmpdir(), 'warden-x-on-'))];
  const apps = dirs.map((dataDir, i) => {
    const defaults = embeddedDefaults({ upstream: sim.url });
    return buildWarden(
      validateConfig({
        ...defaults,
        dataDir,
        auth: { mode: 'none' },
        logging: { level: 'silent' },
        extraction: { enabled: i === 1 },
      }),
    );
  });
  try {
    const urls = await Promise.all(
      apps.map(async (a) => `http://127.0.0.1:${(await a.gateway.listen(0, '127.0.0.1')).port}`),
    );
    const texts = world.stream('knockoff-uniform', ROUNDS * PER_ROUND + 40, 42).map((q) => q.text);
    const send = async (side: number, text: string) => {
      const t = performance.now();
      const res = await fetch(`${urls[side]}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'warden-sim-1', messages: [{ role: 'user', content: text }] }),
      });
      await res.text();
      if (!res.ok) throw new Error(`gateway answered ${res.status}`);
      return performance.now() - t;
    };
    // warm-up: JIT, pools, the worker's first batch
    for (let i = 0; i < 40; i++) for (const side of [0, 1]) await send(side, texts[i]!);
    const all: number[][] = [[], []];
    const rounds: { p50MsOff: number; p50MsOn: number; diffMs: number }[] = [];
    let next = 40;
    for (let r = 0; r < ROUNDS; r++) {
      const times: number[][] = [[], []];
      const order = r % 2 ? [0, 1] : [1, 0];
      for (let i = 0; i < PER_ROUND; i++) {
        const text = texts[next++]!;
        for (const side of i % 2 ? order : [...order].reverse()) times[side]!.push(await send(side, text));
      }
      all[0]!.push(...times[0]!);
      all[1]!.push(...times[1]!);
      const off = median(times[0]!);
      const on = median(times[1]!);
      rounds.push({ p50MsOff: round(off, 3), p50MsOn: round(on, 3), diffMs: round(on - off, 3) });
    }
    const service = apps[1]!.extraction;
    if (!service || apps[0]!.extraction) throw new Error('expected extraction on one side only');
    await service.flush();
    // queries the worker actually embedded and scored (principal subjects only)
    const observed = (await service.report())
      .filter((s) => s.scope === 'key')
      .reduce((sum, s) => sum + s.n, 0);
    const diffs = rounds.map((r) => r.diffMs);
    return {
      setup:
        'embedded defaults, auth none; extraction as shipped (worker thread) vs extraction.enabled false',
      rounds: ROUNDS,
      requestsPerRound: PER_ROUND,
      p50MsOff: round(median(all[0]!), 3),
      p50MsOn: round(median(all[1]!), 3),
      p95MsOff: round(quantile(all[0]!, 0.95), 3),
      p95MsOn: round(quantile(all[1]!, 0.95), 3),
      p50DiffMsMedian: round(median(diffs), 3),
      p50DiffMsRange: [round(Math.min(...diffs), 3), round(Math.max(...diffs), 3)],
      perRound: rounds,
      observed,
    };
  } finally {
    await Promise.all(apps.map((a) => a.close()));
    await sim.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
