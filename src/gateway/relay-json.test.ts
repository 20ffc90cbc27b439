import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  asResponse,
  fakeApprovals,
  fakeUpstream,
  guard,
  harness,
  UPSTREAM_SECRET,
  upstreamBody,
} from '../../test/fixtures/relay.js';
import type { HoldOutcome } from '../agents/approvals/gate.js';
import type { OutputView, ToolCallView } from '../core/context.js';
import { allow, block, type Decision, transform } from '../core/decision.js';
import { WardenError } from '../core/errors.js';
import { holdForApproval, readUpstreamBody, relayJson, upstreamHttpError, usageOf } from './relay-json.js';

/** A response guard that replaces every `SECRET-\d+` in the pending text with [REDACTED]. */
const redactor = guard('redactor', 'response', (ctx) => {
  const view = ctx.output as OutputView;
  const redactions = [...view.text.matchAll(/SECRET-\d+/g)]
    .filter((m) => m.index + m[0].length > view.pendingStart)
    .map((m) => ({ start: m.index, end: m.index + m[0].length, replacement: '[REDACTED]', kind: 'secret' }));
  return redactions.length > 0
    ? transform('redactor', { changes: ['secret'], redactions })
    : allow('redactor');
});

/** A response guard that blocks any text mentioning "forbidden", and records what it was shown. */
function blocker(seen: OutputView[] = []) {
  return guard('blocker', 'response', (ctx) => {
    const view = ctx.output as OutputView;
    seen.push({ ...view });
    return view.text.includes('forbidden')
      ? block('blocker', { reason: 'forbidden topic' })
      : allow('blocker');
  });
}

function approvalGuard(seen: ToolCallView[][] = []) {
  return guard('approver', 'toolCall', (ctx) => {
    seen.push([...(ctx.toolCalls ?? [])]);
    return {
      guardId: 'approver',
      status: 'ok',
      action: 'requireApproval',
      approvalId: 'a1',
      reason: 'destructive',
    };
  });
}

function answer(choices: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices,
    usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
    ...extra,
  };
}

const message = (content: string, index = 0) => ({
  index,
  message: { role: 'assistant', content },
  finish_reason: 'stop',
});

const toolChoice = {
  index: 0,
  message: {
    role: 'assistant',
    content: null,
    tool_calls: [{ id: 'c1', type: 'function', function: { name: 'rm', arguments: '{"path":"/"}' } }],
  },
  finish_reason: 'tool_calls',
};

function upstreamJson(json: unknown, status = 200) {
  return fakeUpstream({ status, parts: [typeof json === 'string' ? json : JSON.stringify(json)] });
}

const pendingHold: HoldOutcome = {
  kind: 'withheld',
  status: 'pending',
  approvals: [
    {
      id: 'ap_1',
      status: 'pending',
      tool: 'rm',
      expires_at: '2026-12-03T10:00:00.000Z',
      poll_url: '/v1/approvals/ap_1',
    },
  ],
};

