import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CHAT_SLOTS,
  CHOICE_FIELDS,
  COMPLETION_SLOTS,
  MESSAGE_FIELDS,
  pruneChoice,
  pruneEmbeddings,
  pruneUsage,
  slotText,
  stringLeaves,
  TOP_FIELDS,
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

describe('response surface: what is known and what is dropped', () => {
  // The known-field tables decide what passes unguarded: a field added here reaches clients as metadata.
  it('knows exactly these fields per shape, and nothing through the prototype', () => {
    const common = [
      'id',
      'object',
      'created',
      'model',
      'system_fingerprint',
      'service_tier',
      'usage',
      'warden',
    ];
    for (const kind of ['chat', 'chat.chunk', 'completion', 'completion.chunk'] as const) {
      assert.deepEqual(Object.keys(TOP_FIELDS[kind]).sort(), [...common, 'choices'].sort());
      assert.equal(TOP_FIELDS[kind].choices, 'choices');
      assert.equal(TOP_FIELDS[kind].usage, 'usage');
      assert.equal(TOP_FIELDS[kind].warden, 'reserved');
    }
    assert.deepEqual(TOP_FIELDS.embedding, {
      object: 'meta',
      model: 'meta',
      usage: 'usage',
      data: 'embedding-data',
      warden: 'reserved',
    });
    assert.deepEqual(CHOICE_FIELDS.chat, {
      index: 'meta',
      finish_reason: 'meta',
      message: 'message',
      logprobs: 'logprobs',
    });
    assert.deepEqual(CHOICE_FIELDS['chat.chunk'], {
      index: 'meta',
      finish_reason: 'meta',
      delta: 'message',
      logprobs: 'logprobs',
    });
    for (const kind of ['completion', 'completion.chunk'] as const)
      assert.deepEqual(CHOICE_FIELDS[kind], {
        index: 'meta',
        finish_reason: 'meta',
        text: 'output',
        logprobs: 'logprobs',
      });
    assert.deepEqual(CHOICE_FIELDS.embedding, {});
    assert.deepEqual(MESSAGE_FIELDS, {
      role: 'meta',
      reasoning_content: 'reasoning',
      reasoning: 'reasoning',
      content: 'output',
      refusal: 'refusal',
      tool_calls: 'tool-calls',
      function_call: 'function-call',
    });
    assert.deepEqual(COMPLETION_SLOTS, [{ key: 'text', role: 'output' }]);
  });

  it('keeps the known top-level fields of a stream chunk and lists the rest', () => {
    for (const kind of ['chat.chunk', 'completion', 'completion.chunk'] as const) {
      const json: Record<string, unknown> = { id: 'x', object: 'o', choices: [], usage: null, x_extra: 'y' };
      assert.deepEqual(topLevel(json, kind), { dropped: false, unknown: ['x_extra'] });
      assert.deepEqual(Object.keys(json), ['id', 'object', 'choices', 'usage', 'x_extra']);
    }
  });

  it('drops non-string names and arguments, a tool-call list that is not a list, and a bad function_call', () => {
    const msg: Record<string, unknown> = {
      role: 'assistant',
      tool_calls: [
        'junk',
        { id: 'a', type: 'function', function: { name: 7, arguments: { cmd: 'rm' } } },
        { id: 'b', type: 'function', function: 'text' },
        { id: 'c', type: 'function', function: { name: 'ok', arguments: '{}' } },
      ],
      function_call: { name: 'f', arguments: ['x'] },
    };
    assert.equal(pruneChoice({ message: msg }, 'chat'), true);
    assert.deepEqual(msg, {
      role: 'assistant',
      tool_calls: [
        { id: 'a', type: 'function', function: {} },
        { id: 'b', type: 'function', function: 'text' },
        { id: 'c', type: 'function', function: { name: 'ok', arguments: '{}' } },
      ],
      function_call: { name: 'f' },
    });
    const notList: Record<string, unknown> = { tool_calls: { id: 'x' }, function_call: 'call me' };
    assert.equal(pruneChoice({ delta: notList }, 'chat.chunk'), true);
    assert.deepEqual(notList, {});
    const junk: Record<string, unknown> = { tool_calls: [null, 'rm -rf /', { id: 'c' }] };
    assert.equal(pruneChoice({ message: junk }, 'chat'), true);
    assert.deepEqual(junk, { tool_calls: [{ id: 'c' }] });
    const fine: Record<string, unknown> = {
      tool_calls: [{ id: 'c', function: { name: 'ok' } }],
      function_call: { name: 'f', arguments: '{}' },
    };
    assert.equal(pruneChoice({ delta: fine }, 'chat.chunk'), false);
    const nulls: Record<string, unknown> = { tool_calls: null, function_call: null, content: null };
    assert.equal(pruneChoice({ message: nulls }, 'chat'), false);
    assert.deepEqual(nulls, { tool_calls: null, function_call: null, content: null });
  });

  it('reports each kind of dropped call field on its own', () => {
    const toolKey = { tool_calls: [{ id: 'a', x: 1 }] };
    assert.equal(pruneChoice({ message: toolKey }, 'chat'), true);
    const fnKey = { tool_calls: [{ id: 'a', function: { name: 'n', x: 1 } }] };
    assert.equal(pruneChoice({ message: fnKey }, 'chat'), true);
    const fnType = { tool_calls: [{ id: 'a', function: { name: 1 } }] };
    assert.equal(pruneChoice({ message: fnType }, 'chat'), true);
    const legacy = { function_call: { name: 'n', arguments: 2 } };
    assert.equal(pruneChoice({ message: legacy }, 'chat'), true);
    assert.deepEqual(legacy, { function_call: { name: 'n' } });
    const slot = { reasoning: [{ type: 'text', text: 'a', extra: 1 }] };
    assert.equal(pruneChoice({ message: slot }, 'chat'), true);
    assert.deepEqual(slot, { reasoning: [{ type: 'text', text: 'a' }] });
  });

  it('drops a message or delta that is not an object, and keeps a choice that has none', () => {
    const bad: Record<string, unknown> = { index: 0, message: 'text' };
    assert.equal(pruneChoice(bad, 'chat'), true);
    assert.deepEqual(bad, { index: 0 });
    const badDelta: Record<string, unknown> = { index: 0, delta: ['x'] };
    assert.equal(pruneChoice(badDelta, 'chat.chunk'), true);
    assert.deepEqual(badDelta, { index: 0 });
    const none: Record<string, unknown> = { index: 0, finish_reason: 'stop' };
    assert.equal(pruneChoice(none, 'chat'), false);
    assert.deepEqual(none, { index: 0, finish_reason: 'stop' });
    const chunkNone: Record<string, unknown> = { index: 0, finish_reason: 'stop' };
    assert.equal(pruneChoice(chunkNone, 'chat.chunk'), false);
  });

  it('prunes a completion choice text (not a message), for whole answers and chunks', () => {
    for (const kind of ['completion', 'completion.chunk'] as const) {
      const parts: Record<string, unknown> = {
        index: 0,
        text: [{ type: 'text', text: 'a' }, { type: 'image_url' }],
        message: { content: 'never read' },
      };
      assert.equal(pruneChoice(parts, kind), true);
      assert.deepEqual(parts, { index: 0, text: [{ type: 'text', text: 'a' }] });
      const odd: Record<string, unknown> = { index: 0, text: { t: 'x' } };
      assert.equal(pruneChoice(odd, kind), true);
      assert.deepEqual(odd, { index: 0 });
      const plain: Record<string, unknown> = { index: 0, text: 'x', logprobs: null, finish_reason: null };
      assert.equal(pruneChoice(plain, kind), false);
      assert.deepEqual(plain, { index: 0, text: 'x', logprobs: null, finish_reason: null });
    }
  });

  it('keeps a content-part array whose parts are all known text parts, untouched', () => {
    const parts = [
      { type: 'text', text: 'a' },
      { type: 'refusal', refusal: 'b' },
    ];
    const msg: Record<string, unknown> = { content: parts };
    assert.equal(pruneChoice({ message: msg }, 'chat'), false);
    assert.equal(msg.content, parts);
    const mixed: Record<string, unknown> = {
      content: [
        null,
        'str',
        { text: 'no type' },
        { type: 5, text: 'x' },
        { type: 'text', text: 3 },
        { type: 'text', text: 'ok' },
      ],
    };
    assert.equal(slotText(mixed, 'content'), 'ok');
    assert.equal(pruneChoice({ message: mixed }, 'chat'), true);
    assert.deepEqual(mixed.content, [{ type: 'text', text: 'ok' }]);
  });

  it('keeps counters and nulls in usage, nested or not, and reports nothing dropped when clean', () => {
    assert.equal(pruneUsage(undefined), false);
    assert.equal(pruneUsage('text'), false);
    const clean = { total_tokens: 3, cached: null, details: { reasoning_tokens: 1 } };
    assert.equal(pruneUsage(clean), false);
    assert.deepEqual(clean, { total_tokens: 3, cached: null, details: { reasoning_tokens: 1 } });
    const nested = { total_tokens: 3, details: { note: 'text' } };
    assert.equal(pruneUsage(nested), true);
    assert.deepEqual(nested, { total_tokens: 3, details: {} });
    const arr = { total_tokens: 3, list: ['a'], flag: true };
    assert.equal(pruneUsage(arr), true);
    assert.deepEqual(arr, { total_tokens: 3 });
    const json: Record<string, unknown> = { usage: { total_tokens: 1 }, warden: undefined };
    assert.deepEqual(topLevel(json, 'chat'), { dropped: true, unknown: [] });
    const usageOnly: Record<string, unknown> = { usage: { total_tokens: 1, note: 'x' } };
    assert.deepEqual(topLevel(usageOnly, 'chat'), { dropped: true, unknown: [] });
    const cleanUsage: Record<string, unknown> = { usage: { total_tokens: 1 } };
    assert.deepEqual(topLevel(cleanUsage, 'chat'), { dropped: false, unknown: [] });
  });

  it('reads the texts of a value in document order, keys included, empty strings left out', () => {
    assert.deepEqual(stringLeaves(''), []);
    assert.deepEqual(stringLeaves('a'), ['a']);
    assert.deepEqual(stringLeaves(5), []);
    assert.deepEqual(stringLeaves(null), []);
    assert.deepEqual(stringLeaves(['a', '', ['b', { c: 'd', e: '' }]]), ['a', 'b', 'c', 'd', 'e']);
  });
});

