// The hold protocol as three real clients see it: the official openai SDK, the Vercel AI SDK and LangChain,
// non-streamed and streamed, each surface a pending approval without crashing and show its id.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOpenAI } from '@ai-sdk/openai';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { type Stack, startStack } from './helpers.js';

const MODEL = 'warden-sim-1';
const PROMPT = 'call delete_user {"id": "42"}';
const parameters = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const deleteUser = { type: 'function' as const, function: { name: 'delete_user', parameters } };

describe('a pending approval through real clients', () => {
  let stack: Stack;
  let key: string;
  /** Every approval id a client showed must be a real, pending approval of this requester. */
  const assertPendingId = async (text: string) => {
    const id = /apr_[A-Za-z0-9_-]+/.exec(text)?.[0];
    assert.ok(id, `the client shows an approval id: ${text.slice(0, 200)}`);
    const res = await fetch(`${stack.url}/v1/approvals/${id}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { status: string }).status, 'pending');
  };

  before(async () => {
    stack = await startStack((cfg) => ({
      ...cfg,
      auth: { mode: 'keys' },
      guards: {
        ...cfg.guards,
        toolCall: [
          {
            use: 'tool-policy',
            options: {
              policies: [{ rules: [{ tools: ['delete_*'], action: 'approve', reason: 'destructive' }] }],
            },
          },
        ],
      },
      approvals: { holdMs: 0, pollMs: 50 },
    }));
    key = (await stack.app.admin.createKey({ name: 'agent', scopes: ['chat'] }, 'test')).token;
  });
  after(() => stack.close());

  describe('openai SDK', () => {
    const client = () => new OpenAI({ baseURL: stack.baseURL, apiKey: key, maxRetries: 0 });
    it('non-streamed: a completion whose text and warden field carry the approval', async () => {
      const c = await client().chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: PROMPT }],
        tools: [deleteUser],
      });
      const choice = c.choices[0]!;
      assert.equal(choice.finish_reason, 'stop');
      assert.equal(choice.message.tool_calls, undefined);
      await assertPendingId(choice.message.content ?? '');
      const warden = (c as unknown as { warden: { code: string; approval: { id: string } } }).warden;
      assert.equal(warden.code, 'WARDEN_APPROVAL_REQUIRED');
      assert.ok(choice.message.content?.includes(warden.approval.id));
    });

    it('streamed: text deltas carry the approval, the stream ends with finish stop', async () => {
      const stream = await client().chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: PROMPT }],
        tools: [deleteUser],
        stream: true,
      });
      let text = '';
      let finish: string | null = null;
      for await (const chunk of stream) {
        for (const ch of chunk.choices) {
          assert.equal(ch.delta.tool_calls, undefined);
          text += ch.delta.content ?? '';
          finish = ch.finish_reason ?? finish;
        }
      }
      assert.equal(finish, 'stop');
      await assertPendingId(text);
    });
  });

  describe('Vercel AI SDK (openai.chat)', () => {
    const model = () => createOpenAI({ baseURL: stack.baseURL, apiKey: key }).chat(MODEL);
    const tools = {
      delete_user: tool({ description: 'Delete a user', inputSchema: jsonSchema(parameters) }),
    };
    it('non-streamed: generateText returns the pending text, no tool call', async () => {
      const r = await generateText({ model: model(), prompt: PROMPT, tools, maxRetries: 0 });
      assert.equal(r.toolCalls.length, 0);
      assert.equal(r.finishReason, 'stop');
      await assertPendingId(r.text);
    });

    it('streamed: streamText yields the pending text, no tool call', async () => {
      const errors: unknown[] = [];
      const r = streamText({
        model: model(),
        prompt: PROMPT,
        tools,
        maxRetries: 0,
        onError: (e) => {
          errors.push(e);
        },
      });
      let text = '';
      for await (const part of r.textStream) text += part;
      assert.deepEqual(errors, []);
      assert.equal((await r.toolCalls).length, 0);
      assert.equal(await r.finishReason, 'stop');
      await assertPendingId(text);
    });
  });

  describe('LangChain ChatOpenAI', () => {
    const model = () =>
      new ChatOpenAI({
        model: MODEL,
        apiKey: key,
        maxRetries: 0,
        configuration: { baseURL: stack.baseURL },
      }).bindTools([deleteUser]);
    it('non-streamed: invoke returns an AI message with the pending text, no tool call', async () => {
      const m = await model().invoke(PROMPT);
      assert.deepEqual(m.tool_calls ?? [], []);
      await assertPendingId(String(m.content));
    });

    it('streamed: the chunks carry the pending text, no tool call', async () => {
      let text = '';
      for await (const chunk of await model().stream(PROMPT)) {
        assert.deepEqual(chunk.tool_call_chunks ?? [], []);
        text += String(chunk.content);
      }
      await assertPendingId(text);
    });
  });
});
