import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guard, log } from '../../test/fixtures/relay.js';
import type { GuardContext, OutputView } from '../core/context.js';
import { allow, block, type Decision, transform } from '../core/decision.js';
import type { Guard } from '../core/guard.js';
import { GuardPipeline } from '../core/pipeline.js';
import type { Json } from './surface.js';
import { guardAnswer, withhold } from './surface-json.js';

/** What a response guard was shown: the whole text and the choice it belongs to. */
interface Seen {
  text: string;
  choiceIndex: number;
}

/**
 * A response guard that records every text, blocks one mentioning "forbidden" and redacts `SECRET-\d+`;
 * `mark` notes each text in the context's state, to tell which texts share the request's context.
 */
function recorder(seen: Seen[]): Guard {
  return guard('recorder', 'response', (ctx) => {
    const view = ctx.output as OutputView;
    seen.push({ text: view.text, choiceIndex: view.choiceIndex });
    ctx.state.set(`saw:${view.text}`, true);
    if (view.text.includes('forbidden')) return block('recorder', { reason: `forbidden ${seen.length}` });
    const redactions = [...view.text.matchAll(/SECRET-\d+/g)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      replacement: '[REDACTED]',
      kind: 'secret',
    }));
    return redactions.length > 0
      ? transform('recorder', { changes: ['secret'], redactions })
      : allow('recorder');
  });
}