describe('relayJson', () => {
  it('sends an unguarded answer byte for byte, records usage and audits before the reply', async () => {
    const text = `{"id":"x",  "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"x_extra":1,"usage":{"prompt_tokens":2,"completion_tokens":1,"total_tokens":3}}`;
    const up = fakeUpstream({ parts: [text] });
    const h = harness({ up });
    const before = performance.now();
    await relayJson(h.call, asResponse(h.res), h.deps);
    const elapsed = performance.now() - before;
    assert.equal(h.res.body, text);
    assert.equal(h.res.status, 200);
    assert.equal(h.res.headers['x-request-id'], 'req-1');
    assert.equal(h.res.headers['x-ratelimit-limit-requests'], '10');
    assert.equal(h.res.headers['x-warden-filtered-by'], undefined);
    assert.deepEqual(up.calls, [
      { method: 'POST', path: '/chat/completions', body: h.ctx.body, requestId: 'req-1' },
    ]);
    assert.deepEqual(h.exchange.usage, { promptTokens: 2, completionTokens: 1, totalTokens: 3 });
    assert.deepEqual(h.released, [{ promptTokens: 2, completionTokens: 1, totalTokens: 3 }]);
    assert.equal(h.audit.length, 1);
    assert.equal(h.audit[0]?.outcome, 'ok');
    assert.equal(h.audit[0]?.status, 200);
    assert.deepEqual(h.audit[0]?.usage, { promptTokens: 2, completionTokens: 1, totalTokens: 3 });
    assert.equal(typeof h.exchange.firstByteMs, 'number');
    // durations measured inside the call: the upstream's share lies between its first byte and the whole call
    const upstreamMs = h.exchange.upstreamMs ?? -1;
    assert.ok(upstreamMs >= (h.exchange.firstByteMs ?? 0) && upstreamMs <= elapsed);
    assert.deepEqual(h.upstreamMetrics, [{ upstream: 'up1', status: 200, seconds: upstreamMs / 1000 }]);
    assert.deepEqual(h.finalized, { count: 1, writesBefore: 0, endedBefore: false });
  });

  it('reaches the client with redactions applied and the raw secret gone', async () => {
    const up = upstreamJson(answer([message('key SECRET-42 here')]));
    const h = harness({ up, guards: [redactor] });
    await relayJson(h.call, asResponse(h.res), h.deps);
    assert.ok(!h.res.body.includes('SECRET-42'));
    const json = h.res.json() as { choices: { message: { content: string } }[]; warden?: unknown };
    assert.equal(json.choices[0]?.message.content, 'key [REDACTED] here');
    assert.equal(json.warden, undefined);
    assert.equal(h.exchange.outcome, 'ok');
    assert.equal(
      (h.audit[0]?.decisions ?? []).some((d) => d.guardId === 'redactor' && d.action === 'transform'),
      true,
    );
  });

  it('withholds a blocked choice with content_filter, names the guard and audits filtered', async () => {
    const up = upstreamJson(answer([message('a forbidden answer')]));
    const h = harness({ up, guards: [blocker()] });
    await relayJson(h.call, asResponse(h.res), h.deps);
    const json = h.res.json() as { choices: Record<string, unknown>[]; warden: Record<string, unknown> };
    assert.equal(json.choices[0]?.finish_reason, 'content_filter');
    assert.ok(!h.res.body.includes('forbidden answer'));
    assert.deepEqual(json.warden, {
      code: 'WARDEN_CONTENT_FILTERED',
      guard: 'blocker',
      reason: 'forbidden topic',
    });
    assert.equal(h.res.headers['x-warden-filtered-by'], 'blocker');
    assert.equal(h.res.status, 200);
    assert.equal(h.exchange.outcome, 'filtered');
    assert.equal(h.exchange.code, 'WARDEN_CONTENT_FILTERED');
    assert.equal(h.audit[0]?.outcome, 'filtered');
    assert.equal(h.audit[0]?.code, 'WARDEN_CONTENT_FILTERED');
    assert.equal(
      (h.audit[0]?.decisions ?? []).some((d) => d.guardId === 'blocker' && d.action === 'block'),
      true,
    );
  });

  it('guards each of n > 1 choices on its own: only the bad one is withheld', async () => {
    const seen: OutputView[] = [];
    const up = upstreamJson(answer([message('fine words', 0), message('forbidden words', 1)]));
    const h = harness({ up, guards: [blocker(seen)] });
    await relayJson(h.call, asResponse(h.res), h.deps);
    const json = h.res.json() as { choices: { message: { content: unknown }; finish_reason: string }[] };
    assert.equal(json.choices[0]?.message.content, 'fine words');
    assert.equal(json.choices[0]?.finish_reason, 'stop');
    assert.equal(json.choices[1]?.message.content, null);
    assert.equal(json.choices[1]?.finish_reason, 'content_filter');
    assert.deepEqual(
      seen.map((v) => [v.choiceIndex, v.text]),
      [
        [0, 'fine words'],
        [1, 'forbidden words'],
      ],
    );
    assert.equal(h.exchange.outcome, 'filtered');
  });

  it('guards a completion answer as a completion (its text slot)', async () => {
    const up = upstreamJson({
      object: 'text_completion',
      choices: [{ index: 0, text: 'SECRET-7 ok', finish_reason: 'stop' }],
    });
    const h = harness({ up, route: 'completions', guards: [redactor], body: { model: 'm', prompt: 'p' } });
    await relayJson(h.call, asResponse(h.res), h.deps);
    assert.equal(up.calls[0]?.path, '/completions');
    const json = h.res.json() as { choices: { text: string }[] };
    assert.equal(json.choices[0]?.text, '[REDACTED] ok');
  });

  it('drops unknown fields it cannot guard, and re-serialises whenever guards ran', async () => {
    const up = upstreamJson(answer([message('hi')], { x_hidden: 'carried text' }));
    const h = harness({ up, guards: [approvalGuard()] });
    await relayJson(h.call, asResponse(h.res), h.deps);
    const json = h.res.json();
    assert.equal('x_hidden' in json, false);
    assert.equal(h.exchange.outcome, 'ok');
  });

  it('guards an unknown field as text when response guards run: a finding drops it', async () => {
    const up = upstreamJson(answer([message('hi')], { x_note: 'forbidden payload', x_ok: 'plain' }));
    const h = harness({ up, guards: [blocker()] });
    await relayJson(h.call, asResponse(h.res), h.deps);
    const json = h.res.json();
    assert.equal('x_note' in json, false);
    assert.equal(json.x_ok, 'plain');
    assert.equal(h.exchange.outcome, 'filtered');
  });

  it('fails closed on an upstream 4xx with its scrubbed message and status', async () => {
    const up = upstreamJson({ error: { message: `bad key ${UPSTREAM_SECRET} given` } }, 401);
    const h = harness({ up, guards: [redactor] });
    await assert.rejects(relayJson(h.call, asResponse(h.res), h.deps), (err: WardenError) => {
      assert.equal(err.code, 'WARDEN_UPSTREAM_ERROR');
      assert.equal(err.status, 401);
      assert.deepEqual(err.params, { upstream: 'up1', upstreamStatus: 401 });
      assert.ok(err.message.includes('bad key'));
      assert.ok(!err.message.includes(UPSTREAM_SECRET));
      assert.deepEqual(Object.keys(err.toJSON().error).sort(), ['code', 'message', 'param', 'type']);
      return true;
    });
    assert.equal(h.res.headersSent, false);
    assert.equal(h.finalized.count, 0);
    assert.equal(h.upstreamMetrics[0]?.status, 401);
    // 400 is the first error status
    const bad = harness({ up: upstreamJson({ error: { message: 'bad field' } }, 400) });
    await assert.rejects(relayJson(bad.call, asResponse(bad.res), bad.deps), {
      code: 'WARDEN_UPSTREAM_ERROR',
      status: 400,
    });
  });

  it('fails closed on malformed or non-object upstream JSON', async () => {
    for (const text of ['{"choices": [', '[1,2]', 'null', '"text"', '42']) {
      const h = harness({ up: upstreamJson(text) });
      await assert.rejects(
        relayJson(h.call, asResponse(h.res), h.deps),
        (err: WardenError) =>
          err.code === 'WARDEN_UPSTREAM_BAD_RESPONSE' && err.status === 502 && err.params.upstream === 'up1',
        text,
      );
      assert.equal(h.res.headersSent, false, text);
    }
  });

  it('fails closed when the upstream body breaks off', async () => {
    const up = fakeUpstream({
      parts: ['{"choices":'],
      failWith: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
    });
    const h = harness({ up });
    await assert.rejects(relayJson(h.call, asResponse(h.res), h.deps), {
      code: 'WARDEN_UPSTREAM_UNAVAILABLE',
    });
    assert.equal(h.res.headersSent, false);
  });

  it('withholds tool calls a guard wants approved when no approval queue is wired', async () => {
    const calls: ToolCallView[][] = [];
    const up = upstreamJson(answer([toolChoice]));
    const h = harness({ up, guards: [approvalGuard(calls)] });
    await relayJson(h.call, asResponse(h.res), h.deps);
    const json = h.res.json() as {
      choices: { message: Record<string, unknown>; finish_reason: string }[];
      warden: Record<string, unknown>;
    };
    assert.equal(json.choices[0]?.finish_reason, 'content_filter');
    assert.equal(json.choices[0]?.message.tool_calls, undefined);
    assert.equal(json.warden.code, 'WARDEN_APPROVAL_DENIED');
    assert.equal(h.exchange.outcome, 'filtered');
    assert.equal(h.exchange.code, 'WARDEN_APPROVAL_DENIED');
    assert.equal(h.audit[0]?.outcome, 'filtered');
    assert.equal(h.res.headers['x-warden-approval-id'], undefined);
    assert.deepEqual(calls, [[{ id: 'c1', name: 'rm', arguments: '{"path":"/"}', choiceIndex: 0 }]]);
  });

  it('answers pending for held tool calls: the call is replaced by the approval text', async () => {
    const approvals = fakeApprovals(pendingHold);
    const up = upstreamJson(answer([{ ...toolChoice, logprobs: { content: [] } }]));
    const h = harness({ up, guards: [approvalGuard()], approvals });
    h.call.approvalIds = ['ap_0'];
    await relayJson(h.call, asResponse(h.res), h.deps);
    const json = h.res.json() as {
      choices: { message: Record<string, unknown>; finish_reason: string; logprobs: unknown }[];
      warden: Record<string, unknown>;
    };
    const choice = json.choices[0]!;
    assert.equal(choice.finish_reason, 'stop');
    assert.equal(choice.message.tool_calls, undefined);
    assert.equal(choice.logprobs, null);
    assert.match(String(choice.message.content), /ap_1/);
    assert.equal(json.warden.code, 'WARDEN_APPROVAL_REQUIRED');
    assert.equal(h.res.headers['x-warden-approval-id'], 'ap_1');
    assert.equal(h.exchange.outcome, 'pending');
    assert.equal(h.exchange.code, 'WARDEN_APPROVAL_REQUIRED');
    assert.equal(h.audit[0]?.outcome, 'pending');
    const asked = approvals.asked[0]!;
    assert.deepEqual(asked.calls, [{ id: 'c1', name: 'rm', arguments: '{"path":"/"}', choiceIndex: 0 }]);
    assert.deepEqual(asked.approvalIds, ['ap_0']);
    assert.equal(asked.ctx, h.ctx);
    assert.equal(
      asked.decisions.some((d: Decision) => d.action === 'requireApproval'),
      true,
    );
    assert.ok(asked.signal instanceof AbortSignal);
  });

  it('answers pending for a held legacy completion-style choice through its text', async () => {
    const approvals = fakeApprovals(pendingHold);
    const up = upstreamJson(
      answer([
        {
          index: 0,
          message: { role: 'assistant', content: null, function_call: { name: 'rm', arguments: '{}' } },
          finish_reason: 'function_call',
        },
      ]),
    );
    const h = harness({ up, guards: [approvalGuard()], approvals });
    await relayJson(h.call, asResponse(h.res), h.deps);
    const json = h.res.json() as { choices: { message: Record<string, unknown> }[] };
    assert.equal(json.choices[0]?.message.function_call, undefined);
    assert.match(String(json.choices[0]?.message.content), /awaits human approval/);
    assert.equal('logprobs' in (json.choices[0] ?? {}), false);
  });

  it('holds tool calls for approval whatever finish reason the upstream gave their choice', async () => {
    // An upstream's own content_filter must not let calls that need approval through unheld.
    const up = upstreamJson(answer([{ ...toolChoice, finish_reason: 'content_filter' }]));
    const h = harness({ up, guards: [approvalGuard()] });
    await relayJson(h.call, asResponse(h.res), h.deps);
    assert.equal(h.res.body.includes('tool_calls'), false);
    assert.equal(h.exchange.outcome, 'filtered');
    assert.equal(h.exchange.code, 'WARDEN_APPROVAL_DENIED');
  });

  it('releases approved tool calls unchanged', async () => {
    const approvals = fakeApprovals({ kind: 'release' });
    const up = upstreamJson(answer([toolChoice]));
    const h = harness({ up, guards: [approvalGuard()], approvals });
    await relayJson(h.call, asResponse(h.res), h.deps);
    const json = h.res.json() as { choices: { message: Record<string, unknown>; finish_reason: string }[] };
    assert.deepEqual(json.choices[0]?.message.tool_calls, toolChoice.message.tool_calls);
    assert.equal(json.choices[0]?.finish_reason, 'tool_calls');
    assert.equal('warden' in h.res.json(), false);
    assert.equal(h.exchange.outcome, 'ok');
  });

  it('keeps a pending outcome when another choice was also filtered', async () => {
    const approvals = fakeApprovals(pendingHold);
    const up = upstreamJson(answer([toolChoice, message('forbidden', 1)]));
    const h = harness({ up, guards: [approvalGuard(), blocker()], approvals });
    await relayJson(h.call, asResponse(h.res), h.deps);
    const json = h.res.json() as { choices: { finish_reason: string }[]; warden: Record<string, unknown> };
    assert.equal(json.choices[1]?.finish_reason, 'content_filter');
    assert.equal(json.warden.code, 'WARDEN_APPROVAL_REQUIRED');
    assert.equal(h.exchange.outcome, 'pending');
    assert.equal(h.res.headers['x-warden-filtered-by'], undefined);
  });

  it('denied approvals withhold the held choice and say so', async () => {
    const approvals = fakeApprovals({ ...pendingHold, status: 'denied' } as HoldOutcome);
    const up = upstreamJson(answer([toolChoice]));
    const h = harness({ up, guards: [approvalGuard()], approvals });
    await relayJson(h.call, asResponse(h.res), h.deps);
    const json = h.res.json() as { choices: { finish_reason: string }[]; warden: Record<string, unknown> };
    assert.equal(json.choices[0]?.finish_reason, 'content_filter');
    assert.equal(json.warden.code, 'WARDEN_APPROVAL_DENIED');
    assert.equal(h.exchange.outcome, 'filtered');
    assert.equal(h.exchange.code, 'WARDEN_APPROVAL_DENIED');
  });

  it('passes embeddings byte for byte unless the surface dropped a field', async () => {
    const body = { model: 'e', input: 'x' };
    const clean =
      '{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5, 1]}],"model":"e"}';
    const h = harness({ up: upstreamJson(clean), route: 'embeddings', body, guards: [blocker()] });
    await relayJson(h.call, asResponse(h.res), h.deps);
    assert.equal(h.res.body, clean);
    assert.equal(h.up.calls[0]?.path, '/embeddings');

    const dirty = { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [1], note: 'leak' }] };
    const h2 = harness({ up: upstreamJson(dirty), route: 'embeddings', body });
    await relayJson(h2.call, asResponse(h2.res), h2.deps);
    assert.deepEqual(h2.res.json(), {
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [1] }],
    });
  });

  it('asks a dialect upstream in its shape and hands the guarded answer to the client shape', async () => {
    const up = upstreamJson({ output: 'SECRET-1 done' });
    const h = harness({
      up,
      guards: [redactor],
      dialect: {
        path: '/responses',
        body: (chat) => ({ input: chat.messages }),
        answer: (json) => answer([message(String(json.output))]),
        events: () => [],
      },
      shape: {
        json: (a) => ({ shaped: (a.choices as { message: { content: string } }[])[0]?.message.content }),
        chunk: () => '',
        end: () => '',
        error: () => '',
      },
    });
    await relayJson(h.call, asResponse(h.res), h.deps);
    assert.equal(up.calls[0]?.path, '/responses');
    assert.deepEqual(up.calls[0]?.body, { input: [{ role: 'user', content: 'hi' }] });
    assert.deepEqual(h.res.json(), { shaped: '[REDACTED] done' });
    assert.deepEqual(h.exchange.usage, { promptTokens: 3, completionTokens: 5, totalTokens: 8 });
  });

  it('notes the answering model and finish reasons for a trace', async () => {
    const h = harness({ up: upstreamJson(answer([message('hi')], { model: 'm-2' })), trace: true });
    await relayJson(h.call, asResponse(h.res), h.deps);
    assert.equal(h.exchange.responseModel, 'm-2');
    assert.deepEqual(h.exchange.finishReasons, ['stop']);
    const plain = harness({ up: upstreamJson(answer([message('hi')])) });
    await relayJson(plain.call, asResponse(plain.res), plain.deps);
    assert.equal(plain.exchange.responseModel, undefined);
  });

  it('does not answer when the audit record cannot be written', async () => {
    const h = harness({ up: upstreamJson(answer([message('hi')])), auditFails: true });
    await assert.rejects(relayJson(h.call, asResponse(h.res), h.deps), /audit unavailable/);
    assert.equal(h.res.headersSent, false);
  });
});

