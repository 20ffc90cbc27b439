// The canary guard reports a leak of the isolation guard's token in output text and tool-call arguments.
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
const make = (phase: 'response' | 'toolCall', o: Record<string, unknown> = {}) =>
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
});
