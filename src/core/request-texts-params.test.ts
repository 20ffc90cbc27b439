// Standard parameters per route: none is read as prompt text, whatever its value; a parameter of another route is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestTexts, standardParams } from './request-texts.js';

const brief = (parts: ReturnType<typeof requestTexts>) => parts.map((p) => [p.role, p.trust, p.text]);

describe('standardParams', () => {
  it('reads no standard parameter of a route as field text, whatever its value; a parameter of another route is', () => {
    // Parameters read as prompt text in their own right (prompt, suffix, input) are left out.
    const readElsewhere = new Set(['prompt', 'suffix', 'input']);
    // The whole list per route: a parameter added here is one Warden reads no text from, so it is a decision.
    const common = ['model', 'user', 'metadata', 'store', 'service_tier', 'stream', 'stream_options'];
    const sampling = ['temperature', 'top_p', 'n', 'stop', 'seed', 'max_tokens', 'logprobs', 'top_logprobs'];
    const bias = ['logit_bias', 'presence_penalty', 'frequency_penalty'];
    const expected: Record<string, string[]> = {
      chat: [
        ...common,
        ...sampling,
        ...bias,
        ...['messages', 'tools', 'tool_choice', 'parallel_tool_calls', 'functions', 'function_call'],
        ...['response_format', 'max_completion_tokens', 'reasoning_effort', 'modalities', 'audio'],
        ...['prediction', 'web_search_options', 'verbosity', 'prompt_cache_key', 'safety_identifier'],
      ],
      completions: [...common, ...sampling, ...bias, 'prompt', 'suffix', 'echo', 'best_of'],
      embeddings: ['model', 'input', 'user', 'encoding_format', 'dimensions'],
    };
    for (const route of ['chat', 'completions', 'embeddings'] as const) {
      assert.deepEqual([...standardParams[route]].sort(), [...expected[route]!].sort(), route);
      const body: Record<string, unknown> = {};
      for (const key of expected[route]!) if (!readElsewhere.has(key)) body[key] = `value of ${key}`;
      assert.deepEqual(requestTexts(route, body), [], route);
    }
    for (const key of ['messages', 'tools', 'functions', 'response_format', 'prediction', 'verbosity']) {
      assert.equal(standardParams.chat.has(key), true, key);
      assert.deepEqual(brief(requestTexts('embeddings', { [key]: 'x' })), [['field', 'untrusted', 'x']], key);
    }
    assert.deepEqual(brief(requestTexts('chat', { suffix: 's', echo: 'e' })), [
      ['field', 'untrusted', 's'],
      ['field', 'untrusted', 'e'],
    ]);
  });
});
