// A tool-call guard that rewrites a call (a transform with a patch): the client receives the rewritten
// call, streamed or not, never the model's original arguments.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { transform } from '../src/core/decision.js';
import type { Guard } from '../src/core/guard.js';
import { postJson, type Stack, startStack } from './helpers.js';

// Caps a `limit` argument at 10, as a deployment's own policy guard might.
const capLimit: Guard = {
  id: 'cap-limit',
  phase: 'toolCall',
  tags: [],
  failMode: 'closed',
  check(ctx) {
    const over = (ctx.toolCalls ?? []).some(
      (c) => (JSON.parse(c.arguments) as { limit?: number }).limit! > 10,
    );
    if (!over) return transform('cap-limit', { changes: [] });
    return transform('cap-limit', {
      changes: ['capped limit at 10'],
      patch(c) {
        c.toolCalls = (c.toolCalls ?? []).map((call) => {
          const args = JSON.parse(call.arguments) as { limit?: number };
          return args.limit! > 10 ? { ...call, arguments: JSON.stringify({ ...args, limit: 10 }) } : call;
        });
      },
    });
  },
};

const ask = (stream: boolean) => ({
  model: 'warden-sim-1',
  stream,
  messages: [{ role: 'user', content: 'call list_rows {"table": "users", "limit": 5000}' }],
  tools: [
    {
      type: 'function',
      function: { name: 'list_rows', parameters: { type: 'object', properties: {} } },
    },
  ],
});

describe('tool-call patches reach the client', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack((c) => c, { extraGuards: [capLimit] });
  });
  after(() => stack.close());

  it('non-streaming: the rewritten arguments replace the original ones', async () => {
    const r = await postJson(`${stack.baseURL}/chat/completions`, ask(false));
    assert.equal(r.status, 200);
    const calls = (
      r.json.choices as {
        message: { tool_calls: { type: string; function: { name: string; arguments: string } }[] };
      }[]
    )[0]!.message.tool_calls;
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.type, 'function');
    assert.equal(calls[0]!.function.name, 'list_rows');
    assert.deepEqual(JSON.parse(calls[0]!.function.arguments), { table: 'users', limit: 10 });
  });

  it('streaming: the emitted call carries the rewritten arguments', async () => {
    const res = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ask(true)),
    });
    const events = (await res.text())
      .split('\n\n')
      .map((e) => e.replace(/^data: /, '').trim())
      .filter(Boolean);
    assert.equal(events.at(-1), '[DONE]');
    const deltas = events
      .slice(0, -1)
      .flatMap(
        (e) =>
          (JSON.parse(e) as { choices: { delta?: { tool_calls?: { function: { arguments: string } }[] } }[] })
            .choices,
      )
      .flatMap((c) => c.delta?.tool_calls ?? []);
    const args = deltas.map((d) => d.function.arguments).join('');
    assert.deepEqual(JSON.parse(args), { table: 'users', limit: 10 });
    assert.doesNotMatch(args, /5000/);
  });
});
