// Logprobs and tool calls on the response surface, field by field: what is kept, what is dropped, what a client
// could read out of them (each of those texts is guarded), and how chunks merge.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ToolCallView } from '../core/context.js';
import type { Json } from './surface.js';
import {
  type ChatLogprobs,
  type CompletionLogprobs,
  hasTokens,
  knownLogprobs,
  logprobTexts,
  mergeLogprobs,
} from './surface-logprobs.js';
import { FUNCTION_CALL_ID, toolCallViews, writeToolCalls } from './surface-tools.js';

const bytes = (s: string) => [...Buffer.from(s, 'utf8')];

describe('knownLogprobs', () => {
  it('is null for anything but an object, and a chat list is null unless it is an array', () => {
    for (const v of [null, undefined, 'x', 3, true]) assert.equal(knownLogprobs(v, true), null);
    assert.equal(knownLogprobs([], false), null);
    assert.deepEqual(knownLogprobs({ content: 'abc', refusal: { token: 'a' } }, true), {
      content: null,
      refusal: null,
    });
  });

  it('rebuilds chat entries from known fields: wrong types become empty values, bad bytes are dropped', () => {
    const lp = knownLogprobs(
      {
        content: [
          'not an entry',
          null,
          {
            token: 7,
            logprob: 'high',
            bytes: [0, 255, 256, -1, 1.5, '65', 104],
            top_logprobs: ['x', null, { token: 'b', logprob: -2, bytes: 'ab', extra: 'dropped' }],
            extra: 'dropped',
          },
          { token: 'c', logprob: -0.5, bytes: null, top_logprobs: 'none' },
        ],
        refusal: [],
        x_hidden: 'dropped',
      },
      true,
    );
    assert.deepEqual(lp, {
      content: [
        {
          token: '',
          logprob: 0,
          bytes: [0, 255, 104],
          top_logprobs: [{ token: 'b', logprob: -2, bytes: null }],
        },
        { token: 'c', logprob: -0.5, bytes: null, top_logprobs: [] },
      ],
      refusal: [],
    });
  });

  it('rebuilds legacy completions arrays: strings, numbers or null, objects of numbers', () => {
    const lp = knownLogprobs(
      {
        tokens: ['a', 1, 'b'],
        token_logprobs: [-1, 'x', null],
        top_logprobs: [{ a: -1, b: 'x' }, 'no', null],
        text_offset: [0, '1', 2],
        extra: 'dropped',
      },
      false,
    );
    assert.deepEqual(lp, {
      tokens: ['a', '', 'b'],
      token_logprobs: [-1, null, null],
      top_logprobs: [{ a: -1, b: 0 }, null, null],
      text_offset: [0, 0, 2],
    });
    assert.deepEqual(
      knownLogprobs({ tokens: 'abc', token_logprobs: 1, top_logprobs: {}, text_offset: 2 }, false),
      {
        tokens: [],
        token_logprobs: [],
        top_logprobs: [],
        text_offset: [],
      },
    );
  });
});

describe('logprobTexts', () => {
  it('reads chat tokens joined, their bytes decoded and each rank of alternatives, empties left out', () => {
    const lp: ChatLogprobs = {
      content: [
        {
          token: 'sk-',
          logprob: 0,
          bytes: bytes('sk-'),
          top_logprobs: [
            { token: 'A', logprob: 0, bytes: bytes('A') },
            { token: 'x', logprob: 0, bytes: null },
          ],
        },
        {
          token: 'ab',
          logprob: 0,
          bytes: bytes('ab'),
          top_logprobs: [{ token: 'B', logprob: 0, bytes: null }],
        },
      ],
      refusal: [{ token: 'no', logprob: 0, bytes: null, top_logprobs: [] }],
    };
    // rank 0: tokens A,B and bytes of A only; rank 1: token x and no bytes (left out); refusal: tokens, no bytes
    assert.deepEqual(logprobTexts(lp), ['sk-ab', 'sk-ab', 'AB', 'A', 'x', 'no']);
  });

  it('decodes bytes split across tokens as one text (a character cut in two is whole again)', () => {
    const e = bytes('é');
    const lp: ChatLogprobs = {
      content: [
        { token: 'bytes:\\xc3', logprob: 0, bytes: [e[0]!], top_logprobs: [] },
        { token: 'bytes:\\xa9', logprob: 0, bytes: [e[1]!], top_logprobs: [] },
      ],
      refusal: null,
    };
    assert.deepEqual(logprobTexts(lp), ['bytes:\\xc3bytes:\\xa9', 'é']);
  });

  it('reads nothing from empty lists and no bytes text when no entry has bytes', () => {
    assert.deepEqual(logprobTexts({ content: [], refusal: null }), []);
    const lp: ChatLogprobs = {
      content: [{ token: 't', logprob: 0, bytes: null, top_logprobs: [] }],
      refusal: [],
    };
    assert.deepEqual(logprobTexts(lp), ['t']);
  });

  it('reads completions tokens and each rank of top_logprobs keys in order', () => {
    const lp: CompletionLogprobs = {
      tokens: ['pa', 'ss'],
      token_logprobs: [0, 0],
      top_logprobs: [{ pa: 0, PA: -1 }, null, { ss: 0 }],
      text_offset: [0, 2],
    };
    assert.deepEqual(logprobTexts(lp), ['pass', 'pass', 'PA']);
    assert.deepEqual(logprobTexts({ tokens: [], token_logprobs: [], top_logprobs: [], text_offset: [] }), []);
  });
});

