// Request latency through a real gateway (against the simulator) with the extraction monitor observing
// every request from a request guard, versus without it: p50 and p95 over interleaved requests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWarden } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import { requestTexts } from '../src/core/context.js';
import { allow } from '../src/core/decision.js';
import type { Guard } from '../src/core/guard.js';
import type { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { ExtractionMonitor } from '../src/extraction/monitor.js';
import type { ExtractionScorer } from '../src/extraction/scorer.js';
import type { SyntheticWorld } from '../src/extraction/world.js';
import { startSimulator } from '../src/sim/server.js';
import { round } from './extraction-eval.js';

export async function measureLatency(
  embedder: LexicalEmbedder,
  scorer: ExtractionScorer,
  world: SyntheticWorld,
) {
  const sim = await startSimulator(0);
  const dirs = [mkdtempSync(join(tmpdir(), 'warden-x-off-')), mkdtempSync(join(tmpdir(), 'warden-x-on-'))];
  const monitor = new ExtractionMonitor({ embedder, calibration: scorer.calibration! });
  const observeGuard: Guard = {
    id: 'extraction-observe',
    phase: 'request',
    tags: ['LLM10'],
    failMode: 'open',
    check(ctx) {
      const text = requestTexts(ctx.route, ctx.body)
        .filter((p) => p.role === 'user')
        .map((p) => p.text)
        .join('\n');
      const { id, tenant } = ctx.principal;
      monitor.observe({ principal: id, ...(tenant ? { tenant } : {}), text, ts: Date.now() });
      return allow('extraction-observe');
    },
  };
  const apps = dirs.map((dataDir, i) =>
    buildWarden(
      validateConfig({
        ...embeddedDefaults({ upstream: sim.url }),
        dataDir,
        logging: { level: 'silent' },
      }),
      {
        ...(i === 1 ? { extraGuards: [observeGuard] } : {}),
      },
    ),
  );
  try {
    const urls = await Promise.all(
      apps.map(async (a) => `http://127.0.0.1:${(await a.gateway.listen(0, '127.0.0.1')).port}`),
    );
    const texts = world.stream('knockoff-uniform', 400, 42).map((q) => q.text);
    const times: number[][] = [[], []];
    for (let i = 0; i < texts.length; i++) {
      for (const side of i % 2 ? [0, 1] : [1, 0]) {
        const t = performance.now();
        const res = await fetch(`${urls[side]}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'warden-sim-1', messages: [{ role: 'user', content: texts[i] }] }),
        });
        await res.text();
        if (!res.ok) throw new Error(`gateway answered ${res.status}`);
        times[side]!.push(performance.now() - t);
      }
    }
    await monitor.flush();
    const q = (a: number[], p: number) =>
      round([...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))]!, 3);
    return {
      requests: texts.length,
      p50MsOff: q(times[0]!, 0.5),
      p50MsOn: q(times[1]!, 0.5),
      p95MsOff: q(times[0]!, 0.95),
      p95MsOn: q(times[1]!, 0.95),
      observed: monitor.stats().processed,
    };
  } finally {
    await Promise.all(apps.map((a) => a.close()));
    await sim.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
