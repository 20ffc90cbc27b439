// Cost of the extraction detector: microseconds per query through the monitor (embed, fold in, check),
// the cost of observe() on the request path, and the bytes of state per principal.
import type { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { ExtractionMonitor } from '../src/extraction/monitor.js';
import type { ExtractionScorer } from '../src/extraction/scorer.js';
import type { SyntheticWorld } from '../src/extraction/world.js';
import { round } from './extraction-eval.js';

export async function measureCost(
  embedder: LexicalEmbedder,
  scorer: ExtractionScorer,
  world: SyntheticWorld,
) {
  const principals = 200;
  const perPrincipal = 200;
  const queries = Array.from({ length: principals }, (_, p) =>
    world
      .stream(p % 2 ? 'generalist' : 'knockoff-uniform', perPrincipal, 9_000_000 + p)
      .map((q) => ({ ...q, principal: `key-${p}`, tenant: `t-${p % 20}` })),
  ).flat();
  const monitor = new ExtractionMonitor({
    embedder,
    calibration: scorer.calibration!,
    queueLimit: queries.length,
  });
  const observeNs: number[] = [];
  const started = performance.now();
  for (const q of queries) {
    const t = process.hrtime.bigint();
    monitor.observe(q);
    observeNs.push(Number(process.hrtime.bigint() - t));
  }
  await monitor.flush();
  const elapsedMs = performance.now() - started;
  observeNs.sort((a, b) => a - b);
  const stats = monitor.stats();
  return {
    queries: queries.length,
    microsecondsPerQuery: round((elapsedMs * 1000) / queries.length, 1),
    note: 'per query through the monitor: lexical embedding, key and tenant state updates, checkpoints, store writes',
    observeP50Microseconds: round(observeNs[Math.floor(observeNs.length / 2)]! / 1000, 2),
    observeP99Microseconds: round(observeNs[Math.floor(observeNs.length * 0.99)]! / 1000, 2),
    bytesOfStatePerPrincipal: scorer.newState().byteLength(),
    dropped: stats.dropped,
    verdicts: stats.verdicts,
  };
}