describe('embeddings on the surface', () => {
  it('drops a data field that is not a list, and entries that are not objects', () => {
    const notList: Record<string, unknown> = { object: 'list', data: 'text' };
    assert.equal(pruneEmbeddings(notList), true);
    assert.deepEqual(notList, { object: 'list' });
    const mixed: Record<string, unknown> = { data: ['text', { index: 0, embedding: [1] }, null] };
    assert.equal(pruneEmbeddings(mixed), true);
    assert.deepEqual(mixed, { data: [{ index: 0, embedding: [1] }] });
    const none: Record<string, unknown> = { object: 'list', model: 'm' };
    assert.equal(pruneEmbeddings(none), false);
    const forged: Record<string, unknown> = { object: 'list', warden: { ok: true } };
    assert.equal(pruneEmbeddings(forged), true);
    assert.deepEqual(forged, { object: 'list' });
  });

  it('keeps only number vectors and whole base64 strings, and a string object', () => {
    const json: Record<string, unknown> = {
      data: [
        { index: 0, embedding: [1, 'a'] },
        { index: 1, embedding: 'AA==' },
        { index: 2, embedding: 'not base64!' },
        { index: 3, embedding: '!AAAA' },
        { index: 4, embedding: 'AAAA!' },
        { index: 5, embedding: 12 },
        { index: 6, object: 5 },
        { index: 7, object: 'embedding' },
        { index: 8 },
      ],
    };
    assert.equal(pruneEmbeddings(json), true);
    assert.deepEqual(json.data, [
      { index: 0 },
      { index: 1, embedding: 'AA==' },
      { index: 2 },
      { index: 3 },
      { index: 4 },
      { index: 5 },
      { index: 6 },
      { index: 7, object: 'embedding' },
      { index: 8 },
    ]);
    const objectOnly: Record<string, unknown> = { data: [{ index: 0, object: ['x'] }] };
    assert.equal(pruneEmbeddings(objectOnly), true);
    const usage: Record<string, unknown> = { usage: { prompt_tokens: 1, note: 'x' }, data: [] };
    assert.equal(pruneEmbeddings(usage), true);
  });
});
