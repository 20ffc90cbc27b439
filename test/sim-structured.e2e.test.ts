// Structured-output clients in demo mode: the official openai SDK's `.parse()` against the simulator, directly and through Warden.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { type SimServer, startSimulator } from '../src/sim/server.js';
import { type Stack, startStack } from './helpers.js';

const Recipe = z.object({
  title: z.string(),
  servings: z.number().int().min(1).max(12),
  vegetarian: z.boolean(),
  course: z.enum(['starter', 'main', 'dessert']),
  steps: z.array(z.object({ order: z.number().int(), text: z.string() })),
});

describe('simulator structured output with the openai SDK', () => {
  let sim: SimServer;
  let stack: Stack;
  before(async () => {
    sim = await startSimulator(0);
    stack = await startStack();
  });
  after(async () => {
    await sim.close();
    await stack.close();
  });

  it('chat.completions.parse with a zod json_schema returns a parsed object (simulator directly)', async () => {
    const client = new OpenAI({ baseURL: sim.url, apiKey: 'unused' });
    const ask = () =>
      client.chat.completions.parse({
        model: 'warden-sim-1',
        messages: [{ role: 'user', content: 'Suggest a recipe for a quick dinner.' }],
        response_format: zodResponseFormat(Recipe, 'recipe'),
      });
    const first = await ask();
    const parsed = first.choices[0]!.message.parsed;
    assert.ok(parsed, 'parsed output present');
    assert.deepEqual(Recipe.parse(parsed), parsed);
    assert.ok(parsed.steps.length >= 1);
    const again = await ask();
    assert.deepEqual(again.choices[0]!.message.parsed, parsed, 'deterministic for the same request');
  });

  it('json_object gives a JSON object and tool_choice forces the named function', async () => {
    const client = new OpenAI({ baseURL: sim.url, apiKey: 'unused' });
    const obj = await client.chat.completions.create({
      model: 'warden-sim-1',
      messages: [{ role: 'user', content: 'Reply in JSON: what is the capital of France?' }],
      response_format: { type: 'json_object' },
    });
    const value = JSON.parse(obj.choices[0]!.message.content!) as unknown;
    assert.equal(typeof value, 'object');
    assert.ok(value && !Array.isArray(value));

    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'weather for a city',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
            required: ['city', 'unit'],
            additionalProperties: false,
          },
        },
      },
      { type: 'function', function: { name: 'noop', parameters: { type: 'object', properties: {} } } },
    ];
    const messages = [{ role: 'user' as const, content: 'Hello there.' }];
    const named = await client.chat.completions.create({
      model: 'warden-sim-1',
      messages,
      tools,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    const call = named.choices[0]!.message.tool_calls?.[0];
    assert.equal(named.choices[0]!.finish_reason, 'tool_calls');
    assert.ok(call && call.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    const args = JSON.parse(call.function.arguments) as { city: unknown; unit: unknown };
    assert.equal(typeof args.city, 'string');
    assert.ok(args.unit === 'c' || args.unit === 'f');

    const required = await client.chat.completions.create({
      model: 'warden-sim-1',
      messages,
      tools,
      tool_choice: 'required',
    });
    assert.equal(required.choices[0]!.message.tool_calls?.length, 1);
    const none = await client.chat.completions.create({
      model: 'warden-sim-1',
      messages: [{ role: 'user', content: 'Please call get_weather now.' }],
      tools,
      tool_choice: 'none',
    });
    assert.equal(none.choices[0]!.message.tool_calls, undefined);
    assert.equal(none.choices[0]!.finish_reason, 'stop');
  });

  it('a plain structured request through Warden parses: the response guards keep the JSON intact', async () => {
    const client = new OpenAI({ baseURL: stack.baseURL, apiKey: 'unused' });
    const res = await client.chat.completions.parse({
      model: 'warden-sim-1',
      messages: [{ role: 'user', content: 'Suggest a recipe for a quick dinner.' }],
      response_format: zodResponseFormat(Recipe, 'recipe'),
    });
    const parsed = res.choices[0]!.message.parsed;
    assert.ok(parsed);
    assert.deepEqual(Recipe.parse(parsed), parsed);
  });
});