describe('readUpstreamBody', () => {
  const { upstream } = fakeUpstream();
  const signal = { aborted: false };

  it('joins chunks, including a character split between them', async () => {
    const euro = Buffer.from('€');
    const body = upstreamBody([Buffer.from('a'), euro.subarray(0, 1), euro.subarray(1), Buffer.from('b')]);
    assert.equal(
      await readUpstreamBody({ statusCode: 200, headers: {}, body: body as never }, upstream, signal),
      'a€b',
    );
  });

  it('refuses a body over the limit and stops reading it', async () => {
    const body = upstreamBody(['12345', '67890', 'abc']);
    await assert.rejects(
      readUpstreamBody({ statusCode: 200, headers: {}, body: body as never }, upstream, signal, 8),
      { code: 'WARDEN_UPSTREAM_BAD_RESPONSE', params: { upstream: 'up1' } },
    );
    assert.equal(body.destroyed, true);
    const exact = upstreamBody(['1234', '5678']);
    assert.equal(
      await readUpstreamBody({ statusCode: 200, headers: {}, body: exact as never }, upstream, signal, 8),
      '12345678',
    );
  });

  it('rejects a body closed before its end, with the cancellation reason when cancelled', async () => {
    const body = upstreamBody(['part']);
    const read = readUpstreamBody({ statusCode: 200, headers: {}, body: body as never }, upstream, signal);
    body.destroy();
    await assert.rejects(read, (err: WardenError) => {
      assert.equal(err.code, 'WARDEN_UPSTREAM_UNAVAILABLE');
      // the cause (logged, never sent) says the body closed early
      assert.equal((err.cause as { code?: string }).code, 'ERR_STREAM_PREMATURE_CLOSE');
      assert.equal((err.cause as Error).message, 'Premature close');
      return true;
    });
    const reason = new WardenError('WARDEN_UPSTREAM_TIMEOUT', { upstream: 'up1', phase: 'total' });
    const cut = upstreamBody(['part']);
    const read2 = readUpstreamBody({ statusCode: 200, headers: {}, body: cut as never }, upstream, {
      aborted: true,
      reason,
    });
    cut.destroy(new Error('aborted'));
    await assert.rejects(read2, (err) => err === reason);
  });
});