function context(): GuardContext {
  return {
    requestId: 'req-1',
    route: 'chat',
    principal: { id: 'p1', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
    state: new Map(),
    log,
  };
}

function run(guards: Guard[], json: Json, kind: 'chat' | 'completion' = 'chat', ctx = context()) {
  const pipeline = new GuardPipeline(guards, { defaultDeadlineMs: 2_000, log });
  return guardAnswer({ ctx, pipeline, signal: new AbortController().signal }, json, kind);
}

const chatLogprobs = () => ({
  content: [{ token: 'hi', logprob: -0.1, bytes: [104, 105], top_logprobs: [] }],
  refusal: null,
});

describe('guardAnswer: unknown top-level fields', () => {
  it('guards an unknown field as one text of its keys and strings, a line each, and keeps it when clean', async () => {
    const seen: Seen[] = [];
    const json: Json = { id: 'x', x_note: { title: 'plain', tags: ['a', 'b'] } };
    const out = await run([recorder(seen)], json);
    assert.deepEqual(
      seen.map((s) => s.text),
      ['title\nplain\ntags\na\nb'],
    );
    assert.deepEqual(json.x_note, { title: 'plain', tags: ['a', 'b'] });
    assert.equal(out.filteredBy, undefined);
    assert.deepEqual(
      out.decisions.map((d) => d.action),
      ['allow'],
    );
  });

  it('drops an unknown field a guard would redact, without filtering the answer', async () => {
    const json: Json = { x_debug: 'token SECRET-42', choices: [] };
    const out = await run([recorder([])], json);
    assert.equal('x_debug' in json, false);
    assert.equal(out.filteredBy, undefined);
    assert.equal(out.decisions[0]?.action, 'transform');
  });

  it('drops an unknown field a guard blocks and reports the first block as the filter', async () => {
    const json: Json = { x_a: 'forbidden one', x_b: 'forbidden two' };
    const out = await run([recorder([])], json);
    assert.deepEqual(Object.keys(json), []);
    assert.equal(out.filteredBy?.reason, 'forbidden 1');
    assert.equal(out.decisions.length, 2);
  });

  it('drops every unknown field when no response guard could read it, even one without strings', async () => {
    const tool = guard('tools', 'toolCall', () => allow('tools'));
    const json: Json = { id: 'x', x_text: 'hello', x_count: 3 };
    await run([tool], json);
    assert.deepEqual(json, { id: 'x' });
  });

  it('keeps an unknown field that carries no text when response guards run, and shows them nothing', async () => {
    const seen: Seen[] = [];
    const json: Json = { x_count: 3, x_flags: [true, null] };
    await run([recorder(seen)], json);
    assert.deepEqual(json, { x_count: 3, x_flags: [true, null] });
    assert.deepEqual(seen, []);
  });

  it('returns after the top level when the answer has no choices', async () => {
    const json: Json = { id: 'x' };
    const out = await run([recorder([])], json);
    assert.deepEqual(json, { id: 'x' });
    assert.deepEqual(out, { held: [], decisions: [] });
  });
});

describe('guardAnswer: choices', () => {
  it('drops choices that are not objects, and a choices value that is not a list', async () => {
    const list: Json = {
      choices: [null, 'text', [1], { index: 0, message: { role: 'assistant', content: 'ok' } }],
    };
    await run([recorder([])], list);
    assert.deepEqual(list.choices, [{ index: 0, message: { role: 'assistant', content: 'ok' } }]);
    const notList: Json = { choices: { index: 0, message: { content: 'hidden' } } };
    await run([recorder([])], notList);
    assert.deepEqual(notList.choices, []);
  });

  it('prunes unknown choice and message fields before guarding', async () => {
    const seen: Seen[] = [];
    const json: Json = {
      choices: [
        { index: 0, x: 'forbidden', message: { role: 'assistant', content: 'ok', audio: 'forbidden' } },
      ],
    };
    const out = await run([recorder(seen)], json);
    assert.deepEqual(json.choices, [{ index: 0, message: { role: 'assistant', content: 'ok' } }]);
    assert.deepEqual(
      seen.map((s) => s.text),
      ['ok'],
    );
    assert.equal(out.filteredBy, undefined);
  });

  it('guards reasoning, content and refusal in reading order, each under the choice index', async () => {
    const seen: Seen[] = [];
    const json: Json = {
      choices: [
        {
          index: 2,
          message: {
            role: 'assistant',
            reasoning_content: 'r1',
            reasoning: 'r2',
            content: 'c',
            refusal: 'no',
          },
        },
        { index: 'seven', message: { role: 'assistant', content: 'd' } },
      ],
    };
    await run([recorder(seen)], json);
    assert.deepEqual(seen, [
      { text: 'r1', choiceIndex: 2 },
      { text: 'r2', choiceIndex: 2 },
      { text: 'c', choiceIndex: 2 },
      { text: 'no', choiceIndex: 2 },
      { text: 'd', choiceIndex: 0 },
    ]);
  });

  it('runs the output in the request context and every other text of the choice in a copy of it', async () => {
    const ctx = context();
    ctx.state.set('canary', 'c-1');
    const states: Map<string, unknown>[] = [];
    const probe = guard('probe', 'response', (c) => {
      states.push(c.state);
      assert.equal(c.state.get('canary'), 'c-1');
      return allow('probe');
    });
    const json: Json = {
      choices: [
        { index: 0, message: { role: 'assistant', reasoning: 'think', content: 'say', refusal: 'nope' } },
      ],
    };
    await run([recorder([]), probe], json, 'chat', ctx);
    assert.equal(ctx.state.get('saw:say'), true);
    assert.equal(ctx.state.has('saw:think'), false);
    assert.equal(ctx.state.has('saw:nope'), false);
    assert.equal(states[1], ctx.state);
    assert.notEqual(states[0], ctx.state);
    assert.notEqual(states[2], ctx.state);
  });

  it('skips empty texts and writes a redacted one back, as a text part when it was parts', async () => {
    const seen: Seen[] = [];
    const json: Json = {
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            reasoning: '',
            content: [
              { type: 'text', text: 'key SECRET-1 ' },
              { type: 'text', text: 'end' },
            ],
          },
        },
      ],
    };
    const out = await run([recorder(seen)], json);
    assert.deepEqual(
      seen.map((s) => s.text),
      ['key SECRET-1 end'],
    );
    const msg = (json.choices as Json[])[0]?.message as Json;
    assert.deepEqual(msg.content, [{ type: 'text', text: 'key [REDACTED] end' }]);
    assert.equal(msg.reasoning, '');
    assert.equal(out.filteredBy, undefined);
  });

  it('guards and redacts a completion choice text', async () => {
    const seen: Seen[] = [];
    const json: Json = { choices: [{ index: 1, text: 'a SECRET-7 b', finish_reason: 'stop' }] };
    await run([recorder(seen)], json, 'completion');
    assert.deepEqual(seen, [{ text: 'a SECRET-7 b', choiceIndex: 1 }]);
    assert.deepEqual(json.choices, [{ index: 1, text: 'a [REDACTED] b', finish_reason: 'stop' }]);
  });

  it('withholds a choice whose reasoning is blocked, before its answer is read, and keeps the others', async () => {
    const seen: Seen[] = [];
    const json: Json = {
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: {
            role: 'assistant',
            reasoning_content: 'a forbidden plan',
            content: 'fine',
            tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
          logprobs: chatLogprobs(),
        },
        { index: 1, finish_reason: 'stop', message: { role: 'assistant', content: 'other' } },
      ],
    };
    const out = await run([recorder(seen)], json);
    assert.deepEqual(
      seen.map((s) => s.text),
      ['a forbidden plan', 'other'],
    );
    assert.equal(out.filteredBy?.reason, 'forbidden 1');
    assert.deepEqual(json.choices, [
      {
        index: 0,
        finish_reason: 'content_filter',
        message: { role: 'assistant', content: null },
        logprobs: null,
      },
      { index: 1, finish_reason: 'stop', message: { role: 'assistant', content: 'other' } },
    ]);
  });

  it('keeps the first block as the filter when several choices are blocked', async () => {
    const json: Json = {
      choices: [
        { index: 0, message: { role: 'assistant', content: 'forbidden a' } },
        { index: 1, message: { role: 'assistant', content: 'forbidden b' } },
      ],
    };
    const out = await run([recorder([])], json);
    assert.equal(out.filteredBy?.reason, 'forbidden 1');
    for (const c of json.choices as Json[]) assert.equal(c.finish_reason, 'content_filter');
    assert.equal(out.decisions.length, 2);
  });

  it('guards nothing of a chat choice without a message', async () => {
    const seen: Seen[] = [];
    const json: Json = { choices: [{ index: 0, finish_reason: 'stop' }] };
    const out = await run([recorder(seen)], json);
    assert.deepEqual(seen, []);
    assert.deepEqual(json.choices, [{ index: 0, finish_reason: 'stop' }]);
    assert.equal(out.filteredBy, undefined);
  });
});

