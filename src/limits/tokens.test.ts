// Token reservations: prompt tokens from every text part, tools and token arrays; completions from max, n and the default.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Route, requestTexts } from '../core/context.js';
import { isWardenError } from '../core/errors.js';
import { gcra } from './gcra.js';
import { MemoryLimitStore } from './store.js';
import { completionReservation, promptTokens, tokensOf } from './tokens.js';

describe('token estimates', () => {
  it('counts prompt tokens per text part plus a per-part overhead, tools and token arrays', () => {
    const one = promptTokens('chat', { messages: [{ role: 'user', content: 'hello world' }] });
    assert.equal(one, tokensOf('hello world') + 4);
    const two = promptTokens('chat', {
      messages: [
        { role: 'user', content: 'hello world' },
        { role: 'user', content: 'hello world' },
      ],
    });
    assert.equal(two, 2 * one);
    const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }];
    assert.equal(
      promptTokens('chat', { messages: [{ role: 'user', content: 'hello world' }], tools }),
      one + Math.ceil(JSON.stringify(tools).length / 4),
    );
    // Token arrays are also read as text (decoded, for the guards); their length counts on top.
    const texts = (route: Route, body: Record<string, unknown>) =>
      requestTexts(route, body).reduce((n, p) => n + tokensOf(p.text) + 4, 0);
    const ids = { prompt: [1, 2, 3, 4, 5] };
    assert.equal(
      promptTokens('completions', ids),
      texts('completions', ids) + 5,
      'a token array counts its tokens',
    );
    const nested = {
      input: [
        [1, 2],
        [3, 4, 5],
      ],
    };
    assert.equal(
      promptTokens('embeddings', nested),
      texts('embeddings', nested) + 5,
      'arrays of token arrays too',
    );
    assert.equal(promptTokens('chat', { messages: [] }), 1, 'never zero');
  });

  it('tokensOf counts special-token text as plain text', () => {
    assert.ok(tokensOf('<|endoftext|>') > 1);
    assert.equal(tokensOf('<|endoftext|>'), 7, 'the BPE count of the plain text, not a length estimate');
  });

  it('accepts a maximum of one token and a refusal names the offending field', () => {
    assert.equal(completionReservation('chat', { max_tokens: 1 }, 100), 1);
    assert.equal(completionReservation('chat', { max_completion_tokens: 1 }, 100), 1);
    for (const field of ['max_tokens', 'max_completion_tokens']) {
      assert.throws(
        () => completionReservation('chat', { [field]: 0 }, 100),
        (err: unknown) =>
          isWardenError(err) &&
          err.params.detail === `${field} must be a positive integer` &&
          err.message.includes(field),
      );
    }
  });

  it('an n of zero or below reserves one completion, never none', () => {
    assert.equal(completionReservation('chat', { n: 0 }, 100), 100);
    assert.equal(completionReservation('chat', { max_tokens: 30, n: -3 }, 100), 30);
  });

  it('reserves the asked completion tokens times n, else the default; none for embeddings', () => {
    assert.equal(completionReservation('chat', { max_tokens: 30 }, 100), 30);
    // Of two maxima an upstream may honour the larger one: that is what is reserved.
    assert.equal(completionReservation('chat', { max_completion_tokens: 20, max_tokens: 30 }, 100), 30);
    assert.equal(completionReservation('chat', { max_completion_tokens: 40, max_tokens: 30 }, 100), 40);
    assert.equal(completionReservation('chat', { max_tokens: 30, n: 3 }, 100), 90);
    assert.equal(completionReservation('chat', { n: 2 }, 100), 200);
    assert.equal(completionReservation('chat', { n: 1 }, 100), 100);
    assert.equal(completionReservation('chat', { n: '4' }, 100), 100, 'a non-number n is ignored');
    const nulled: Record<string, unknown> = { max_tokens: null };
    assert.equal(completionReservation('chat', nulled, 100), 100, 'a null maximum means the default');
    assert.ok(!('max_tokens' in nulled), 'and is removed, so the upstream is bounded by the default too');
    for (const bad of [0, -5, '30', 12.7, Number.POSITIVE_INFINITY])
      assert.throws(
        () => completionReservation('completions', { max_tokens: bad }, 100),
        (err: unknown) => isWardenError(err) && err.code === 'WARDEN_BAD_REQUEST',
        `max_tokens ${String(bad)} is refused`,
      );
    assert.equal(completionReservation('embeddings', { max_tokens: 30 }, 100), 0);
  });
});