describe('upstreamHttpError', () => {
  const { upstream } = fakeUpstream();

  it('keeps a 4xx message, scrubbed and bounded, with the upstream status', () => {
    const err = upstreamHttpError(
      upstream,
      400,
      JSON.stringify({ error: { message: `x${'y'.repeat(400)}` } }),
      [],
    );
    assert.equal(err.status, 400);
    assert.equal(err.code, 'WARDEN_UPSTREAM_ERROR');
    const base = new WardenError('WARDEN_UPSTREAM_ERROR', { upstream: 'up1', upstreamStatus: 400 }).message;
    assert.equal(err.message, `${base}: x${'y'.repeat(299)}`);
    const scrubbed = upstreamHttpError(
      upstream,
      499,
      JSON.stringify({ error: { message: `k=${UPSTREAM_SECRET}` } }),
      [UPSTREAM_SECRET],
    );
    assert.equal(scrubbed.status, 499);
    assert.ok(!scrubbed.message.includes(UPSTREAM_SECRET));
  });

  it('gives the generic message for a 4xx that is not JSON or has no string message', () => {
    const base = new WardenError('WARDEN_UPSTREAM_ERROR', { upstream: 'up1', upstreamStatus: 404 });
    for (const text of ['<html>nope</html>', '{"error":{"message":7}}', '{"error":"x"}', 'null']) {
      const err = upstreamHttpError(upstream, 404, text, []);
      assert.equal(err.message, base.message, text);
      assert.equal(err.status, 404, text);
    }
  });

  it('hides a 5xx body behind the registry status', () => {
    const err = upstreamHttpError(upstream, 500, '{"error":{"message":"internal stack trace"}}', []);
    const base = new WardenError('WARDEN_UPSTREAM_ERROR', { upstream: 'up1', upstreamStatus: 500 });
    assert.equal(err.message, base.message);
    assert.equal(err.status, base.status);
    assert.notEqual(err.status, 500);
    assert.equal(err.params.upstreamStatus, 500);
    assert.equal(
      upstreamHttpError(upstream, 399, '{"error":{"message":"m"}}', []).message.includes(': m'),
      false,
    );
  });
});

describe('usageOf', () => {
  it('reads finite counters only', () => {
    assert.deepEqual(usageOf({ usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }), {
      promptTokens: 1,
      completionTokens: 2,
      totalTokens: 3,
    });
    assert.deepEqual(
      usageOf({ usage: { prompt_tokens: '1', completion_tokens: Number.NaN, total_tokens: Infinity } }),
      {},
    );
    assert.deepEqual(usageOf({ usage: { completion_tokens: 4 } }), { completionTokens: 4 });
    assert.equal(usageOf({ usage: 'lots' }), undefined);
    assert.equal(usageOf({}), undefined);
    assert.equal(usageOf(null), undefined);
  });
});

describe('holdForApproval', () => {
  it('withholds as denied when no approval queue is wired (fail closed)', async () => {
    const h = harness({});
    assert.deepEqual(await holdForApproval(h.call, h.deps, [], []), {
      kind: 'withheld',
      status: 'denied',
      approvals: [],
    });
  });
});
