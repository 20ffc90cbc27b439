// The Redis extraction state store on a real redis-server: the record round trip, monitors (replicas) folding
// one principal's queries into one shared set of statistics, in turn and all at once, and the CLI report.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { ExtractionMonitor } from '../src/extraction/monitor.js';
import { SyntheticWorld } from '../src/extraction/world.js';
import { RedisExtractionStateStore } from '../src/store/redis/extraction.js';
import { type RedisServer, startRedis } from './fixtures/redis.js';
import { skipUnless } from './fixtures/services.js';

describe('Redis extraction state store', {
  skip: skipUnless('the Redis extraction state store', 'redis'),
}, () => {
  let redis: RedisServer;
  const stores: RedisExtractionStateStore[] = [];
  const open = (prefix: string) => {
    const s = new RedisExtractionStateStore(redis.url, { prefix });
    stores.push(s);
    return s;
  };

  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    for (const s of stores) await s.close();
    await redis.stop();
  });

  it('round-trips blobs, keeps the last verdict when a write carries none, and lists subjects in order', async () => {
    const s = open('rt:');
    assert.equal(await s.get('key:a'), undefined);
    await s.putMany([
      {
        subject: 'key:b',
        space: 'sp',
        state: new Uint8Array([0, 1, 255]),
        updatedAt: 5,
        lastVerdict: '{"n":50}',
      },
      { subject: 'key:a', space: 'sp', state: new Uint8Array([7]), updatedAt: 6 },
    ]);
    await s.putMany([{ subject: 'key:b', space: 'sp', state: new Uint8Array([9, 9]), updatedAt: 8 }]);
    const b = await s.get('key:b');
    assert.deepEqual([...(b?.state ?? [])], [9, 9]);
    assert.equal(b?.updatedAt, 8);
    assert.equal(b?.lastVerdict, '{"n":50}');
    assert.deepEqual(
      (await s.list()).map((r) => r.subject),
      ['key:a', 'key:b'],
    );
    assert.deepEqual(
      (await s.list('key:a')).map((r) => [...r.state]),
      [[7]],
    );
    assert.deepEqual(await s.list('key:none'), []);
  });

  it('lets two replicas accumulate one principal: 3 x 20 queries alternating between them count as 60', async () => {
    const world = new SyntheticWorld(3);
    const queries = world.stream('generalist', 60, 7);
    const verdicts: number[] = [];
    const monitor = (store: RedisExtractionStateStore) =>
      new ExtractionMonitor({
        embedder: new LexicalEmbedder(),
        store,
        policy: { log: 0.5, alert: 0.1, throttle: 0.05, ban: 1e-9, minQueriesToBan: 1000 },
        onVerdict: (v) => {
          if (v.scope === 'key') verdicts.push(v.n);
        },
      });
    const a = monitor(open('shared:'));
    const b = monitor(open('shared:'));
    for (const [i, replica] of [a, b, a].entries()) {
      for (const q of queries.slice(i * 20, (i + 1) * 20))
        replica.observe({ ...q, principal: 'key:p', tenant: 'acme' });
      await replica.flush();
    }
    const [fromA] = await a.report('key:p');
    const [fromB] = await b.report('key:p');
    // Folding from a cached copy instead of the shared store, replica A would have continued from its own 20 (n = 40).
    assert.equal(fromA?.n, 60);
    assert.equal(fromB?.n, 60);
    assert.equal((await b.report('tenant:acme'))[0]?.n, 60);
    // The checkpoint at n = 50 fired once, on the replica whose batch crossed it.
    assert.deepEqual(verdicts, [50]);
    assert.equal(fromB?.lastVerdict?.n, 50);
    await a.close();
    await b.close();
  });

  it('loses no query when three replicas fold the same principal at the same time (compare-and-set)', async () => {
    const queries = new SyntheticWorld(5).stream('generalist', 150, 11);
    const replicas = [0, 1, 2].map(
      () => new ExtractionMonitor({ embedder: new LexicalEmbedder(), store: open('race:'), batchSize: 4 }),
    );
    // Interleaved: every replica gets every third query, all queued before any batch runs.
    for (const [i, q] of queries.entries())
      replicas[i % 3]!.observe({ ...q, principal: 'key:r', tenant: 'acme' });
    await Promise.all(replicas.map((m) => m.flush()));
    const [report] = await replicas[0]!.report('key:r');
    assert.equal(report?.n, 150);
    assert.equal((await replicas[1]!.report('tenant:acme'))[0]?.n, 150);
    await Promise.all(replicas.map((m) => m.close()));
  });

  it('counts a batch lost to a Redis outage instead of failing the process', async () => {
    const store = new RedisExtractionStateStore('redis://127.0.0.1:1', { prefix: 'down:' });
    stores.push(store);
    const m = new ExtractionMonitor({ embedder: new LexicalEmbedder(), store });
    for (const q of new SyntheticWorld(6).stream('generalist', 3, 1)) m.observe({ ...q, principal: 'key:d' });
    await m.flush();
    assert.equal(m.stats().storeErrors, 1);
    assert.equal(m.stats().processed, 0);
  });

  it('`warden extraction report --redis` reads the shared state the replicas wrote', async () => {
    const m = new ExtractionMonitor({ embedder: new LexicalEmbedder(), store: open('warden:') });
    for (const q of new SyntheticWorld(4).stream('generalist', 5, 9))
      m.observe({ ...q, principal: 'key:cli' });
    await m.close();
    const res = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'extraction',
        'report',
        '--principal',
        'key:cli',
        '--redis',
        redis.url,
        '--json',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(res.status, 0, res.stderr);
    const line = JSON.parse(res.stdout.trim()) as { subject: string; n: number };
    assert.deepEqual([line.subject, line.n], ['key:cli', 5]);
  });
});
