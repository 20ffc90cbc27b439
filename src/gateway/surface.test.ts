import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CHAT_SLOTS,
  pruneChoice,
  pruneEmbeddings,
  slotText,
  stringLeaves,
  topLevel,
  writeSlot,
} from './surface.js';
import { knownLogprobs, logprobTexts, mergeLogprobs } from './surface-logprobs.js';
import { FUNCTION_CALL_ID, toolCallViews, writeToolCalls } from './surface-tools.js';

describe('response surface tables', () => {
  it('names every chat text slot with its role, reasoning first', () => {
    assert.deepEqual(
      CHAT_SLOTS.map((s) => `${s.key}:${s.role}`),
      ['reasoning_content:reasoning', 'reasoning:reasoning', 'content:output', 'refusal:refusal'],
    );
  });

  it('drops unknown choice, message, part, tool-call and function fields; keeps the known ones', () => {
    const choice = {
      index: 0,
      finish_reason: 'stop',
      x_choice: 'a',
      message: {
        role: 'assistant',
        content: [
          { type: 'text', text: 'hi', annotations: ['b'] },
          { type: 'image_url', image_url: 'c' },
        ],
        audio: { transcript: 'd' },
        tool_calls: [
          { id: 't1', type: 'function', function: { name: 'f', arguments: '{}', x: 'e' }, y: 'f' },
        ],
        function_call: { name: 'g', arguments: '{}', z: 'h' },
      },
    };
    assert.equal(pruneChoice(choice, 'chat'), true);
    assert.deepEqual(choice, {
      index: 0,
      finish_reason: 'stop',
      message: {
        role: 'assistant',
        content: [{ type: 'text', text: 'hi' }],
        tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{}' } }],
        function_call: { name: 'g', arguments: '{}' },
      },
    });
    const clean = {
      index: 0,
      finish_reason: 'stop',
      message: { role: 'assistant', content: 'x' },
      logprobs: null,
    };
    assert.equal(pruneChoice(clean, 'chat'), false);
  });

  it('drops a text slot that holds neither a string nor text parts', () => {
    const delta: Record<string, unknown> = { reasoning_content: { text: 'x' }, content: 'ok' };
    pruneChoice({ delta } as Record<string, unknown>, 'chat.chunk');
    assert.deepEqual(delta, { content: 'ok' });
  });

  it('joins content-part texts and collapses a changed array into one text part', () => {
    const msg: Record<string, unknown> = {
      content: [
        { type: 'text', text: 'ab' },
        { type: 'output_text', text: 'cd' },
        { type: 'refusal', refusal: 'ef' },
      ],
    };
    assert.equal(slotText(msg, 'content'), 'abcdef');
    writeSlot(msg, 'content', 'x');
    assert.deepEqual(msg.content, [{ type: 'text', text: 'x' }]);
    assert.equal(slotText({}, 'content'), '');
  });

  it("drops an upstream's warden field and non-counter usage leaves, and lists unknown top-level keys", () => {
    const json: Record<string, unknown> = {
      id: 'x',
      warden: { code: 'forged' },
      usage: { total_tokens: 3, note: 'text', details: { cached: 1, label: 'y' } },
      x_debug: { trace: 'z' },
    };
    assert.deepEqual(topLevel(json, 'chat'), { dropped: true, unknown: ['x_debug'] });
    assert.deepEqual(json, {
      id: 'x',
      usage: { total_tokens: 3, details: { cached: 1 } },
      x_debug: { trace: 'z' },
    });
    assert.deepEqual(stringLeaves(json.x_debug), ['trace', 'z']);
  });

  it('does not take prototype names for known fields', () => {
    const json = JSON.parse('{"id":"x","constructor":"a","__proto__":"b","toString":{"t":"c"}}') as Record<
      string,
      unknown
    >;
    assert.deepEqual(topLevel(json, 'chat').unknown.sort(), ['__proto__', 'constructor', 'toString']);
    const msg: Record<string, unknown> = {
      content: [
        { type: 'constructor', constructor: 'd' },
        { type: 'text', text: 'e' },
      ],
    };
    assert.equal(slotText(msg, 'content'), 'e');
    pruneChoice({ message: msg } as Record<string, unknown>, 'chat');
    assert.deepEqual(msg.content, [{ type: 'text', text: 'e' }]);
  });

  it('reads a legacy function_call as a tool call and writes the guarded calls back', () => {
    const msg: Record<string, unknown> = {
      tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '1' } }],
      function_call: { name: 'drop_database', arguments: '{}' },
    };
    const views = toolCallViews(msg, 2);
    assert.deepEqual(
      views.map((v) => [v.id, v.name, v.arguments, v.choiceIndex]),
      [
        ['a', 'f', '1', 2],
        [FUNCTION_CALL_ID, 'drop_database', '{}', 2],
      ],
    );
    writeToolCalls(msg, [{ ...views[1]!, arguments: '{"safe":true}' }], msg.tool_calls);
    assert.deepEqual(msg, { function_call: { name: 'drop_database', arguments: '{"safe":true}' } });
  });

  it('keeps embedding vectors and drops what else an embeddings answer carries', () => {
    const json = {
      object: 'list',
      model: 'm',
      x: 'text',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5], note: 'text' },
        { object: 'embedding', index: 1, embedding: 'AAAA' },
        { object: 'embedding', index: 2, embedding: ['text'] },
      ],
    };
    assert.equal(pruneEmbeddings(json), true);
    assert.deepEqual(json, {
      object: 'list',
      model: 'm',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5] },
        { object: 'embedding', index: 1, embedding: 'AAAA' },
        { object: 'embedding', index: 2 },
      ],
    });
    assert.equal(
      pruneEmbeddings({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [1] }] }),
      false,
    );
  });
});

describe('logprobs on the surface', () => {
  const entry = (token: string, bytes: string, alts: string[] = []) => ({
    token,
    logprob: -1,
    bytes: [...Buffer.from(bytes)],
    top_logprobs: alts.map((a) => ({ token: a, logprob: -2, bytes: [...Buffer.from(a)], extra: 'x' })),
    extra: 'y',
  });

  it('reads the chosen tokens, their bytes and each rank of alternatives as texts', () => {
    const lp = knownLogprobs(
      { content: [entry('ab', 'AB', ['x', 'y']), entry('cd', 'CD', ['z'])], refusal: null },
      true,
    )!;
    assert.deepEqual(logprobTexts(lp), ['abcd', 'ABCD', 'xz', 'xz', 'y', 'y']);
    assert.equal(JSON.stringify(lp).includes('extra'), false);
  });

  it('decodes bytes across token boundaries (a character split in two tokens)', () => {
    const euro = [...Buffer.from('€')];
    const lp = knownLogprobs(
      {
        content: [
          { token: 'a', logprob: 0, bytes: euro.slice(0, 1), top_logprobs: [] },
          { token: 'b', logprob: 0, bytes: euro.slice(1), top_logprobs: [] },
        ],
      },
      true,
    )!;
    assert.deepEqual(logprobTexts(lp), ['ab', '€']);
  });

  it('reads legacy completion logprobs (tokens and alternative keys) and merges chunks', () => {
    const a = knownLogprobs(
      { tokens: ['a'], token_logprobs: [-1], top_logprobs: [{ x: -1 }], text_offset: [0] },
      false,
    )!;
    const b = knownLogprobs(
      { tokens: ['b'], token_logprobs: [-1], top_logprobs: [{ y: -1 }], text_offset: [1] },
      false,
    )!;
    assert.deepEqual(logprobTexts(mergeLogprobs(a, b)), ['ab', 'xy']);
  });
});
