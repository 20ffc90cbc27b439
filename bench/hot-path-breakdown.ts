// Benchmark: CPU microseconds of each piece of Warden's per-request work, measured in isolation on the real
// modules (one process, no sockets), to say where the proxy path's time goes beyond node:http + undici.
// Each item: median over BENCH_REPS (5) runs of BENCH_ITERATIONS (20000, a tenth for I/O items) calls.
// In-process loops run hot (warm caches, monomorphic call sites): read the figures as lower bounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { buildWarden } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import type { GuardContext } from '../src/core/context.js';
import { Exchange } from '../src/gateway/exchange.js';
import { chatRequestSchema } from '../src/gateway/schemas.js';
import { jsonDepthExceeds } from '../src/gateway/server.js';
import { auditKeyFrom } from '../src/store/audit-key.js';
import { sqliteAuditStore } from '../src/store/sqlite/audit.js';
import { openSqlite } from '../src/store/sqlite/db.js';
import { FIXED_REPLY } from './lib/fixed-reply.js';

const REPS = Number(process.env.BENCH_REPS ?? 5);
const N = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const tmp = mkdtempSync(join(tmpdir(), 'warden-breakdown-'));

const RAW = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'Hello, benchmark!' }],
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(f: () => unknown, n = N): Promise<number> {
  const runs: number[] = [];
  for (let r = 0; r <= REPS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const v = f();
      if (v instanceof Promise) await v;
    }
    const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
    if (r > 0) runs.push(us); // the first run warms up
  }
  return Math.round(median(runs) * 100) / 100;
}

async function main(): Promise<void> {
  const log = pino({ level: 'silent' });
  const upstream = 'http://127.0.0.1:9/v1';
  const none = buildWarden(
    validateConfig(
      {
        ...embeddedDefaults({ upstream }),
        dataDir: join(tmp, 'none'),
        auth: { mode: 'none' },
        guards: { request: [], response: [], toolCall: [] },
        extraction: { enabled: false },
      },
      'bench',
    ),
    { log },
  );
  const defaults = buildWarden(
    validateConfig(
      {
        ...embeddedDefaults({ upstream }),
        dataDir: join(tmp, 'default'),
        extraction: { enabled: false },
        limits: { principal: { requests: { limit: 1_000_000_000, window: '1m' }, concurrent: 100_000 } },
      },
      'bench',
    ),
    { log },
  );
  const key = (await defaults.admin.createKey({ name: 'bench' }, 'bench')).token;
  const req = { headers: { authorization: `Bearer ${key}` } } as never;
  const principal = await defaults.access.authenticate(req);
  const body = JSON.parse(RAW) as Record<string, unknown>;
  const ctx = (): GuardContext => ({
    requestId: 'r',
    route: 'chat',
    principal,
    model: 'bench-model',
    body: JSON.parse(RAW) as Record<string, unknown>,
    state: new Map(),
    log,
  });
  const signal = new AbortController().signal;
  const router = defaults.gateway.deps.router;
  openSqlite(join(tmp, 'audit')).close();
  const store = sqliteAuditStore(join(tmp, 'audit', 'warden.db'), auditKeyFrom(Buffer.alloc(32, 1)), {
    journalDir: join(tmp, 'audit'),
    flushMs: 60_000,
    maxBatch: 1_000_000,
  });
  const exchange = () => {
    const ex = new Exchange('0b8e6a52-4d6b-4c8e-9f1e-2a7b5c3d9e10');
    ex.route = 'chat';
    ex.principal = principal;
    ex.model = 'bench-model';
    ex.upstream = 'default';
    ex.status = 200;
    ex.upstreamMs = 1.2;
    ex.firstByteMs = 1.1;
    ex.usage = { promptTokens: 8, completionTokens: 8, totalTokens: 16 };
    return ex;
  };
  const records = Array.from({ length: 10 }, () =>
    JSON.parse(JSON.stringify(exchange().auditRecord('chat', 3.2, false))),
  );
  const out: Record<string, number> = {};
  out.requestBodyParseAndValidate = await measure(() => {
    const parsed = JSON.parse(RAW) as Record<string, unknown>;
    jsonDepthExceeds(parsed, 64);
    return chatRequestSchema.safeParse(parsed).success;
  });
  out.zodValidateOnly = await measure(() => chatRequestSchema.safeParse(body).success);
  out.upstreamBodySerialise = await measure(() => JSON.stringify(body));
  out.upstreamReplyParse = await measure(() => JSON.parse(FIXED_REPLY));
  out.modelRouting = await measure(() => router.route('bench-model'));
  out.exchangeCreate = await measure(() => exchange());
  out.auditRecordBuildAndSerialise = await measure(() =>
    JSON.stringify(exchange().auditRecord('chat', 3.2, false)),
  );
  out.metricsPerRequest = await measure(() => {
    none.metrics.onRequest('chat', 200, 'ok', false, 0.003);
    none.metrics.onUpstream('default', 200, 0.002);
  });
  out.abortControllerWithSignal = await measure(() => new AbortController().signal);
  out.totalTimeoutSetAndClear = await measure(() => clearTimeout(setTimeout(() => {}, 60_000)));
  out.journalWriteOneRecord = await measure(() => store.appendMany(records.slice(0, 1)), N / 10);
  out.journalWritePerRecordInBatchesOf10 =
    Math.round(((await measure(() => store.appendMany(records), N / 10)) / 10) * 100) / 100;
  await store.flush(); // commit the journal items' backlog untimed: group commits below see batches of 200
  out.groupCommitPerRecord = await (async () => {
    const runs: number[] = [];
    for (let r = 0; r < REPS * 4; r++) {
      for (let i = 0; i < 20; i++) store.appendMany(records);
      const t0 = process.hrtime.bigint();
      // Wall time of the commit in the writer thread (keyed chain), seen from the gateway's thread.
      await store.flush();
      runs.push(Number(process.hrtime.bigint() - t0) / 1000 / 200);
    }
    return Math.round(median(runs) * 100) / 100;
  })();
  out.pipelineNoGuards = await measure(() => none.pipeline.run('request', ctx(), signal));
  out.guardContextCreate = await measure(() => ctx());
  out.pipelineDefaultRequestGuards = await measure(() => defaults.pipeline.run('request', ctx(), signal));
  out.pipelineDefaultResponseGuards = await measure(() => {
    const c = ctx();
    c.output = {
      text: 'Benchmark reply: a short fixed answer.',
      pendingStart: 0,
      final: true,
      choiceIndex: 0,
      offset: 0,
    };
    return defaults.pipeline.run('response', c, signal);
  });
  out.authenticateApiKey = await measure(() => defaults.access.authenticate(req));
  out.admitAndRelease = await measure(async () => {
    const a = await defaults.access.admit(principal, 'chat', body);
    a.release({ promptTokens: 8, completionTokens: 8 });
  });
  await store.close();
  await none.close();
  await defaults.close();
  process.stdout.write(
    `${JSON.stringify({ bench: 'hot-path-breakdown', unit: 'us per call', reps: REPS, iterations: N, results: out })}\n`,
  );
}

main()
  .catch((err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(tmp, { recursive: true, force: true }));
