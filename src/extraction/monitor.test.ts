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
import { LexicalEmbedder } from './embedders/lexical.js';
import type { Embedder } from './embedders/types.js';
import { ExtractionMonitor } from './monitor.js';
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
