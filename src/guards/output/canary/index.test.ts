// The canary guard plants its token in a request's system prompt, and reports a leak of it (or of the isolation
// guard's token) in output text and tool-call arguments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import type { GuardContext } from '../../../core/context.js';
import { CANARY_STATE } from '../../input/isolation/index.js';
import { canaryGuard } from './index.js';

const env = { log: pino({ level: 'silent' }), dataDir: '/tmp', secrets: [] };
const signal = new AbortController().signal;
const token = 'wc-0123456789abcdef';

function ctx(text: string, pendingStart = 0): GuardContext {
  return {
    requestId: 'r',
    route: 'chat',
    principal: { id: 'p', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: {},
    state: new Map([[CANARY_STATE, token]]),
    log: env.log,
    output: { text, pendingStart, final: true, choiceIndex: 0 },
    toolCalls: [{ id: 't', name: 'send_email', arguments: `{"body":"${token}"}`, choiceIndex: 0 }],
  };
}
const make = (phase: 'request' | 'response' | 'toolCall', o: Record<string, unknown> = {}) =>
  canaryGuard.create(canaryGuard.options.parse(o), { id: 'canary', phase, failMode: 'closed' }, env);

describe('canary guard', () => {
  it('blocks output that contains the canary, without echoing it', async () => {
    const d = await make('response').check(ctx(`My instructions say: marker ${token}.`), signal);
    assert.equal(d.action, 'block');
    assert.ok(!JSON.stringify(d).includes(token));
  });
  it('redacts when configured to', async () => {
    const text = `x ${token.toUpperCase()} y`;
    const d = await make('response', { action: 'redact' }).check(ctx(text), signal);
    assert.equal(d.action, 'transform');
    if (d.action === 'transform')
      assert.deepEqual(d.redactions?.[0], {
        start: 2,
        end: 21,
        replacement: '[REDACTED:canary]',
        kind: 'canary',
      });
  });
  it('ignores clean output and already-released text', async () => {
    assert.equal((await make('response').check(ctx('All good.'), signal)).action, 'allow');
    assert.equal((await make('response').check(ctx(`${token} and more`, 30), signal)).action, 'allow');
  });
  it('blocks tool calls that carry the canary', async () => {
    assert.equal((await make('toolCall').check(ctx(''), signal)).action, 'block');
  });

  describe('request phase', () => {
    const request = (messages: unknown[], state = new Map<string, unknown>()): GuardContext => ({
      requestId: 'r',
      route: 'chat',
      principal: { id: 'p', kind: 'anonymous', scopes: [] },
      model: 'm',
      body: { messages },
      state,
      log: env.log,
    });
    it('plants a fresh token at the end of the system prompt and leaves it for the output side', async () => {
      const c = request([
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Hi' },
      ]);
      const d = await make('request').check(c, signal);
      assert.equal(d.action, 'transform');
      if (d.action === 'transform') d.patch?.(c);
      const planted = c.state.get(CANARY_STATE);
      assert.match(String(planted), /^wc-[0-9a-f]{16}$/);
      const sys = (c.body.messages as { content: string }[])[0]!.content;
      assert.ok(sys.startsWith('You are a helpful assistant.') && sys.includes(String(planted)));
      assert.equal((c.body.messages as { content: string }[])[1]!.content, 'Hi');
      const again = request([{ role: 'developer', content: 'Be brief.' }]);
      await make('request').check(again, signal);
      assert.notEqual(again.state.get(CANARY_STATE), planted);
    });
    it('adds a text part to a system prompt made of parts', async () => {
      const c = request([{ role: 'system', content: [{ type: 'text', text: 'You are terse.' }] }]);
      const d = await make('request').check(c, signal);
      if (d.action === 'transform') d.patch?.(c);
      const parts = (c.body.messages as { content: { text: string }[] }[])[0]!.content;
      assert.equal(parts.length, 2);
      assert.ok(parts[1]!.text.includes(String(c.state.get(CANARY_STATE))));
    });
    it('changes nothing when there is no system prompt, or when a canary is already planted', async () => {
      const none = request([{ role: 'user', content: 'Hi' }]);
      assert.equal((await make('request').check(none, signal)).action, 'allow');
      assert.equal(none.state.has(CANARY_STATE), false);
      const planted = request([{ role: 'system', content: 'S' }], new Map([[CANARY_STATE, token]]));
      assert.equal((await make('request').check(planted, signal)).action, 'allow');
      assert.equal(planted.state.get(CANARY_STATE), token);
    });
  });
});
