// Cost of the extraction detector: microseconds per query through the monitor (embed, fold in, check),
// the cost of observe() on the request path, and the bytes of state per principal.
import type { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { ExtractionMonitor, type ExtractionMonitorOptions } from '../src/extraction/monitor.js';
import { buildProfile, type TrafficRow } from '../src/extraction/profile.js';
import { ExtractionScorer } from '../src/extraction/scorer.js';
import type { ExtractionObservation } from '../src/extraction/types.js';
import { BENIGN_KINDS, type SyntheticWorld } from '../src/extraction/world.js';
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
  const base = await run(embedder, queries, { calibration: scorer.calibration! });
  // the same traffic with a traffic profile (64-topic codebook from simulated benign traffic)
  const sample: TrafficRow[] = [];
  for (let p = 0; p < 60; p++)
    for (const q of world.stream(BENIGN_KINDS[p % BENIGN_KINDS.length]!, 100, 9_100_000 + p))
      sample.push({ principal: `key-${p}`, text: q.text, ts: q.ts });
  const profile = await buildProfile(embedder, sample, { topics: 64 });
  const withProfile = await run(embedder, queries, {
    calibration: profile.calibration,
    codebook: profile.codebook,
  });
  return {
    ...base,
    bytesOfStatePerPrincipal: scorer.newState().byteLength(),
    withTrafficProfile: {
      topics: profile.codebook.k,
      microsecondsPerQuery: withProfile.microsecondsPerQuery,
      bytesOfStatePerPrincipal: new ExtractionScorer(embedder, undefined, { codebook: profile.codebook })
        .newState()
        .byteLength(),
    },
  };
}

async function run(
  embedder: LexicalEmbedder,
  queries: ExtractionObservation[],
  options: Pick<ExtractionMonitorOptions, 'calibration' | 'codebook'>,
) {
  const monitor = new ExtractionMonitor({ embedder, ...options, queueLimit: queries.length });
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
    dropped: stats.dropped,
    verdicts: stats.verdicts,
  };
}
