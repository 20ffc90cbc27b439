// The Responses API as real clients use it, through Warden (default guards) against the simulator: the official
// openai SDK (responses.create plain and streamed, models.retrieve, chat.completions.parse), the Vercel AI SDK's
// default provider (generateText, streamText) and LangChain's ChatOpenAI with useResponsesApi.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOpenAI } from '@ai-sdk/openai';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { zodResponseFormat, zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

const MODEL = 'warden-sim-1';

for (const mode of ['translate', 'passthrough'] as const)
  describe(`the Responses API through Warden with real clients (${mode})`, () => {
    let stack: Stack;
    let key: string;
    /** Paths the simulator was asked for: each mode must reach the upstream the way it says. */
    const upstreamPaths: string[] = [];
    before(async () => {
      stack = await startStack((c) => ({
        ...c,
        auth: { mode: 'keys' },
        responses: { store: 'sqlite' },
        upstreams: (c.upstreams ?? []).map((u) => ({ ...u, responses: mode })),
      }));
      stack.sim.server.on('request', (req: { url?: string }) => upstreamPaths.push(req.url ?? ''));
      key = (await stack.app.admin.createKey({ name: 'app', scopes: ['chat', 'models'] }, 'test')).token;
    });
    after(() => stack.close());
    const client = () => new OpenAI({ baseURL: stack.baseURL, apiKey: key, maxRetries: 0 });

    describe('openai SDK', () => {
      it('responses.create: a completed response whose output_text is the answer', async () => {
        const r = await client().responses.create({
          model: MODEL,
          instructions: 'You are a helpful assistant for a bakery.',
          input: 'What is a good bread for beginners?',
        });
        assert.equal(r.status, 'completed');
        assert.match(r.id, /^resp_/);
        assert.ok(r.output_text.length > 10, 'the SDK reads the answer text');
        const msg = r.output.find((o) => o.type === 'message');
        assert.ok(msg && msg.type === 'message' && msg.content[0]?.type === 'output_text');
        assert.ok((r.usage?.input_tokens ?? 0) > 0 && (r.usage?.output_tokens ?? 0) > 0);
      });

      it('responses.create streamed: typed events, deltas that add up to the completed text', async () => {
        const stream = await client().responses.create({
          model: MODEL,
          input: [
            { role: 'user', content: [{ type: 'input_text', text: 'Tell me about sourdough starters.' }] },
          ],
          stream: true,
        });
        const types: string[] = [];
        let deltas = '';
        let completed: OpenAI.Responses.Response | undefined;
        const seqs: number[] = [];
        for await (const e of stream) {
          types.push(e.type);
          seqs.push(e.sequence_number);
          if (e.type === 'response.output_text.delta') deltas += e.delta;
          if (e.type === 'response.completed') completed = e.response;
        }
        assert.equal(types[0], 'response.created');
        assert.equal(types.at(-1), 'response.completed');
        for (const t of [
          'response.output_item.added',
          'response.content_part.added',
          'response.output_text.done',
          'response.output_item.done',
        ])
          assert.ok(types.includes(t), `${t} was sent`);
        assert.deepEqual(
          seqs,
          seqs.map((_, i) => i),
          'sequence numbers count up from 0',
        );
        assert.ok(deltas.length > 10);
        assert.equal(completed?.output_text ?? textOf(completed), deltas);
      });

      it('a function tool: the call comes back as a function_call item, its output continues the turn', async () => {
        const tools: OpenAI.Responses.Tool[] = [
          {
            type: 'function',
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
              additionalProperties: false,
            },
            strict: true,
          },
        ];
        const r = await client().responses.create({
          model: MODEL,
          input: 'What is the weather in Paris?',
          tools,
          tool_choice: { type: 'function', name: 'get_weather' },
        });
        const call = r.output.find((o) => o.type === 'function_call');
        assert.ok(call && call.type === 'function_call', 'a function_call item');
        assert.equal(call.name, 'get_weather');
        assert.equal(typeof (JSON.parse(call.arguments) as { city: unknown }).city, 'string');
        const next = await client().responses.create({
          model: MODEL,
          input: [
            { role: 'user', content: 'What is the weather in Paris?' },
            { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
            { type: 'function_call_output', call_id: call.call_id, output: '{"temp_c": 21}' },
          ],
          tools,
        });
        assert.equal(next.status, 'completed');
        assert.ok(next.output_text.length > 0);
      });

      it('responses.parse with a zod text format returns a parsed object', async () => {
        const Answer = z.object({ city: z.string(), sunny: z.boolean() });
        const r = await client().responses.parse({
          model: MODEL,
          input: 'Is it sunny in Rome?',
          text: { format: zodTextFormat(Answer, 'answer') },
        });
        assert.deepEqual(Answer.parse(r.output_parsed), r.output_parsed);
      });

      it('chat.completions.parse with a json_schema through Warden', async () => {
        const Recipe = z.object({ title: z.string(), servings: z.number().int() });
        const c = await client().chat.completions.parse({
          model: MODEL,
          messages: [{ role: 'user', content: 'A recipe for pancakes.' }],
          response_format: zodResponseFormat(Recipe, 'recipe'),
        });
        const parsed = c.choices[0]!.message.parsed;
        assert.deepEqual(Recipe.parse(parsed), parsed);
      });

      it('models.retrieve: a served model; an unknown one is a 404 in the OpenAI shape', async () => {
        const m = await client().models.retrieve(MODEL);
        assert.equal(m.id, MODEL);
        assert.equal(m.object, 'model');
        await assert.rejects(client().models.retrieve('no-such-model'), (err: unknown) => {
          assert.ok(err instanceof OpenAI.NotFoundError);
          return true;
        });
      });

      it('previous_response_id continues a stored conversation; GET /v1/responses/{id} returns it', async () => {
        const first = await client().responses.create({
          model: MODEL,
          input: 'My name is Ada. Remember it.',
        });
        const second = await client().responses.create({
          model: MODEL,
          input: 'Please repeat what I told you before.',
          previous_response_id: first.id,
        });
        assert.equal(second.previous_response_id, first.id);
        assert.equal(second.status, 'completed');
        assert.ok((second.usage?.input_tokens ?? 0) > (first.usage?.input_tokens ?? 0), 'history was sent');
        const got = await client().responses.retrieve(first.id);
        assert.equal(got.id, first.id);
        assert.equal(got.output_text, first.output_text);
        const other = (await stack.app.admin.createKey({ name: 'other', scopes: ['chat'] }, 'test')).token;
        const res = await fetch(`${stack.baseURL}/responses/${first.id}`, {
          headers: { authorization: `Bearer ${other}` },
        });
        assert.equal(res.status, 404, 'another principal cannot read it');
      });
    });

    describe('refusals', () => {
      const post = (body: Record<string, unknown>) =>
        postJson(`${stack.baseURL}/responses`, { model: MODEL, ...body }, { authorization: `Bearer ${key}` });
      it('hosted tools, unknown items and fields, unreadable files: a clear 400 each', async () => {
        for (const [body, param] of [
          [{ input: 'hi', tools: [{ type: 'web_search' }] }, 'tools.0.type'],
          [{ input: 'hi', tools: [{ type: 'mcp', server_url: 'https://x.example' }] }, 'tools.0.type'],
          [{ input: 'hi', tools: [{ type: 'code_interpreter' }] }, 'tools.0.type'],
          [{ input: [{ type: 'computer_call', id: 'x' }] }, 'input.0.type'],
          [{ input: [{ role: 'user', content: 'hi', extra: 'x' }] }, 'input.0.extra'],
          [{ input: 'hi', surprise: 'x' }, 'surprise'],
          [
            { input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file-1' }] }] },
            'input.0.content.0',
          ],
          [
            {
              input: [
                {
                  role: 'user',
                  content: [{ type: 'input_file', file_data: 'data:application/pdf;base64,JVBERi0=' }],
                },
              ],
            },
            'input.0.content.0',
          ],
        ] as const) {
          const res = await post(body);
          assert.equal(res.status, 400, JSON.stringify(body));
          assert.equal(errorCode(res.json), 'WARDEN_RESPONSES_UNSUPPORTED');
          assert.equal((res.json.error as { param: string }).param, param);
        }
      });

      it('a text input_file is read and answered', async () => {
        const data = Buffer.from('Meeting notes: ship on Friday.').toString('base64');
        const res = await post({
          input: [
            {
              role: 'user',
              content: [
                { type: 'input_text', text: 'Summarise this file.' },
                { type: 'input_file', filename: 'notes.txt', file_data: `data:text/plain;base64,${data}` },
              ],
            },
          ],
        });
        assert.equal(res.status, 200, res.text);
        assert.equal(res.json.status, 'completed');
      });
    });

    describe('Vercel AI SDK default provider (Responses API)', () => {
      const provider = () => createOpenAI({ baseURL: stack.baseURL, apiKey: key });
      it('generateText', async () => {
        const r = await generateText({ model: provider()(MODEL), prompt: 'Name a fruit that is yellow.' });
        assert.ok(r.text.length > 0);
        assert.equal(r.finishReason, 'stop');
        assert.ok((r.usage.inputTokens ?? 0) > 0);
      });
      it('streamText', async () => {
        const r = streamText({ model: provider()(MODEL), prompt: 'Describe the sea in one sentence.' });
        let text = '';
        for await (const piece of r.textStream) text += piece;
        assert.ok(text.length > 0);
        assert.equal(text, await r.text);
      });
      it('generateText with a tool: the call is read from the function_call item', async () => {
        const r = await generateText({
          model: provider()(MODEL),
          prompt: 'What is the weather in Oslo?',
          tools: {
            get_weather: tool({
              description: 'Weather for a city',
              inputSchema: jsonSchema<{ city: string }>({
                type: 'object',
                properties: { city: { type: 'string' } },
                required: ['city'],
              }),
            }),
          },
          toolChoice: { type: 'tool', toolName: 'get_weather' },
        });
        assert.equal(r.toolCalls[0]?.toolName, 'get_weather');
      });
    });

    describe('LangChain ChatOpenAI with useResponsesApi', () => {
      const model = () =>
        new ChatOpenAI({
          model: MODEL,
          apiKey: key,
          useResponsesApi: true,
          maxRetries: 0,
          configuration: { baseURL: stack.baseURL },
        });
      it('invoke', async () => {
        const msg = await model().invoke('What colour is the sky?');
        assert.ok(typeof msg.content === 'string' ? msg.content.length > 0 : msg.content.length > 0);
        assert.ok(msg.text.length > 0);
      });
      it('stream', async () => {
        let text = '';
        for await (const chunk of await model().stream('Say something about clouds.')) text += chunk.text;
        assert.ok(text.length > 0);
      });
    });

    // Last in this suite: every request above went to the upstream the way the mode says.
    it(`reached the upstream through ${mode === 'passthrough' ? '/v1/responses' : '/v1/chat/completions'}`, () => {
      const asked = upstreamPaths.filter((p) => p !== '/v1/models');
      const expected = mode === 'passthrough' ? '/v1/responses' : '/v1/chat/completions';
      // chat.completions.parse goes to the chat path in both modes
      assert.ok(asked.filter((p) => p === expected).length >= 10, `${mode} reached ${expected}: ${asked}`);
      if (mode === 'translate') assert.ok(!asked.includes('/v1/responses'));
    });
  });

function textOf(r: OpenAI.Responses.Response | undefined): string {
  let out = '';
  for (const o of r?.output ?? [])
    if (o.type === 'message') for (const c of o.content) if (c.type === 'output_text') out += c.text;
  return out;
}
