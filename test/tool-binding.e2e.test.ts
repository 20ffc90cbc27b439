// Tool calls that try to walk around the policy, through the gateway with a fake upstream that answers the tool
// calls it is told to: identical calls, duplicate keys, case and look-alike names, streamed and not.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { postJson, type Stack, startStack } from './helpers.js';

interface Planned {
  name: string;
  arguments: string;
}

/** An OpenAI-compatible upstream that emits the tool calls the last user message lists (JSON), each with a fresh id. */
async function fakeUpstream(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const parsed = JSON.parse(body) as { stream?: boolean; messages: { content: string }[] };
      const planned = JSON.parse(parsed.messages.at(-1)!.content) as Planned[];
      const calls = planned.map((p) => ({
        id: `call_${randomUUID().slice(0, 8)}`,
        type: 'function',
        function: { name: p.name, arguments: p.arguments },
      }));
      const base = { id: 'cmpl', object: 'chat.completion', created: 1, model: 'fake' };
      if (!parsed.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            ...base,
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: null, tool_calls: calls },
                finish_reason: 'tool_calls',
              },
            ],
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const send = (choice: unknown) =>
        res.write(`data: ${JSON.stringify({ ...base, choices: [choice] })}\n\n`);
      send({ index: 0, delta: { role: 'assistant' }, finish_reason: null });
      for (const [i, c] of calls.entries())
        send({ index: 0, delta: { tool_calls: [{ index: i, ...c }] }, finish_reason: null });
      send({ index: 0, delta: {}, finish_reason: 'tool_calls' });
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server };
}

const declared = ['delete_user', 'transfer_funds', 'drop_table', 'DROP_TABLE', 'Drop_Table', 'drop_tаble'];
const ask = (planned: Planned[], stream = false) => ({
  model: 'fake',
  stream,
  messages: [{ role: 'user', content: JSON.stringify(planned) }],
  tools: declared.map((name) => ({ type: 'function', function: { name, parameters: { type: 'object' } } })),
});

type Answer = { tool_calls?: { function: { name: string; arguments: string } }[]; content: string | null };
const choiceOf = (json: Record<string, unknown>) =>
  (json.choices as { message: Answer; finish_reason: string }[])[0]!;
const approvalsOf = (json: Record<string, unknown>) =>
  ((json.warden as { approvals?: { id: string }[] } | undefined)?.approvals ?? []).map((a) => a.id);

/** The streamed tool calls and the final warden field of a streamed answer. */
async function streamed(url: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const events = (await res.text())
    .split('\n\n')
    .map((e) => e.replace(/^data: /, '').trim())
    .filter((e) => e && !e.startsWith(':'));
  assert.equal(events.at(-1), '[DONE]');
  const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Record<string, unknown>);
  const calls = chunks.flatMap((c) =>
    (c.choices as { delta?: { tool_calls?: unknown[] } }[]).flatMap((ch) => ch.delta?.tool_calls ?? []),
  );
  return {
    calls,
    warden: chunks.at(-1)?.warden as { code: string; approvals?: { id: string }[] } | undefined,
  };
}

