import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GuardedText } from './output.js';
import type { Json } from './surface.js';
import type { ChatLogprobs } from './surface-logprobs.js';
import { ChoiceStream, callsDelta, isEmptyChoice } from './surface-stream.js';
import { FUNCTION_CALL_ID } from './surface-tools.js';

const token = (t: string) => ({ token: t, logprob: -1, bytes: null, top_logprobs: [] });

describe('ChoiceStream: tool-call deltas', () => {
  it('assembles each call from its pieces by index, name and arguments appended in order', () => {
    const s = new ChoiceStream();
    assert.equal(s.hasCalls(), false);
    s.bufferToolCalls([
      { index: 1, id: 'b', type: 'function', function: { name: 'wr', arguments: '{"p' } },
      { index: 0, id: 'a', function: { name: 'read', arguments: '' } },
    ]);
    assert.equal(s.hasCalls(), true);
    s.bufferToolCalls([{ index: 1, function: { name: 'ite', arguments: '":1}' } }]);
    s.bufferToolCalls([{ index: 0, function: { arguments: '{}' } }]);
    const { views, raw } = s.takeCalls(4);
    assert.deepEqual(views, [
      { id: 'a', name: 'read', arguments: '{}', choiceIndex: 4 },
      { id: 'b', name: 'write', arguments: '{"p":1}', choiceIndex: 4 },
    ]);
    assert.deepEqual(
      raw.map((c) => c.type),
      [undefined, 'function'],
    );
  });

  it('ignores pieces that are not objects and non-string names, arguments, ids and types', () => {
    const s = new ChoiceStream();
    s.bufferToolCalls([null, 'x', 7]);
    assert.equal(s.hasCalls(), false);
    s.bufferToolCalls([{ id: 'first', type: 'function', function: { name: 'f', arguments: '{' } }]);
    s.bufferToolCalls([{ id: '', type: '', function: { name: 5, arguments: ['}'] } }]);
    s.bufferToolCalls([{ id: 3, type: null, function: 'name' }]);
    s.bufferToolCalls([{ function: { arguments: '}' } }]);
    const { views, raw } = s.takeCalls(0);
    assert.deepEqual(views, [{ id: 'first', name: 'f', arguments: '{}', choiceIndex: 0 }]);
    assert.equal(raw[0]?.type, 'function');
  });

  it('reads a piece without a numeric index as call 0 and names a call without an id by its index', () => {
    const s = new ChoiceStream();
    s.bufferToolCalls([{ index: 'two', function: { name: 'a' } }]);
    s.bufferToolCalls([{ function: { name: 'b' } }]);
    s.bufferToolCalls([{ index: 2, function: { name: 'c' } }]);
    assert.deepEqual(
      s.takeCalls(1).views.map((v) => [v.id, v.name]),
      [
        ['call_0', 'ab'],
        ['call_2', 'c'],
      ],
    );
  });

  it('assembles a legacy function call and hands it over after the tool calls', () => {
    const s = new ChoiceStream();
    s.bufferFunctionCall({ name: 'pay', arguments: '{"to":' });
    assert.equal(s.hasCalls(), true);
    s.bufferToolCalls([{ index: 0, id: 't', function: { name: 'x', arguments: '{}' } }]);
    s.bufferFunctionCall({ arguments: '"eve"}' });
    s.bufferFunctionCall('junk');
    assert.deepEqual(s.takeCalls(2).views, [
      { id: 't', name: 'x', arguments: '{}', choiceIndex: 2 },
      { id: FUNCTION_CALL_ID, name: 'pay', arguments: '{"to":"eve"}', choiceIndex: 2 },
    ]);
  });

  it('hands the calls over once: a second take is empty and no call is left', () => {
    const s = new ChoiceStream();
    s.bufferToolCalls([{ index: 0, id: 't', function: { name: 'x' } }]);
    s.bufferFunctionCall({ name: 'f' });
    assert.equal(s.takeCalls(0).views.length, 2);
    assert.equal(s.hasCalls(), false);
    assert.deepEqual(s.takeCalls(0), { views: [], raw: [] });
  });
});

