// Cost of one audit chain link per record: chain version 1 (unkeyed SHA-256) against version 2 (HMAC-SHA256),
// on a typical request record. Prints one JSON object as the last line. Run: node --import tsx bench/audit-chain-hash.ts
import { chainHash, GENESIS_HASH, legacyChainHash } from '../src/store/audit-chain.js';

const N = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const REPS = Number(process.env.BENCH_REPS ?? 9);
const key = Buffer.alloc(32, 5);
const json = JSON.stringify({
  ts: '2026-12-01T00:00:00.000Z',
  requestId: '0b8e6a52-4d6b-4c8e-9f1e-2a7b5c3d9e10',
  kind: 'request',
  principal: 'key:abc123',
  route: 'chat',
  model: 'bench-model',
  upstream: 'default',
  status: 200,
  outcome: 'ok',
  stream: false,
  decisions: [
    { guardId: 'injection', phase: 'request', action: 'allow', status: 'ok', score: 0.01, latencyMs: 0.2 },
  ],
  latency: { totalMs: 3.2, upstreamMs: 1.2 },
  usage: { promptTokens: 8, completionTokens: 8, totalTokens: 16 },
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const variants = {
  v1Sha256: () => legacyChainHash(GENESIS_HASH, 1, json),
  v2Hmac: () => chainHash(key, GENESIS_HASH, 1, json),
};
const runs: Record<string, number[]> = { v1Sha256: [], v2Hmac: [] };
// Interleaved, so a change in machine load hits both alike.
for (let r = 0; r < REPS; r++) {
  for (const [name, f] of Object.entries(variants)) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) f();
    runs[name]!.push(Number(process.hrtime.bigint() - t0) / 1000 / N);
  }
}
const results = Object.fromEntries(
  Object.entries(runs).map(([k, v]) => [k, Math.round(median(v) * 100) / 100]),
);
process.stdout.write(
  `${JSON.stringify({ bench: 'audit-chain-hash', unit: 'us per record', recordBytes: json.length, reps: REPS, iterations: N, results })}\n`,
);
