// The console's traffic queries on both audit backends (real SQLite, real PostgreSQL): filters and pages in
// SQL, and aggregates over the whole store that match what a count in JavaScript says.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { auditKeyFrom } from '../src/store/audit-key.js';
import type { JournalledAuditStore } from '../src/store/audit-store.js';
import { bucketSeconds, type TrafficFilter } from '../src/store/audit-traffic.js';
import { postgresAuditStore } from '../src/store/postgres/audit.js';
import { openPostgres, type PostgresDb } from '../src/store/postgres/db.js';
import { sqliteAuditStore } from '../src/store/sqlite/audit.js';
import { openSqlite } from '../src/store/sqlite/db.js';
import type { AuditRecord } from '../src/store/types.js';
import { type PostgresServer, postgresAvailable, startPostgres } from './fixtures/postgres.js';
import { tempDir } from './helpers.js';

const key = auditKeyFrom(Buffer.alloc(32, 9));
const BASE = Date.parse('2026-11-30T10:00:07.250Z');

/** 120 requests 90 s apart from three principals, every 5th blocked, every 4th an embedding; one admin event. */
function records(): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let i = 0; i < 120; i++) {
    const blocked = i % 5 === 0;
    out.push({
      ts: new Date(BASE + i * 90_000).toISOString(),
      requestId: `r-${i}`,
      kind: 'request',
      principal: `key:p${i % 3}`,
      route: i % 4 === 0 ? '/v1/embeddings' : '/v1/chat/completions',
      outcome: blocked ? 'blocked' : 'ok',
      status: blocked ? 400 : 200,
      decisions: blocked
        ? [
            { guardId: 'injection', phase: 'request', action: 'block', status: 'ok' },
            ...(i % 10 === 0
              ? [{ guardId: 'secrets', phase: 'request', action: 'block', status: 'ok' }]
              : []),
          ]
        : [{ guardId: 'canary', phase: 'request', action: 'allow', status: 'ok' }],
    });
  }
  out.push({
    ts: new Date(BASE).toISOString(),
    requestId: 'ev',
    kind: 'ban',
    principal: 'key:p0',
    outcome: 'event',
  });
  return out;
}

function expected(all: AuditRecord[], f: TrafficFilter): AuditRecord[] {
  return all.filter(
    (r) =>
      r.kind === 'request' &&
      (!f.principal || r.principal === f.principal) &&
      (!f.outcome || r.outcome === f.outcome) &&
      (!f.route || r.route === f.route) &&
      (!f.from || r.ts >= f.from) &&
      (!f.to || r.ts < f.to),
  );
}

async function checks(store: JournalledAuditStore) {
  const all = records();
  for (const r of all) store.append(r);
  await store.flush();

  const page1 = await store.traffic({ limit: 50, offset: 0 });
  assert.equal(page1.total, 120, 'admin events are not traffic');
  assert.equal(page1.rows.length, 50);
  assert.equal(page1.rows[0]!.requestId, 'r-119', 'newest first');
  const page3 = await store.traffic({ limit: 50, offset: 100 });
  assert.deepEqual(
    page3.rows.map((r) => r.requestId),
    Array.from({ length: 20 }, (_, i) => `r-${19 - i}`),
  );

  const filters: TrafficFilter[] = [
    { principal: 'key:p1' },
    { outcome: 'blocked' },
    { route: '/v1/embeddings', principal: 'key:p0' },
    { from: new Date(BASE + 30 * 90_000).toISOString(), to: new Date(BASE + 45 * 90_000).toISOString() },
    { principal: 'key:nobody' },
  ];
  for (const f of filters) {
    const want = expected(all, f);
    const got = await store.traffic({ ...f, limit: 200, offset: 0 });
    assert.equal(got.total, want.length, JSON.stringify(f));
    assert.deepEqual(got.rows.map((r) => r.requestId).sort(), want.map((r) => r.requestId).sort());

    const stats = await store.trafficStats(f);
    assert.equal(stats.total, want.length);
    if (want.length === 0) {
      assert.deepEqual(stats.buckets, []);
      continue;
    }
    const first = f.from ?? want[0]!.ts;
    const last = f.to ?? want.at(-1)!.ts;
    assert.equal(stats.bucketSeconds, bucketSeconds(Date.parse(first), Date.parse(last)));
    // Each bucket is the floor of its records' times: recount in JavaScript.
    const b = stats.bucketSeconds;
    const counted = new Map<string, number>();
    for (const r of want) {
      const t = Math.floor(Date.parse(r.ts) / 1000 / b) * b;
      counted.set(`${t}/${r.outcome}`, (counted.get(`${t}/${r.outcome}`) ?? 0) + 1);
    }
    assert.deepEqual(
      new Map(stats.buckets.map((x) => [`${x.t}/${x.outcome}`, x.count])),
      counted,
      `buckets for ${JSON.stringify(f)}`,
    );
    const blocks = new Map<string, number>();
    for (const r of want)
      for (const d of r.decisions ?? [])
        if (d.action === 'block') blocks.set(d.guardId, (blocks.get(d.guardId) ?? 0) + 1);
    assert.deepEqual(new Map(stats.blocksByGuard.map((g) => [g.guardId, g.count])), blocks);
    const routes = new Map<string, number>();
    for (const r of want) routes.set(r.route ?? '', (routes.get(r.route ?? '') ?? 0) + 1);
    assert.deepEqual(new Map(stats.routes.map((g) => [g.route, g.count])), routes);
  }
}

describe('traffic queries on SQLite', () => {
  const dir = tempDir('warden-traffic-');
  after(() => rmSync(dir, { recursive: true, force: true }));
  it('filters, pages and aggregates in SQL over the whole store', async () => {
    openSqlite(dir).close();
    mkdirSync(join(dir, 'journal'));
    const store = sqliteAuditStore(join(dir, 'warden.db'), key, { journalDir: join(dir, 'journal') });
    try {
      await checks(store);
    } finally {
      await store.close();
    }
  });
});

describe('traffic queries on PostgreSQL', { skip: !postgresAvailable() }, () => {
  let server: PostgresServer;
  let db: PostgresDb;
  const dir = tempDir('warden-traffic-pg-');
  before(async () => {
    server = await startPostgres('warden_traffic');
    db = openPostgres(server.url);
    await db.ready;
  });
  after(async () => {
    await db?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  it('filters, pages and aggregates in SQL over the whole store', async () => {
    const store = postgresAuditStore(db, key, { journalDir: dir });
    try {
      await checks(store);
    } finally {
      await store.close();
    }
  });
});