describe('memory limit store', () => {
  const spec = { limit: 2, windowMs: 3_600_000 };
  it('charges only allowed requests, so a denied one does not push the next back', () => {
    const s = new MemoryLimitStore();
    assert.equal(s.kind, 'memory');
    assert.equal(s.consume('k', 2, spec).allowed, true);
    assert.equal(s.consume('k', 1, spec).allowed, false);
    s.adjust('k', -1, spec);
    assert.equal(s.consume('k', 1, spec).allowed, true, 'the denied request left no charge behind');
    assert.equal(s.consume('k', 1, spec).allowed, false);
  });

  it('refunds a key it never charged without going below now', () => {
    const s = new MemoryLimitStore();
    s.adjust('fresh', -5, spec);
    assert.equal(s.consume('fresh', 2, spec).allowed, true);
    assert.equal(s.consume('fresh', 1, spec).allowed, false, 'no credit beyond the limit');
    s.adjust('other', 1, spec);
    assert.equal(s.consume('other', 2, spec).allowed, false, 'a charge on a fresh key counts from now');
  });

  it('leases: expired ones are dropped, released ones free the slot, releasing an unknown lease is harmless', () => {
    const s = new MemoryLimitStore();
    assert.equal(s.acquire('c', 'old', 1, 0), true);
    assert.equal(s.acquire('c', 'a', 1, 3_600_000), true, 'a lease whose time has come is gone');
    assert.equal(s.acquire('c', 'b', 1, 3_600_000), false);
    s.release('c', 'a');
    assert.equal(s.acquire('c', 'b', 1, 3_600_000), true);
    s.release('nobody', 'x');
    s.release('c', 'b');
    assert.equal(s.acquire('c', 'd', 1, 3_600_000), true);
  });

  it('releasing one lease keeps the other leases of the key held', () => {
    const s = new MemoryLimitStore();
    assert.equal(s.acquire('c', 'a', 2, 3_600_000), true);
    assert.equal(s.acquire('c', 'b', 2, 3_600_000), true);
    s.release('c', 'a');
    assert.equal(s.acquire('c', 'x', 2, 3_600_000), true);
    assert.equal(s.acquire('c', 'y', 2, 3_600_000), false, 'b and x still hold both slots');
  });

  it('past 100,000 keys it drops only the spent ones: a key at its limit stays limited', () => {
    const s = new MemoryLimitStore();
    const realNow = Date.now;
    const now = 1_700_000_000_000;
    try {
      Date.now = () => now;
      assert.equal(s.consume('full', 2, spec).allowed, true);
      const short = { limit: 1, windowMs: 1_000 };
      for (let i = 0; i < 100_000; i++) s.consume(`flood${i}`, 1, short);
      Date.now = () => now + 1_001;
      s.consume('trigger', 1, short);
      const tats = Reflect.get(s, 'tats') as Map<string, number>;
      assert.ok(tats.size <= 3, `spent keys are swept, ${tats.size} left`);
      assert.equal(s.consume('full', 1, spec).allowed, false, 'the sweep kept the live charge');
    } finally {
      Date.now = realNow;
    }
  });
});

describe('gcra edges', () => {
  it('reports remaining and reset from the stored arrival time', () => {
    const spec = { limit: 4, windowMs: 4_000 };
    const now = 10_000;
    const first = gcra(0, now, 1, spec);
    assert.deepEqual(first, { allowed: true, retryAfterMs: 0, remaining: 3, resetMs: 1_000, tat: 11_000 });
    const full = gcra(now + 4_000, now, 1, spec);
    assert.deepEqual(full, {
      allowed: false,
      retryAfterMs: 1_000,
      remaining: 0,
      resetMs: 4_000,
      tat: 14_000,
    });
    const half = gcra(now + 2_000, now, 1, spec);
    assert.equal(half.remaining, 1);
    assert.equal(gcra(0, now, 4, spec).allowed, true, 'a cost equal to the limit fits an empty window');
    const over = gcra(now + 3_000, now, 2, spec);
    assert.equal(over.allowed, false);
    assert.equal(over.remaining, 1);
    assert.equal(over.retryAfterMs, 1_000);
  });
});
