// Ordinary chat — short questions, long answers — is never throttled or banned by the extraction
// detector's defaults through the gateway (a false-positive guard for the default policy, decision 0004).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SyntheticWorld } from '../src/extraction/world.js';
import { postJson, type Stack, startStack } from './helpers.js';

let stack: Stack;
before(async () => {
  stack = await startStack((cfg) => ({
    ...cfg,
    auth: { mode: 'keys' },
    guards: { request: [{ use: 'request-limits' }] },
    limits: { principal: { requests: { limit: 100_000, window: '1m' } } },
    // the default policy, with every query embedded: a loaded CI runner must not turn the budget's sampling on
    extraction: { embedBudget: { msPerSecond: 64_000 } },
  }));
});
after(() => stack.close());

describe('extraction defaults and ordinary chat', () => {
  it('lets a chat user with short prompts and long answers through every checkpoint', async () => {
    const token = (await stack.app.admin.createKey({ name: 'chatty' }, 'test')).token;
    const prompts = new SyntheticWorld(21)
      .stream('support-bot', 110, 5)
      .map((q) => q.text.split(' ').slice(0, 4).join(' '));
    const statuses: number[] = [];
    for (let i = 0; i < prompts.length; i += 10) {
      const batch = await Promise.all(
        prompts.slice(i, i + 10).map((content) =>
          postJson(
            `${stack.baseURL}/chat/completions`,
            { model: 'warden-sim-1', messages: [{ role: 'user', content }] },
            {
              authorization: `Bearer ${token}`,
            },
          ),
        ),
      );
      statuses.push(...batch.map((r) => r.status));
    }
    await stack.app.extraction!.flush();
    assert.ok(
      statuses.every((s) => s === 200),
      `statuses: ${[...new Set(statuses)].join(',')}`,
    );
    const report = (await stack.app.extraction!.report()).find((r) =>
      r.subject.includes(token.split('_')[1]!),
    );
    assert.ok(report && report.n >= 50, 'the principal reached at least one checkpoint');
    assert.notEqual(report.lastVerdict?.action, 'throttle');
    assert.notEqual(report.lastVerdict?.action, 'ban');
  });
});
