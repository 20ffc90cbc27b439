// The default caller-system threshold passes every ordinary system prompt of the project's corpus
// (test/fixtures/system-prompts.jsonl: support, coding, RAG, persona and agent prompts, written for Warden).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import pino from 'pino';
import type { GuardContext } from '../../../core/context.js';
import { loadInjectionModel } from '../../../detectors/injection/model.js';
import { injectionGuard } from './index.js';

const env = { log: pino({ level: 'silent' }), dataDir: '/tmp', secrets: [] };
const corpus = readFileSync(
  new URL('../../../../test/fixtures/system-prompts.jsonl', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; category: string; text: string });

describe('injection guard on ordinary system prompts', () => {
  it('the corpus is large and full of trigger words', () => {
    assert.ok(corpus.length >= 150);
    const has = (w: string) => corpus.filter((r) => r.text.toLowerCase().includes(w)).length;
    for (const w of ['ignore', 'instructions', 'never reveal', 'you are now']) assert.ok(has(w) >= 10, w);
  });

  it('passes every prompt as a system and as a developer message, and would not at the user threshold', async () => {
    const guard = injectionGuard.create(
      injectionGuard.options.parse({}),
      { id: 'injection', phase: 'request', failMode: 'closed' },
      env,
    );
    const flagged: string[] = [];
    let maxScore = 0;
    for (const [k, row] of corpus.entries()) {
      const ctx: GuardContext = {
        requestId: row.id,
        route: 'chat',
        principal: { id: 'p', kind: 'anonymous', scopes: [] },
        model: 'm',
        body: {
          model: 'm',
          messages: [
            { role: k % 2 === 0 ? 'system' : 'developer', content: row.text },
            { role: 'user', content: 'Hello, can you help me?' },
          ],
        },
        state: new Map(),
        log: env.log,
      };
      const d = await guard.check(ctx, new AbortController().signal);
      if (d.action !== 'allow') flagged.push(row.id);
      maxScore = Math.max(maxScore, d.score ?? 0);
    }
    assert.deepEqual(flagged, []);
    // The corpus is a real test of the threshold: at the user threshold some of it would be flagged.
    const userThreshold = loadInjectionModel().threshold;
    assert.ok(maxScore >= userThreshold, `highest corpus score ${maxScore} vs ${userThreshold}`);
  });
});