describe('ChoiceStream: logprobs and changes', () => {
  it('merges logprobs across chunks and hands them over once', () => {
    const s = new ChoiceStream();
    assert.equal(s.takeLogprobs(), undefined);
    s.bufferLogprobs({ content: [token('a')], refusal: null });
    s.bufferLogprobs({ content: [token('b')], refusal: null });
    const lp = s.takeLogprobs() as ChatLogprobs;
    assert.deepEqual(
      lp.content?.map((e) => e.token),
      ['a', 'b'],
    );
    assert.equal(s.takeLogprobs(), undefined);
  });

  it('reports a change once any of its texts was redacted', () => {
    const s = new ChoiceStream();
    assert.equal(s.changed(), false);
    s.texts.set('reasoning', { changed: false } as GuardedText);
    s.texts.set('content', { changed: false } as GuardedText);
    assert.equal(s.changed(), false);
    s.texts.set('refusal', { changed: true } as GuardedText);
    assert.equal(s.changed(), true);
  });
});

describe('callsDelta', () => {
  function assembled() {
    const s = new ChoiceStream();
    s.bufferToolCalls([
      { index: 3, id: 'b', type: 'custom', function: { name: 'two', arguments: '{"b":1}' } },
      { index: 1, id: 'a', function: { name: 'one', arguments: '{}' } },
    ]);
    s.bufferFunctionCall({ name: 'legacy', arguments: '{"l":1}' });
    return s.takeCalls(0);
  }

  it('releases the calls as assembled, with their stream indexes and the legacy call apart', () => {
    const into: Json = { role: 'assistant' };
    callsDelta(assembled(), undefined, into);
    assert.deepEqual(into, {
      role: 'assistant',
      tool_calls: [
        { index: 1, id: 'a', type: 'function', function: { name: 'one', arguments: '{}' } },
        { index: 3, id: 'b', type: 'custom', function: { name: 'two', arguments: '{"b":1}' } },
      ],
      function_call: { name: 'legacy', arguments: '{"l":1}' },
    });
  });

  it('releases the calls as the guards patched them, indexed in order and keeping each call type', () => {
    const into: Json = {};
    callsDelta(
      assembled(),
      [
        { id: 'b', name: 'two', arguments: '{"b":0}', choiceIndex: 0 },
        { id: 'new', name: 'added', arguments: '{}', choiceIndex: 0 },
        { id: FUNCTION_CALL_ID, name: 'legacy', arguments: '{}', choiceIndex: 0 },
      ],
      into,
    );
    assert.deepEqual(into, {
      tool_calls: [
        { index: 0, id: 'b', type: 'custom', function: { name: 'two', arguments: '{"b":0}' } },
        { index: 1, id: 'new', type: 'function', function: { name: 'added', arguments: '{}' } },
      ],
      function_call: { name: 'legacy', arguments: '{}' },
    });
  });

  it('adds no tool_calls or function_call when the guards removed every call', () => {
    const into: Json = { role: 'assistant' };
    callsDelta(assembled(), [], into);
    assert.deepEqual(into, { role: 'assistant' });
  });
});

describe('isEmptyChoice', () => {
  it('keeps a choice that finishes or carries logprobs, whatever its texts', () => {
    assert.equal(isEmptyChoice({ finish_reason: 'stop', delta: {} }, true), false);
    assert.equal(isEmptyChoice({ logprobs: { content: [] }, delta: {} }, true), false);
    assert.equal(isEmptyChoice({ finish_reason: 'length', text: '' }, false), false);
    assert.equal(isEmptyChoice({ finish_reason: null, logprobs: null, delta: {} }, true), true);
  });

  it('reads a completion choice as empty only without text', () => {
    assert.equal(isEmptyChoice({ text: '' }, false), true);
    assert.equal(isEmptyChoice({}, false), true);
    assert.equal(isEmptyChoice({ text: 5 }, false), true);
    assert.equal(isEmptyChoice({ text: 'a' }, false), false);
  });

  it('reads a chat delta as empty when its text slots are empty or null and nothing else is set', () => {
    assert.equal(isEmptyChoice({}, true), true);
    assert.equal(isEmptyChoice({ delta: 'x' }, true), true);
    assert.equal(
      isEmptyChoice(
        { delta: { content: '', reasoning: null, refusal: '', reasoning_content: undefined } },
        true,
      ),
      true,
    );
    assert.equal(isEmptyChoice({ delta: { content: 'a' } }, true), false);
    assert.equal(isEmptyChoice({ delta: { reasoning_content: 'a' } }, true), false);
    assert.equal(isEmptyChoice({ delta: { role: 'assistant' } }, true), false);
    assert.equal(isEmptyChoice({ delta: { role: '' } }, true), false);
    assert.equal(isEmptyChoice({ delta: { tool_calls: null } }, true), false);
  });
});