describe('mergeLogprobs', () => {
  const entry = (token: string) => ({ token, logprob: 0, bytes: null, top_logprobs: [] });

  it('appends completions arrays chunk by chunk', () => {
    const a: CompletionLogprobs = {
      tokens: ['a'],
      token_logprobs: [-1],
      top_logprobs: [null],
      text_offset: [0],
    };
    const b: CompletionLogprobs = {
      tokens: ['b'],
      token_logprobs: [-2],
      top_logprobs: [{ b: -2 }],
      text_offset: [1],
    };
    assert.equal(mergeLogprobs(undefined, b), b);
    assert.deepEqual(mergeLogprobs(a, b), {
      tokens: ['a', 'b'],
      token_logprobs: [-1, -2],
      top_logprobs: [null, { b: -2 }],
      text_offset: [0, 1],
    });
  });

  it('joins chat lists, keeping whichever side has one', () => {
    const merged = mergeLogprobs(
      { content: [entry('a')], refusal: null },
      { content: [entry('b')], refusal: [entry('r')] },
    ) as ChatLogprobs;
    assert.deepEqual(
      merged.content?.map((e) => e.token),
      ['a', 'b'],
    );
    assert.deepEqual(
      merged.refusal?.map((e) => e.token),
      ['r'],
    );
    const kept = mergeLogprobs({ content: [entry('a')], refusal: null }, { content: null, refusal: null });
    assert.deepEqual(
      (kept as ChatLogprobs).content?.map((e) => e.token),
      ['a'],
    );
    assert.equal((kept as ChatLogprobs).refusal, null);
  });

  it('keeps what it has when a chunk switches between the chat and completions shapes', () => {
    const chat: ChatLogprobs = { content: [entry('a')], refusal: null };
    const legacy: CompletionLogprobs = {
      tokens: ['b'],
      token_logprobs: [0],
      top_logprobs: [null],
      text_offset: [0],
    };
    assert.equal(mergeLogprobs(chat, legacy), chat);
    assert.equal(mergeLogprobs(legacy, chat), legacy);
    assert.deepEqual(legacy.tokens, ['b']);
  });
});

describe('hasTokens', () => {
  it('is true only when some list holds a token', () => {
    const entry = { token: 'a', logprob: 0, bytes: null, top_logprobs: [] };
    assert.equal(hasTokens(null), false);
    assert.equal(hasTokens(undefined), false);
    assert.equal(hasTokens({ tokens: [], token_logprobs: [], top_logprobs: [], text_offset: [] }), false);
    assert.equal(
      hasTokens({ tokens: ['a'], token_logprobs: [0], top_logprobs: [null], text_offset: [0] }),
      true,
    );
    assert.equal(hasTokens({ content: null, refusal: null }), false);
    assert.equal(hasTokens({ content: [], refusal: [] }), false);
    assert.equal(hasTokens({ content: [entry], refusal: null }), true);
    assert.equal(hasTokens({ content: null, refusal: [entry] }), true);
    assert.equal(hasTokens({ content: [], refusal: [entry] }), true);
  });
});

describe('toolCallViews and writeToolCalls', () => {
  it('reads tool calls and the legacy function call, with ids and empty defaults', () => {
    assert.deepEqual(toolCallViews(undefined, 0), []);
    assert.equal(FUNCTION_CALL_ID, 'legacy_function_call');
    const views = toolCallViews(
      {
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'rm', arguments: '{"p":"/"}' } },
          { function: 'not an object' },
          'not a call',
        ],
        function_call: { name: 'drop_db', arguments: '{}' },
      },
      2,
    );
    assert.deepEqual(views, [
      { id: 'c1', name: 'rm', arguments: '{"p":"/"}', choiceIndex: 2 },
      { id: 'call_1', name: '', arguments: '', choiceIndex: 2 },
      { id: 'call_2', name: '', arguments: '', choiceIndex: 2 },
      { id: 'legacy_function_call', name: 'drop_db', arguments: '{}', choiceIndex: 2 },
    ]);
    assert.deepEqual(toolCallViews({ tool_calls: 'x', function_call: 'y' }, 0), []);
    assert.deepEqual(toolCallViews({ function_call: {} }, 0), [
      { id: FUNCTION_CALL_ID, name: '', arguments: '', choiceIndex: 0 },
    ]);
  });

  it('writes the guarded calls back: original type by id, removed calls gone, legacy call restored', () => {
    const view = (id: string, name: string): ToolCallView => ({ id, name, arguments: '{}', choiceIndex: 0 });
    const message: Json = { tool_calls: [], function_call: { name: 'old' } };
    const original = [{ id: 'a', type: 'custom_kind' }, null, { type: 'by_index' }, 'skip'];
    writeToolCalls(
      message,
      [view('a', 'f'), view('call_2', 'g'), view('new', 'h'), view(FUNCTION_CALL_ID, 'fc')],
      original,
    );
    assert.deepEqual(message, {
      tool_calls: [
        { id: 'a', type: 'custom_kind', function: { name: 'f', arguments: '{}' } },
        { id: 'call_2', type: 'by_index', function: { name: 'g', arguments: '{}' } },
        { id: 'new', type: 'function', function: { name: 'h', arguments: '{}' } },
      ],
      function_call: { name: 'fc', arguments: '{}' },
    });
    // a patch that removed every call: neither field is left behind
    writeToolCalls(message, [], 'not an array');
    assert.deepEqual(message, {});
    writeToolCalls(message, [view('z', 'f')], { id: 'z', type: 'ignored' });
    assert.deepEqual(message, {
      tool_calls: [{ id: 'z', type: 'function', function: { name: 'f', arguments: '{}' } }],
    });
  });
});
