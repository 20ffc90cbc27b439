// The request-limits guard blocks each limit one past its bound and allows the bound itself.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import type { GuardContext, Route } from '../../../core/context.js';
import type { Decision } from '../../../core/decision.js';
import { requestLimitsGuard } from './index.js';

const env = { log: pino({ level: 'silent' }), dataDir: '/tmp', secrets: [] };
const signal = new AbortController().signal;
const limits = { maxMessages: 3, maxTextChars: 40, maxTools: 2, maxInputs: 4 };
const guard = requestLimitsGuard.create(
  requestLimitsGuard.options.parse(limits),
  { id: 'request-limits', phase: 'request', failMode: 'closed' },
  env,
);

async function check(route: Route, body: Record<string, unknown>): Promise<Decision> {
  const ctx: GuardContext = {
    requestId: 'r',
    route,
    principal: { id: 'p', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: { model: 'm', ...body },
    state: new Map(),
    log: env.log,
  };
  return guard.check(ctx, signal);
}

const msgs = (n: number, text = 'hi') => Array.from({ length: n }, () => ({ role: 'user', content: text }));
const tools = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ type: 'function', function: { name: `t${i}`, parameters: {} } }));
const reason = (d: Decision) => (d.action === 'block' ? d.reason : `not blocked: ${d.action}`);

describe('request-limits guard', () => {
  it('runs first and fails closed', () => {
    assert.equal(guard.stage, -10);
    assert.equal(guard.failMode, 'closed');
  });

  it('blocks one message past maxMessages, allows the bound', async () => {
    assert.equal((await check('chat', { messages: msgs(3) })).action, 'allow');
    const d = await check('chat', { messages: msgs(4) });
    assert.equal(d.action, 'block');
    assert.equal(reason(d), 'too many messages (4 > 3)');
    assert.equal(d.action === 'block' && d.code, 'WARDEN_GUARD_BLOCKED');
  });

  it('blocks one tool past maxTools, allows the bound', async () => {
    assert.equal((await check('chat', { messages: msgs(1), tools: tools(2) })).action, 'allow');
    assert.equal(
      reason(await check('chat', { messages: msgs(1), tools: tools(3) })),
      'too many tool definitions (3 > 2)',
    );
  });

  it('blocks one embeddings input past maxInputs, allows the bound', async () => {
    assert.equal((await check('embeddings', { input: ['a', 'b', 'c', 'd'] })).action, 'allow');
    assert.equal(
      reason(await check('embeddings', { input: ['a', 'b', 'c', 'd', 'e'] })),
      'too many inputs (5 > 4)',
    );
  });

  it('blocks text past maxTextChars summed over every part, allows the bound', async () => {
    const twenty = 'x'.repeat(20);
    const ok = await check('chat', { messages: msgs(2, twenty) });
    assert.equal(ok.action, 'allow');
    assert.deepEqual(ok.details, { messages: 2, tools: 0, chars: 40 });
    assert.equal(
      reason(await check('chat', { messages: msgs(3, twenty) })),
      'too much text (60 > 40 characters)',
      'no single message is too long, their sum is',
    );
    assert.equal(
      reason(await check('completions', { prompt: 'y'.repeat(41) })),
      'too much text (41 > 40 characters)',
    );
    assert.equal(
      reason(await check('embeddings', { input: ['z'.repeat(41)] })),
      'too much text (41 > 40 characters)',
    );
  });

  it('rejects invalid options', () => {
    assert.throws(() => requestLimitsGuard.options.parse({ maxMessages: 0 }));
    assert.throws(() => requestLimitsGuard.options.parse({ maxTextChars: 10, unknown: 1 }));
    assert.equal(requestLimitsGuard.options.parse({}).maxTools, 128);
  });
});
