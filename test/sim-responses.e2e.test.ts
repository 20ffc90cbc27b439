// The simulator speaks the Responses API itself (what passthrough relies on): the openai SDK against it directly,
// plain, streamed, with a forced function call and a json_schema text format; GET /v1/models/{id}.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { type SimServer, startSimulator } from '../src/sim/server.js';

describe('the simulator Responses API', () => {
  let sim: SimServer;
  let client: OpenAI;
  before(async () => {
    sim = await startSimulator(0);
    client = new OpenAI({ baseURL: sim.url, apiKey: 'unused', maxRetries: 0 });
  });
  after(() => sim.close());

  it('answers plain and streamed with the same text', async () => {
    const ask = { model: 'warden-sim-1', input: 'Tell me about tides.' };
    const plain = await client.responses.create(ask);
    assert.equal(plain.status, 'completed');
    assert.ok(plain.output_text.length > 0);
    const stream = await client.responses.create({ ...ask, stream: true });
    let text = '';
    let last = '';
    for await (const e of stream) {
      if (e.type === 'response.output_text.delta') text += e.delta;
      last = e.type;
    }
    assert.equal(text, plain.output_text, 'deterministic, and the deltas add up');
    assert.equal(last, 'response.completed');
  });

  it('honours tool_choice and text.format json_schema', async () => {
    const r = await client.responses.create({
      model: 'warden-sim-1',
      input: 'hello',
      tools: [
        {
          type: 'function',
          name: 'lookup',
          parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
          strict: false,
        },
      ],
      tool_choice: { type: 'function', name: 'lookup' },
    });
    const call = r.output.find((o) => o.type === 'function_call');
    assert.ok(call?.type === 'function_call' && call.name === 'lookup');
    assert.equal(typeof (JSON.parse(call.arguments) as { q: unknown }).q, 'string');
    const schema = {
      type: 'object',
      properties: { n: { type: 'integer' }, ok: { type: 'boolean' } },
      required: ['n', 'ok'],
      additionalProperties: false,
    };
    const j = await client.responses.create({
      model: 'warden-sim-1',
      input: 'a number please',
      text: { format: { type: 'json_schema', name: 'x', schema, strict: true } },
    });
    const v = JSON.parse(j.output_text) as { n: unknown; ok: unknown };
    assert.ok(Number.isInteger(v.n) && typeof v.ok === 'boolean');
  });

  it('GET /v1/models/{id}: the model, or a 404 in the OpenAI shape', async () => {
    assert.equal((await client.models.retrieve('warden-sim-1')).id, 'warden-sim-1');
    await assert.rejects(client.models.retrieve('gpt-nothing'), OpenAI.NotFoundError);
  });
});