describe('tool calls that try to walk around the policy', () => {
  let stack: Stack;
  let upstream: { url: string; server: Server };
  let agent: Record<string, string>;
  let approver: string;

  const approve = async (id: string) => {
    const r = await fetch(`${stack.url}/admin/api/approvals/${id}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${approver}` },
    });
    assert.equal(r.status, 200);
  };

  before(async () => {
    upstream = await fakeUpstream();
    stack = await startStack((cfg) => ({
      ...cfg,
      auth: { mode: 'keys' },
      upstreams: [{ name: 'fake', baseUrl: upstream.url, models: ['fake'] }],
      guards: {
        request: [],
        response: [],
        toolCall: [
          {
            use: 'tool-policy',
            options: {
              policies: [
                {
                  rules: [
                    { tools: ['delete_*'], action: 'approve', reason: 'destructive' },
                    { tools: ['drop_*'], action: 'deny', reason: 'no schema changes' },
                    {
                      tools: ['transfer_funds'],
                      action: 'allow',
                      when: {
                        schema: { type: 'object', properties: { amount: { type: 'number', maximum: 100 } } },
                      },
                    },
                    { tools: ['transfer_funds'], action: 'deny' },
                  ],
                },
              ],
            },
          },
        ],
      },
      approvals: { holdMs: 0, pollMs: 50 },
    }));
    agent = {
      authorization: `Bearer ${(await stack.app.admin.createKey({ name: 'agent', scopes: ['chat'] }, 't')).token}`,
    };
    approver = (await stack.app.admin.createKey({ name: 'alice', scopes: ['approver'] }, 't')).token;
  });
  after(async () => {
    await stack.close();
    await new Promise((r) => upstream.server.close(r));
  });

  const url = () => `${stack.baseURL}/chat/completions`;
  const del = { name: 'delete_user', arguments: '{"id":"1"}' };

  it('three identical calls need three approvals; one approval releases none of them', async () => {
    const first = await postJson(url(), ask([del, del, del]), agent);
    const ids = approvalsOf(first.json);
    assert.equal(new Set(ids).size, 3, 'one approval per call');
    await approve(ids[0]!);
    const one = await postJson(url(), ask([del, del, del]), { ...agent, 'x-warden-approval-id': ids[0]! });
    assert.equal(
      choiceOf(one.json).message.tool_calls,
      undefined,
      'one approval does not release three calls',
    );
    await approve(ids[1]!);
    await approve(ids[2]!);
    const all = await postJson(url(), ask([del, del, del]), {
      ...agent,
      'x-warden-approval-id': ids.join(','),
    });
    assert.equal(
      choiceOf(all.json).message.tool_calls?.length,
      3,
      'three approvals release the three calls, new ids and all',
    );
    const replay = await streamed(url(), ask([del, del, del], true), {
      ...agent,
      'x-warden-approval-id': ids.join(','),
    });
    assert.deepEqual(replay.calls, [], 'each approval is used once');
  });

  it('an approval for {"id":"1"} does not release {"id":"2","id":"1"}', async () => {
    const first = await postJson(url(), ask([{ name: 'delete_user', arguments: '{"id":"1"}' }]), agent);
    const [id] = approvalsOf(first.json);
    await approve(id!);
    const dup = { name: 'delete_user', arguments: '{"id":"2","id":"1"}' };
    for (const stream of [false, true]) {
      const headers = { ...agent, 'x-warden-approval-id': id! };
      if (stream) assert.deepEqual((await streamed(url(), ask([dup], true), headers)).calls, []);
      else {
        const r = await postJson(url(), ask([dup]), headers);
        assert.equal(choiceOf(r.json).message.tool_calls, undefined);
        assert.equal(choiceOf(r.json).finish_reason, 'content_filter');
        assert.match(String((r.json.warden as { reason: string }).reason), /duplicate key/);
      }
    }
  });

  it('duplicate keys do not dodge an argument rule, streamed or not', async () => {
    const dodge = { name: 'transfer_funds', arguments: '{"amount":5000,"amount":50}' };
    const r = await postJson(url(), ask([dodge]), agent);
    assert.equal(choiceOf(r.json).message.tool_calls, undefined);
    assert.ok(!r.text.includes('5000'), 'the raw arguments never reach the client');
    const s = await streamed(url(), ask([dodge], true), agent);
    assert.deepEqual(s.calls, []);
    const fine = await postJson(url(), ask([{ name: 'transfer_funds', arguments: '{"amount":50}' }]), agent);
    assert.equal(choiceOf(fine.json).message.tool_calls?.length, 1);
  });

  it('case, separator and look-alike spellings of a denied tool are denied', async () => {
    for (const name of ['DROP_TABLE', 'Drop_Table', 'drop_tаble']) {
      const r = await postJson(url(), ask([{ name, arguments: '{}' }]), agent);
      assert.equal(choiceOf(r.json).message.tool_calls, undefined, name);
      assert.equal(choiceOf(r.json).finish_reason, 'content_filter', name);
      const s = await streamed(url(), ask([{ name, arguments: '{}' }], true), agent);
      assert.deepEqual(s.calls, [], name);
    }
  });
});
