import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { syntheticCalibration } from '../../test/fixtures/synthetic-calibration.js';
import { main } from '../cli/main.js';
import { openSqlite } from '../store/sqlite/db.js';
import { SqliteExtractionStateStore } from '../store/sqlite/extraction.js';
import { EmbedBudget } from './budget.js';
import { LexicalEmbedder } from './embedders/lexical.js';
import type { Embedder } from './embedders/types.js';
import { ExtractionMonitor } from './monitor.js';
import { createRng } from './random.js';
import type { ExtractionVerdict } from './types.js';
import { SyntheticWorld } from './world.js';

const world = new SyntheticWorld(1);
const loose = { log: 0.5, alert: 0.1, throttle: 0.05, ban: 1e-3, minQueriesToBan: 50 };

describe('ExtractionMonitor', () => {
  it('scores keys and tenants separately at n = 50 and bans uniform probing through onBan', async () => {
    const verdicts: ExtractionVerdict[] = [];
    const bans: { principal: string; reason: string; expiresAt: Date }[] = [];
    const monitor = new ExtractionMonitor({
      embedder: new LexicalEmbedder(),
      calibration: syntheticCalibration(), // the world's own benign sample (the committed one is real-text too)
      policy: loose,
      onVerdict: (v) => verdicts.push(v),
      onBan: (principal, reason, expiresAt) => {
        bans.push({ principal, reason, expiresAt });
      },
    });
    const probe = world.stream('uniform', 50, 1);
    for (const q of probe) assert.equal(monitor.observe({ ...q, principal: 'key-a', tenant: 'acme' }), true);
    await monitor.flush();
    const subjects = verdicts.map((v) => `${v.scope}:${v.principal}:${v.n}`).sort();
    assert.deepEqual(subjects, ['key:key-a:50', 'tenant:tenant:acme:50']);
    const key = verdicts.find((v) => v.scope === 'key')!;
    assert.equal(key.action, 'ban');
    assert.ok(key.combinedP < 1e-3 && key.score > 0.999);
    assert.equal(verdicts.find((v) => v.scope === 'tenant')!.action, 'alert', 'tenants are capped at alert');
    assert.equal(bans.length, 1);
    assert.equal(bans[0]!.principal, 'key-a');
    assert.ok(bans[0]!.expiresAt.getTime() > key.ts);
    for (const s of probe)
      assert.ok(!bans[0]!.reason.includes(s.text.split(' ')[0]!), 'no query text in reasons');
  });

  it('never blocks: drops and counts when the queue is full', async () => {
    const slow: Embedder = {
      id: 'lexical-256',
      dim: 256,
      embed: async (texts) => new LexicalEmbedder().embed(texts),
    };
    const monitor = new ExtractionMonitor({ embedder: slow, queueLimit: 10 });
    const accepted = world.stream('one-topic', 25, 2).map((q) => monitor.observe({ ...q, principal: 'k' }));
    assert.equal(accepted.filter(Boolean).length, 10);
    assert.equal(monitor.stats().dropped, 15);
    await monitor.flush();
    assert.equal(monitor.stats().processed, 10);
  });

  it('keeps to its embedding budget: keys in runs, every query counted, every key and its tenant observed', async () => {
    const clock = { t: 0 };
    const budget = new EmbedBudget({ msPerSecond: 50, run: 16, floor: 1 / 32 }, () => clock.t, createRng(3));
    const lexical = new LexicalEmbedder();
    // each text costs 0.5 ms on the budget's clock: 1,000 queries a second would cost 500 ms a second, not 50
    const costly: Embedder = {
      id: lexical.id,
      dim: lexical.dim,
      embed: async (texts) => {
        clock.t += texts.length * 0.5;
        return lexical.embed(texts);
      },
    };
    const monitor = new ExtractionMonitor({
      embedder: costly,
      calibration: syntheticCalibration(),
      embedBudget: budget,
      batchWindowMs: 0,
    });
    const queries = world.stream('generalist', 6000, 5);
    for (let step = 0; step < 120; step++) {
      clock.t = step * 50; // 50 queries every 50 ms
      for (let i = step * 50; i < step * 50 + 50; i++)
        monitor.observe({ ...queries[i]!, principal: `k${i % 4}`, tenant: 't' });
      await monitor.flush();
    }
    const stats = monitor.stats();
    assert.equal(stats.processed, 6000);
    assert.equal(stats.embedded + stats.skipped, 6000);
    assert.ok(stats.skipped > 3000, `skipped ${stats.skipped}`);
    assert.ok(stats.embedRate < 0.5, `rate ${stats.embedRate}`);
    assert.equal(stats.msPerEmbeddedQuery, 0.5);
    const reports = await monitor.report();
    const keys = reports.filter((r) => r.scope === 'key');
    assert.equal(keys.length, 4);
    for (const r of keys) assert.ok(r.n >= 16 && r.n < 1500, `${r.subject}: ${r.n} embedded`);
    const tenant = reports.find((r) => r.scope === 'tenant')!;
    assert.equal(tenant.n, stats.embedded, 'the tenant aggregate holds every embedded query of its keys');
    assert.equal(
      keys.reduce((s, r) => s + r.n, 0),
      stats.embedded,
    );
  });

  it('counts embedder failures and keeps going', async () => {
    const broken: Embedder = {
      id: 'lexical-256',
      dim: 256,
      embed: async () => Promise.reject(new Error('down')),
    };
    const monitor = new ExtractionMonitor({ embedder: broken });
    monitor.observe({ principal: 'k', text: 'hello there', ts: 1 });
    await monitor.flush();
    assert.equal(monitor.stats().embedErrors, 1);
    assert.equal(monitor.stats().processed, 0);
  });

  it('posts alerts to the webhook as JSON without query text', async () => {
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        bodies.push(body);
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as AddressInfo).port;
      const monitor = new ExtractionMonitor({
        embedder: new LexicalEmbedder(),
        calibration: syntheticCalibration(),
        policy: { ...loose, ban: 0, throttle: 0 },
        alertWebhook: `http://127.0.0.1:${port}/hook`,
      });
      const probe = world.stream('uniform', 50, 3);
      for (const q of probe) monitor.observe({ ...q, principal: 'key-b' });
      await monitor.flush();
      assert.equal(bodies.length, 1);
      const body = JSON.parse(bodies[0]!) as { event: string; verdict: { action: string; pValues: object } };
      assert.equal(body.event, 'warden.extraction');
      assert.equal(body.verdict.action, 'alert');
      assert.ok(body.verdict.pValues);
      assert.ok(!bodies[0]!.includes(probe[0]!.text));
    } finally {
      server.close();
    }
  });

  it('persists state in SQLite across monitors and reports it through the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-extraction-'));
    try {
      const db = openSqlite(dir);
      const first = new ExtractionMonitor({
        embedder: new LexicalEmbedder(),
        store: new SqliteExtractionStateStore(db),
      });
      for (const q of world.stream('generalist', 60, 4)) first.observe({ ...q, principal: 'key-c' });
      await first.close();
      const second = new ExtractionMonitor({
        embedder: new LexicalEmbedder(),
        store: new SqliteExtractionStateStore(db),
      });
      for (const q of world.stream('generalist', 5, 5)) second.observe({ ...q, principal: 'key-c' });
      const [report] = await second.report('key-c');
      assert.equal(report?.n, 65);
      assert.equal(report?.lastVerdict?.n, 50);
      assert.ok(report?.current && report.current.combinedP > 0);
      db.close();

      const out: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      const errWrite = process.stderr.write.bind(process.stderr);
      process.stdout.write = ((chunk: string) => out.push(chunk) > 0) as typeof process.stdout.write;
      process.stderr.write = (() => true) as typeof process.stderr.write;
      let code: number;
      try {
        code = await main([
          'node',
          'warden',
          'extraction',
          'report',
          '--principal',
          'key-c',
          '--data-dir',
          dir,
          '--json',
        ]);
      } finally {
        process.stdout.write = write;
        process.stderr.write = errWrite;
      }
      assert.equal(code, 0);
      const line = JSON.parse(out.join('')) as { subject: string; n: number; current: { pValues: object } };
      assert.equal(line.subject, 'key-c');
      assert.equal(line.n, 65);
      assert.ok(line.current.pValues);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
