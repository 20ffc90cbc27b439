import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestTexts } from '../../core/request-texts.js';
import type { Upstream } from '../upstream.js';
import { toResponsesRequest } from './passthrough.js';
import { toChatRequest } from './request.js';
import { responsesMode } from './routes.js';

describe('toChatRequest', () => {
  const body = {
    model: 'm',
    instructions: 'Be brief.',
    input: [
      { role: 'developer', content: 'Answer in French.' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather?' }] },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'thinking' }] },
      { type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call', call_id: 'c2', name: 'get_time', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: 'sunny' },
    ],
    tools: [{ type: 'function', name: 'get_weather', description: 'Weather for a city', parameters: {} }],
    tool_choice: { type: 'function', name: 'get_weather' },
    text: {
      format: { type: 'json_schema', name: 'w', schema: { type: 'object', description: 'a forecast' } },
    },
    max_output_tokens: 50,
    store: true,
  };

  it('maps every text onto a chat field whose role request-texts knows', () => {
    const chat = toChatRequest(body);
    const parts = requestTexts('chat', chat);
    const by = (text: string) => parts.find((p) => p.text === text);
    assert.equal(by('Be brief.')?.trust, 'caller-system');
    assert.equal(by('Answer in French.')?.trust, 'caller-system');
    assert.equal(by('Weather?')?.trust, 'user');
    assert.equal(by('sunny')?.trust, 'untrusted');
    assert.equal(by('{"city":"Paris"}')?.role, 'tool-call');
    assert.equal(by('Weather for a city')?.role, 'tool-description');
    assert.equal(by('a forecast')?.role, 'tool-description');
    // reasoning items carry nothing a chat upstream can take: dropped, never forwarded
    assert.ok(!JSON.stringify(chat).includes('thinking'));
    const assistant = (chat.messages as { role: string; tool_calls?: unknown[] }[]).filter(
      (m) => m.role === 'assistant',
    );
    assert.equal(assistant.length, 1, 'consecutive calls are one assistant turn');
    assert.equal(assistant[0]!.tool_calls?.length, 2);
    assert.deepEqual(chat.tool_choice, { type: 'function', function: { name: 'get_weather' } });
    assert.equal(chat.max_tokens, 50);
    assert.equal(chat.store, undefined);
  });

  it('round-trips to a Responses request for passthrough, without store or previous ids', () => {
    const back = toResponsesRequest(toChatRequest(body), body);
    assert.equal(back.instructions, 'Be brief.');
    assert.equal(back.store, false);
    const input = back.input as { type: string; role?: string; call_id?: string }[];
    assert.deepEqual(
      input.map((i) => i.type),
      ['message', 'message', 'function_call', 'function_call', 'function_call_output'],
    );
    assert.deepEqual(back.tool_choice, { type: 'function', name: 'get_weather' });
    assert.equal((back.text as { format: { type: string } }).format.type, 'json_schema');
  });

  it('refuses hosted tools, unknown items, fields and parts with the field at fault', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ input: 'x', tools: [{ type: 'file_search' }] }, 'tools.0.type'],
      [{ input: 'x', tools: [{ type: 'computer_use_preview' }] }, 'tools.0.type'],
      [{ input: [{ type: 'item_reference', id: 'x' }] }, 'input.0.type'],
      [{ input: [{ role: 'user', content: [{ type: 'input_audio', data: '' }] }] }, 'input.0.content.0'],
      [{ input: [{ role: 'tool', content: 'x' }] }, 'input.0.role'],
      [{ input: 'x', background: true }, 'background'],
      [{ input: 'x', tool_choice: { type: 'web_search' } }, 'tool_choice'],
    ];
    for (const [extra, field] of cases)
      assert.throws(
        () => toChatRequest({ model: 'm', ...extra }),
        (err: { code?: string; params?: { field?: string } }) =>
          err.code === 'WARDEN_RESPONSES_UNSUPPORTED' && err.params?.field === field,
        field,
      );
  });
});

describe('responsesMode', () => {
  const upstream = (baseUrl: string, responses?: 'translate' | 'passthrough') =>
    ({ config: { baseUrl, ...(responses ? { responses } : {}) } }) as unknown as Upstream;
  it('passes through to OpenAI by default, translates elsewhere, and follows the setting', () => {
    assert.equal(responsesMode(upstream('https://api.openai.com/v1')), 'passthrough');
    assert.equal(responsesMode(upstream('http://127.0.0.1:11434/v1')), 'translate');
    assert.equal(responsesMode(upstream('https://api.openai.com.evil.example/v1')), 'translate');
    assert.equal(responsesMode(upstream('https://api.openai.com/v1', 'translate')), 'translate');
    assert.equal(responsesMode(upstream('http://vllm:8000/v1', 'passthrough')), 'passthrough');
  });
});