describe('guardAnswer: logprobs', () => {
  it('keeps logprobs rebuilt from known fields when nothing changed', async () => {
    const seen: Seen[] = [];
    const lp = { ...chatLogprobs(), x: 'dropped' };
    const json: Json = {
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, logprobs: lp }],
    };
    await run([recorder(seen)], json);
    assert.deepEqual((json.choices as Json[])[0]?.logprobs, chatLogprobs());
    assert.ok(seen.length > 1, 'the token texts were guarded too');
  });

  it('rebuilds logprobs without running guards when there are no response guards', async () => {
    const lp = { ...chatLogprobs(), x: 'dropped' };
    const json: Json = {
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, logprobs: lp }],
    };
    await run([], json);
    assert.deepEqual((json.choices as Json[])[0]?.logprobs, chatLogprobs());
  });

  it('drops logprobs once a text of the choice was rewritten, so they cannot spell the original', async () => {
    const json: Json = {
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'SECRET-9' },
          logprobs: {
            content: [{ token: 'SECRET-9', logprob: 0, bytes: null, top_logprobs: [] }],
            refusal: null,
          },
        },
      ],
    };
    await run([recorder([])], json);
    const choice = (json.choices as Json[])[0] as Json;
    assert.equal(choice.logprobs, null);
    assert.deepEqual(choice.message, { role: 'assistant', content: '[REDACTED]' });
  });

  it('drops logprobs whose own token texts a guard would change, and keeps the text', async () => {
    const json: Json = {
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'safe' },
          logprobs: {
            content: [
              {
                token: 'safe',
                logprob: 0,
                bytes: null,
                top_logprobs: [{ token: 'SECRET-3', logprob: -3, bytes: null }],
              },
            ],
            refusal: null,
          },
        },
      ],
    };
    const out = await run([recorder([])], json);
    const choice = (json.choices as Json[])[0] as Json;
    assert.equal(choice.logprobs, null);
    assert.deepEqual(choice.message, { role: 'assistant', content: 'safe' });
    assert.equal(out.filteredBy, undefined);
  });

  it('withholds the choice when a logprobs text is blocked', async () => {
    const json: Json = {
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'safe' },
          logprobs: {
            content: [
              {
                token: 'safe',
                logprob: 0,
                bytes: null,
                top_logprobs: [{ token: 'forbidden', logprob: -3, bytes: null }],
              },
            ],
            refusal: null,
          },
        },
      ],
    };
    const out = await run([recorder([])], json);
    assert.ok(out.filteredBy);
    assert.deepEqual(json.choices, [
      {
        index: 0,
        message: { role: 'assistant', content: null },
        logprobs: null,
        finish_reason: 'content_filter',
      },
    ]);
  });

  it('leaves null logprobs as they are and adds none to a choice without them', async () => {
    const json: Json = {
      choices: [
        { index: 0, message: { role: 'assistant', content: 'a' }, logprobs: null },
        { index: 1, message: { role: 'assistant', content: 'b' } },
      ],
    };
    await run([recorder([])], json);
    assert.deepEqual(json.choices, [
      { index: 0, message: { role: 'assistant', content: 'a' }, logprobs: null },
      { index: 1, message: { role: 'assistant', content: 'b' } },
    ]);
  });

  it('drops completion logprobs that are not an object', async () => {
    const json: Json = { choices: [{ index: 0, text: 'a', logprobs: 'SECRET-1' }] };
    await run([recorder([])], json, 'completion');
    assert.equal((json.choices as Json[])[0]?.logprobs, null);
  });
});

