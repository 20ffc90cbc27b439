// Standard parameters per route: none is read as prompt text, whatever its value; a parameter of another route is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestTexts, standardParams } from './request-texts.js';

const brief = (parts: ReturnType<typeof requestTexts>) => parts.map((p) => [p.role, p.trust, p.text]);

describe('standardParams', () => {
  it('reads no standard parameter of a route as field text, whatever its value; a parameter of another route is', () => {
    // Parameters read as prompt text in their own right (prompt, suffix, input) are left out.
    const readElsewhere = new Set(['prompt', 'suffix', 'input']);
    const expected: Record<string, string[]> = {
      chat: ['model', 'user', 'metadata', 'store', 'service_tier', 'stream', 'stream_options', 'temperature'],
      completions: ['echo', 'best_of', 'n', 'stop', 'seed', 'max_tokens', 'logprobs', 'top_logprobs'],
      embeddings: ['model', 'user', 'encoding_format', 'dimensions'],
    };
    for (const route of ['chat', 'completions', 'embeddings'] as const) {
      for (const key of expected[route]!) assert.ok(standardParams[route].has(key), `${route} ${key}`);
      const body: Record<string, unknown> = {};
      for (const key of standardParams[route]) if (!readElsewhere.has(key)) body[key] = `value of ${key}`;
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
