// Complete mediation of Responses API answers: a crafted upstream plants a secret in every text a Responses
// client can read (reasoning summary, refusal, output text, an unknown output item, an unknown event) and calls a
// destructive tool; through the default guards none of it reaches the client, translated or passed through.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildWarden, type WardenApp } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import { type CraftedUpstream, pieces, startCraftedUpstream } from './fixtures/crafted-upstream.js';
import { tempDir } from './helpers.js';

// Assembled at run time so that no complete credential sits in the source.
const KEY = `AKIA${'7Q2W3E4R5T6Y7U2I'}`;
const SAID = `I thought it over; the key is ${KEY} as stored.`;

type Json = Record<string, unknown>;
const chatHead = { id: 'chatcmpl-x', object: 'chat.completion', created: 1, model: 'crafted' };
const usage = { prompt_tokens: 3, completion_tokens: 9, total_tokens: 12 };
const respUsage = { input_tokens: 3, output_tokens: 9, total_tokens: 12 };

/** A chat upstream (translate mode) whose reasoning and refusal carry the key. */
function chatReply(): { json: Json; chunks: Json[] } {
  const delta = (d: Json) => ({
    ...chatHead,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: d }],
  });
  return {
    json: {
      ...chatHead,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', reasoning_content: SAID, content: 'Done.', refusal: SAID },
          finish_reason: 'stop',
        },
      ],
      usage,
    },
    chunks: [
      ...pieces(SAID).map((p) => delta({ reasoning_content: p })),
      delta({ content: 'Done.' }),
      ...pieces(SAID).map((p) => delta({ refusal: p })),
      {
        ...chatHead,
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      },
    ],
  };
}

/** A Responses upstream (passthrough) planting the key in every item and event kind. */
function responsesReply(): { json: Json; chunks: Json[] } {
  const response = {
    id: 'resp_up',
    object: 'response',
    created_at: 1,
    model: 'crafted',
    status: 'completed',
    error: null,
    output: [
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: SAID }] },
      {
        type: 'message',
        id: 'msg_1',
        role: 'assistant',
        content: [
          {
            type: 'output_text',
            text: SAID,
            annotations: [{ type: 'url_citation', url: `https://x.example/${KEY}` }],
          },
          { type: 'refusal', refusal: SAID },
        ],
      },
      { type: 'web_search_call', id: 'ws_1', action: { query: KEY } },
    ],
    usage: respUsage,
    note: KEY,
  };
  const ev = (type: string, data: Json) => ({ type, ...data });
  return {
    json: response,
    chunks: [
      ev('response.created', { response: { ...response, output: [], status: 'in_progress' } }),
      ev('response.output_item.added', {
        output_index: 0,
        item: { type: 'reasoning', id: 'rs_1', summary: [] },
      }),
      ...pieces(SAID).map((delta) =>
        ev('response.reasoning_summary_text.delta', { item_id: 'rs_1', output_index: 0, delta }),
      ),
      ev('response.reasoning_summary_text.done', { item_id: 'rs_1', output_index: 0, text: SAID }),
      ev('response.custom_notice', { text: KEY }),
      ...pieces(SAID).map((delta) =>
        ev('response.output_text.delta', { item_id: 'msg_1', output_index: 1, delta }),
      ),
      ev('response.output_text.done', { item_id: 'msg_1', output_index: 1, text: SAID }),
      ...pieces(SAID).map((delta) =>
        ev('response.refusal.delta', { item_id: 'msg_1', output_index: 1, delta }),
      ),
      ev('response.completed', { response }),
    ],
  };
}

/** A Responses upstream calling delete_user (held for approval by the default tool posture). */
function deleteCall(): { json: Json; chunks: Json[] } {
  const item = {
    type: 'function_call',
    id: 'fc_1',
    call_id: 'call_1',
    name: 'delete_user',
    arguments: '{"id":"7"}',
  };
  const response = {
    id: 'resp_up',
    object: 'response',
    created_at: 1,
    model: 'crafted-delete',
    status: 'completed',
    output: [item],
    usage: respUsage,
  };
  return {
    json: response,
    chunks: [
      { type: 'response.created', response: { ...response, output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { ...item, arguments: '' } },
      ...pieces(item.arguments).map((delta) => ({
        type: 'response.function_call_arguments.delta',
        item_id: 'fc_1',
        output_index: 0,
        delta,
      })),
      { type: 'response.completed', response },
    ],
  };
}

for (const mode of ['translate', 'passthrough'] as const)
  describe(`a crafted upstream's Responses answer (${mode})`, () => {
    let upstream: CraftedUpstream;
    let app: WardenApp;
    let base: string;
    const dataDir = tempDir();
    before(async () => {
      upstream = await startCraftedUpstream(
        mode === 'translate'
          ? { crafted: chatReply() }
          : { crafted: responsesReply(), 'crafted-delete': deleteCall() },
      );
      const config = validateConfig({
        ...embeddedDefaults({ upstream: upstream.url }),
        upstreams: [{ name: 'crafted', baseUrl: upstream.url, responses: mode }],
        auth: { mode: 'none' },
        dataDir,
        logging: { level: 'silent' },
        approvals: { holdMs: 0 },
      });
      app = buildWarden(config);
      base = `http://127.0.0.1:${(await app.gateway.listen(0, '127.0.0.1')).port}/v1`;
    });
    after(async () => {
      await app.close();
      await upstream.close();
    });

    const ask = async (model: string, stream: boolean) => {
      const res = await fetch(`${base}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, input: 'What is the key?', stream }),
      });
      return { status: res.status, text: await res.text() };
    };

    for (const stream of [false, true])
      it(`never shows the key (${stream ? 'streamed' : 'whole'}), and still answers`, async () => {
        const { status, text } = await ask('crafted', stream);
        assert.equal(status, 200);
        assert.ok(!text.includes(KEY.slice(4)), `the key reached the client: ${text.slice(0, 300)}`);
        assert.ok(text.includes('the key is'), 'the surrounding text is kept');
        if (stream)
          assert.ok(text.includes('response.reasoning_summary_text.delta'), 'the reasoning is streamed');
        else assert.ok(text.includes('"type":"reasoning"'), 'the reasoning item is kept, redacted');
      });

    it('without a response store: previous_response_id and GET are a clear 400', async () => {
      const res = await fetch(`${base}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'crafted', input: 'again', previous_response_id: 'resp_x' }),
      });
      assert.equal(res.status, 400);
      const err = ((await res.json()) as { error: { code: string; param: string } }).error;
      assert.equal(err.code, 'WARDEN_RESPONSES_NO_STORE');
      assert.equal(err.param, 'previous_response_id');
      const got = await fetch(`${base}/responses/resp_${'0'.repeat(32)}`);
      assert.equal(got.status, 400);
    });

    if (mode === 'passthrough')
      for (const stream of [false, true])
        it(`holds an upstream's destructive function_call (${stream ? 'streamed' : 'whole'})`, async () => {
          const { status, text } = await ask('crafted-delete', stream);
          assert.equal(status, 200);
          assert.ok(!text.includes('"function_call"'), 'no function_call item reaches the client');
          assert.ok(text.includes('WARDEN_APPROVAL_REQUIRED'));
        });
  });