describe('guardAnswer: tool calls', () => {
  const callChoice = (): Json => ({
    index: 3,
    finish_reason: 'tool_calls',
    message: {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 't1', type: 'function', function: { name: 'rm', arguments: '{"path":"/"}' } }],
    },
  });

  it('shows the tool-call guards every call of the choice and blocks the choice on a block', async () => {
    const shown: unknown[] = [];
    const stop = guard('tools', 'toolCall', (ctx) => {
      shown.push(ctx.toolCalls);
      return block('tools', { reason: 'destructive' });
    });
    const json: Json = { choices: [callChoice()] };
    const out = await run([stop], json);
    assert.deepEqual(shown, [[{ id: 't1', name: 'rm', arguments: '{"path":"/"}', choiceIndex: 3 }]]);
    assert.equal(out.filteredBy?.reason, 'destructive');
    assert.deepEqual(json.choices, [
      { index: 3, finish_reason: 'content_filter', message: { role: 'assistant', content: null } },
    ]);
  });

  it('writes back what a tool-call guard patched, not the original call', async () => {
    const patcher = guard('tools', 'toolCall', () =>
      transform('tools', {
        changes: ['path'],
        patch: (ctx) => {
          ctx.toolCalls = (ctx.toolCalls ?? []).map((c) => ({ ...c, arguments: '{"path":"/tmp/x"}' }));
        },
      }),
    );
    const json: Json = { choices: [callChoice()] };
    const out = await run([patcher], json);
    const msg = (json.choices as Json[])[0]?.message as Json;
    assert.deepEqual(msg.tool_calls, [
      { id: 't1', type: 'function', function: { name: 'rm', arguments: '{"path":"/tmp/x"}' } },
    ]);
    assert.deepEqual(out.held, []);
  });

  it('leaves calls untouched when a tool-call guard transforms without a patch', async () => {
    const noted = guard('tools', 'toolCall', (ctx) => {
      ctx.toolCalls = [];
      return transform('tools', { changes: ['noted'] });
    });
    const json: Json = { choices: [callChoice()] };
    await run([noted], json);
    const msg = (json.choices as Json[])[0]?.message as Json;
    assert.deepEqual(msg.tool_calls, [
      { id: 't1', type: 'function', function: { name: 'rm', arguments: '{"path":"/"}' } },
    ]);
  });

  it('holds the calls of a choice a guard wants approved, with the decisions that asked', async () => {
    const asker = guard('tools', 'toolCall', () => ({
      guardId: 'tools',
      status: 'ok',
      action: 'requireApproval',
      approvalId: 'a1',
      reason: 'destructive',
    }));
    const json: Json = { choices: [callChoice()] };
    const out = await run([asker], json);
    assert.equal(out.held.length, 1);
    const held = out.held[0];
    assert.equal(held?.choice, (json.choices as Json[])[0]);
    assert.deepEqual(held?.calls, [{ id: 't1', name: 'rm', arguments: '{"path":"/"}', choiceIndex: 3 }]);
    assert.deepEqual(
      held?.decisions.map((d: Decision) => d.action),
      ['requireApproval'],
    );
    assert.equal(out.filteredBy, undefined);
    assert.deepEqual(
      out.decisions.map((d) => d.action),
      ['requireApproval'],
    );
  });

  it('holds nothing and leaves the calls when the tool-call guards allow', async () => {
    const json: Json = { choices: [callChoice()] };
    const out = await run([guard('tools', 'toolCall', () => allow('tools'))], json);
    assert.deepEqual(out.held, []);
    assert.deepEqual(json.choices, [callChoice()]);
  });

  it('runs no tool-call guard for a choice without calls or a completion', async () => {
    let runs = 0;
    const counter = guard('tools', 'toolCall', () => {
      runs++;
      return allow('tools');
    });
    await run([counter], { choices: [{ index: 0, message: { role: 'assistant', content: 'x' } }] });
    await run(
      [counter],
      { choices: [{ index: 0, text: 'x', tool_calls: callChoice().message }] },
      'completion',
    );
    assert.equal(runs, 0);
  });

  it('reads a legacy function call as a tool call', async () => {
    const shown: unknown[] = [];
    const spy = guard('tools', 'toolCall', (ctx) => {
      shown.push(ctx.toolCalls);
      return allow('tools');
    });
    const json: Json = {
      choices: [
        { index: 0, message: { role: 'assistant', function_call: { name: 'pay', arguments: '{}' } } },
      ],
    };
    await run([spy], json);
    assert.deepEqual(shown, [[{ id: 'legacy_function_call', name: 'pay', arguments: '{}', choiceIndex: 0 }]]);
  });
});

describe('withhold', () => {
  it('empties a chat choice: content null, calls and reasoning removed, refusal nulled, logprobs nulled', () => {
    const choice: Json = {
      index: 0,
      finish_reason: 'stop',
      message: {
        role: 'assistant',
        content: 'x',
        refusal: 'r',
        reasoning: 'y',
        reasoning_content: 'z',
        tool_calls: [],
        function_call: {},
      },
      logprobs: chatLogprobs(),
    };
    withhold(choice);
    assert.deepEqual(choice, {
      index: 0,
      finish_reason: 'content_filter',
      message: { role: 'assistant', content: null, refusal: null },
      logprobs: null,
    });
  });

  it('adds no refusal or logprobs a choice did not have, and empties a completion text', () => {
    const chat: Json = { message: { content: 'x' } };
    withhold(chat);
    assert.deepEqual(chat, { message: { content: null }, finish_reason: 'content_filter' });
    const completion: Json = { text: 'secret', logprobs: { tokens: ['secret'] } };
    withhold(completion);
    assert.deepEqual(completion, { text: '', logprobs: null, finish_reason: 'content_filter' });
  });
});
