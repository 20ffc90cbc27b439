// The tool-policy guard end to end with the simulator: denied and undeclared calls are withheld, streamed or not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postJson, type Stack, startStack } from './helpers.js';

const tool = (name: string) => ({
  type: 'function',
  function: { name, parameters: { type: 'object', properties: { id: { type: 'string' } } } },
});

const ask = (text: string, tools: string[], stream = false) => ({
  model: 'warden-sim-1',
  stream,
  messages: [{ role: 'user', content: text }],
  tools: tools.map(tool),
});

async function streamed(url: string, body: unknown): Promise<Record<string, unknown>[]> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const events = (await res.text())
    .split('\n\n')
    .map((e) => e.replace(/^data: /, '').trim())
    .filter(Boolean);
  assert.equal(events.at(-1), '[DONE]');
  return events.slice(0, -1).map((e) => JSON.parse(e) as Record<string, unknown>);
}

const toolCallsIn = (chunks: Record<string, unknown>[]) =>
  chunks.flatMap((c) =>
    (c.choices as { delta?: { tool_calls?: unknown[] } }[]).flatMap((ch) => ch.delta?.tool_calls ?? []),
  );

describe('tool-policy through the gateway', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack((cfg) => ({
      ...cfg,
      guards: {
        ...cfg.guards,
        toolCall: [
          {
            use: 'tool-policy',
            options: {
              policies: [
                {
                  strict: true,
                  rules: [
                    {
                      tools: ['delete_user'],
                      action: 'deny',
                      when: { args: [{ path: 'id', in: ['1', 'root'] }] },
                    },
                    { tools: ['delete_user', 'lookup_user'], action: 'allow' },
                  ],
                },
              ],
            },
          },
        ],
      },
    }));
  });
  after(() => stack.close());

  it('releases an allowed call and withholds a denied one (non-streaming)', async () => {
    const ok = await postJson(
      `${stack.baseURL}/chat/completions`,
      ask('call delete_user {"id": "7"}', ['delete_user']),
    );
    const okChoice = (
      ok.json.choices as { message: { tool_calls?: unknown[] }; finish_reason: string }[]
    )[0]!;
    assert.equal(okChoice.message.tool_calls?.length, 1);
    const denied = await postJson(
      `${stack.baseURL}/chat/completions`,
      ask('call delete_user {"id": "1"}', ['delete_user']),
    );
    const choice = (
      denied.json.choices as { message: { tool_calls?: unknown[] }; finish_reason: string }[]
    )[0]!;
    assert.equal(choice.message.tool_calls, undefined);
    assert.equal(choice.finish_reason, 'content_filter');
    assert.equal((denied.json.warden as { guard: string }).guard, 'tool-policy-toolCall');
  });

  it('withholds a denied call and ends the stream with content_filter', async () => {
    const chunks = await streamed(
      `${stack.baseURL}/chat/completions`,
      ask('call delete_user {"id": "root"}', ['delete_user'], true),
    );
    assert.deepEqual(toolCallsIn(chunks), []);
    const last = chunks.at(-1)!;
    assert.equal((last.choices as { finish_reason: string }[])[0]?.finish_reason, 'content_filter');
    const allowed = await streamed(
      `${stack.baseURL}/chat/completions`,
      ask('call delete_user {"id": "8"}', ['delete_user'], true),
    );
    assert.equal(toolCallsIn(allowed).length, 1);
  });

  it('strict mode withholds a tool no rule names', async () => {
    const r = await postJson(
      `${stack.baseURL}/chat/completions`,
      ask('call drop_tables {"id": "x"}', ['drop_tables']),
    );
    const choice = (r.json.choices as { message: { tool_calls?: unknown[] }; finish_reason: string }[])[0]!;
    assert.equal(choice.message.tool_calls, undefined);
    assert.equal(choice.finish_reason, 'content_filter');
  });
});
