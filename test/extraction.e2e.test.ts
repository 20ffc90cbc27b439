// Extraction detection wired into the gateway: uniform probing through the API ends in a ban through the
// identity layer (and an audit event); a principal asking about one topic does not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SyntheticWorld } from '../src/extraction/world.js';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

let stack: Stack;
before(async () => {
  stack = await startStack((cfg) => ({
    ...cfg,
    auth: { mode: 'keys' },
    guards: { request: [{ use: 'request-limits' }] },
    limits: { principal: { requests: { limit: 100_000, window: '1m' } } },
    // Loose thresholds so a short test stream reaches a ban: this tests the wiring (verdict, ban through the
    // identity layer, audit), not the evidence. Against the committed table, pooled with real-text benign
    // streams, a synthetic prober sits just beyond the benign sample (combined p about 0.01; the topical
    // principal about 0.3); the defaults need far more evidence.
    // A budget no test machine's load can reach: a busy CI runner stretches the wall time a batch takes, and
    // these tests count every query (the budget's sampling is tested on a fake clock in budget.test.ts).
    extraction: {
      policy: { log: 0.2, alert: 0.1, throttle: 0.05, ban: 0.05, minQueriesToBan: 50 },
      embedBudget: { msPerSecond: 64_000 },
    },
  }));
});
after(() => stack.close());

async function send(token: string, texts: string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < texts.length; i += 16) {
    const batch = await Promise.all(
      texts.slice(i, i + 16).map((t) =>
        postJson(
          `${stack.baseURL}/chat/completions`,
          { model: 'warden-sim-1', messages: [{ role: 'user', content: t }] },
          {
            authorization: `Bearer ${token}`,
          },
        ),
      ),
    );
    statuses.push(...batch.map((r) => r.status));
  }
  return statuses;
}

describe('extraction detection through the gateway', () => {
  it('bans a principal that probes uniformly, and not one that sticks to a topic', async () => {
    const world = new SyntheticWorld(7);
    const attacker = (await stack.app.admin.createKey({ name: 'prober' }, 'test')).token;
    const benign = (await stack.app.admin.createKey({ name: 'topical' }, 'test')).token;
    await send(
      attacker,
      world.stream('uniform', 220, 11).map((q) => q.text),
    );
    await send(
      benign,
      world.stream('one-topic', 220, 12).map((q) => q.text),
    );
    await stack.app.extraction!.flush();
    const reports = await stack.app.extraction!.report();
    const prober = reports.find((r) => r.subject.includes(attacker.split('_')[1]!));
    const topical = reports.find((r) => r.subject.includes(benign.split('_')[1]!));
    assert.ok(prober?.current && topical?.current, 'both principals were scored');
    assert.ok(prober.current.combinedP < topical.current.combinedP, 'uniform probing is more suspicious');
    const after = await postJson(
      `${stack.baseURL}/chat/completions`,
      { model: 'warden-sim-1', messages: [{ role: 'user', content: 'one more' }] },
      { authorization: `Bearer ${attacker}` },
    );
    assert.equal(after.status, 403);
    assert.equal(errorCode(after.json), 'WARDEN_BANNED');
    const ok = await postJson(
      `${stack.baseURL}/chat/completions`,
      { model: 'warden-sim-1', messages: [{ role: 'user', content: 'one more' }] },
      { authorization: `Bearer ${benign}` },
    );
    assert.equal(ok.status, 200);
    const events: { kind: string; principal: string }[] = [];
    for await (const e of stack.app.audit.export()) events.push(e);
    assert.ok(events.some((e) => e.kind === 'extraction.verdict'));
    assert.ok(events.some((e) => e.kind === 'ban.add' && e.principal === 'extraction-detector'));
  });

  it('does not count exact repeats (health checks, retries) as extraction evidence', async () => {
    const probe = (await stack.app.admin.createKey({ name: 'health-check' }, 'test')).token;
    const statuses = await send(
      probe,
      Array.from({ length: 120 }, () => 'ping: are you up?'),
    );
    assert.ok(statuses.every((s) => s === 200));
    await stack.app.extraction!.flush();
    const report = (await stack.app.extraction!.report()).find((r) =>
      r.subject.includes(probe.split('_')[1]!),
    );
    assert.equal(report?.n, 1, 'one distinct query observed');
  });

  it('reports what the monitor embedded, skipped and dropped on /metrics, from its worker thread', async () => {
    await stack.app.extraction!.flush();
    const text = await (await fetch(`${stack.url}/metrics`)).text();
    const value = (series: string) => Number(new RegExp(`^${series} (\\S+)$`, 'm').exec(text)?.[1]);
    const embedded = (await stack.app.extraction!.report()).reduce((sum, r) => sum + r.n, 0);
    assert.ok(embedded > 300, `${embedded} embedded`);
    assert.equal(value('warden_extraction_observations{fate="embedded"}'), embedded, 'every scored query');
    assert.equal(
      value('warden_extraction_observations{fate="skipped"}'),
      0,
      'within the budget nothing is skipped',
    );
    assert.equal(value('warden_extraction_observations{fate="dropped"}'), 0);
    assert.equal(value('warden_extraction_embed_share'), 1);
  });
});
