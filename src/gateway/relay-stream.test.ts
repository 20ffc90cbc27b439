import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  asResponse,
  fakeApprovals,
  fakeUpstream,
  guard,
  type Harness,
  harness,
  type SentChunk,
  sse,
  UPSTREAM_SECRET,
} from '../../test/fixtures/relay.js';
import type { HoldOutcome } from '../agents/approvals/gate.js';
import type { OutputView, ToolCallView } from '../core/context.js';
import { allow, block, transform } from '../core/decision.js';
import { WardenError } from '../core/errors.js';
import { relayStream } from './relay-stream.js';

type Chunk = SentChunk;

const SSE = { 'content-type': 'text/event-stream; charset=utf-8' };
const BODY = { model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] };

/** A chat chunk with one choice. */
function chunk(
  delta: Record<string, unknown> | undefined,
  opts: { index?: number; finish?: string } = {},
): Chunk {
  return {
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: opts.index ?? 0, ...(delta ? { delta } : {}), finish_reason: opts.finish ?? null }],
  };
}

const usage = (p: number, c: number) => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [],
  usage: { prompt_tokens: p, completion_tokens: c, total_tokens: p + c },
});

/** Redacts every `SECRET-\d+` that reaches into the pending text; holds back 16 characters. */
const redactor = guard(
  'redactor',
  'response',
  (ctx) => {
    const view = ctx.output as OutputView;
    const redactions = [...view.text.matchAll(/SECRET-\d+/g)]
      .filter((m) => m.index + m[0].length > view.pendingStart)
      .map((m) => ({
        start: m.index,
        end: m.index + m[0].length,
        replacement: '[REDACTED]',
        kind: 'secret',
      }));
    return redactions.length > 0
      ? transform('redactor', { changes: ['secret'], redactions })
      : allow('redactor');
  },
  { holdBack: 16 },
);

/** Blocks "forbidden" in a text; with `finalOnly`, only at the final window check (the whole text). */
function blocker(opts: { finalOnly?: boolean; seen?: OutputView[] } = {}) {
  return guard(
    'blocker',
    'response',
    (ctx) => {
      const view = ctx.output as OutputView;
      opts.seen?.push({ ...view });
      if (opts.finalOnly && !view.final) return allow('blocker');
      return view.text.includes('forbidden')
        ? block('blocker', { reason: 'topic not allowed' })
        : allow('blocker');
    },
    { holdBack: 4 },
  );
}

function toolGuard(
  decide: 'approve' | 'block' | 'allow' | 'patch',
  seen: ToolCallView[][] = [],
): ReturnType<typeof guard> {
  return guard('tools', 'toolCall', (ctx) => {
    seen.push((ctx.toolCalls ?? []).map((c) => ({ ...c })));
    if (decide === 'block') return block('tools', { reason: 'dangerous call' });
    if (decide === 'approve')
      return {
        guardId: 'tools',
        status: 'ok',
        action: 'requireApproval',
        approvalId: 'a1',
        reason: 'destructive',
      };
    if (decide === 'patch')
      return transform('tools', {
        changes: ['arguments'],
        patch: (c) => {
          c.toolCalls = (c.toolCalls ?? []).map((t) => ({ ...t, arguments: '{"path":"/tmp"}' }));
        },
      });
    return allow('tools');
  });
}

function streamOf(...events: (Chunk | string)[]) {
  return fakeUpstream({ headers: SSE, parts: [sse(...events)] });
}

async function run(h: Harness): Promise<void> {
  await relayStream(h.call, asResponse(h.res), h.deps);
}

/** The text the client assembled for one choice's slot. */
function assembled(h: Harness, index = 0, key = 'content'): string {
  let out = '';
  for (const c of h.res.chunks())
    for (const ch of c.choices ?? []) {
      const choice = ch as { index: number; delta?: Record<string, unknown>; text?: string };
      if (choice.index !== index) continue;
      const v = key === 'text' ? choice.text : choice.delta?.[key];
      if (typeof v === 'string') out += v;
    }
  return out;
}

function finishes(h: Harness): [number, unknown][] {
  const out: [number, unknown][] = [];
  for (const c of h.res.chunks())
    for (const ch of c.choices ?? []) {
      const choice = ch as { index: number; finish_reason?: unknown };
      if (choice.finish_reason !== null && choice.finish_reason !== undefined)
        out.push([choice.index, choice.finish_reason]);
    }
  return out;
}

const lastChunk = (h: Harness) => h.res.chunks().at(-1) as Chunk;

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

const toolDeltas = [
  chunk({
    role: 'assistant',
    tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'rm', arguments: '' } }],
  }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"path":' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '"/"}' } }] }),
  chunk({}, { finish: 'tool_calls' }),
];

describe('relayStream', () => {
  it('relays an unguarded stream, asks for usage, strips the usage chunk and audits before [DONE]', async () => {
    const up = streamOf(
      chunk({ role: 'assistant', content: 'Hel' }),
      chunk({ content: 'lo' }),
      chunk({}, { finish: 'stop' }),
      usage(3, 2),
      '[DONE]',
    );
    const h = harness({ up, body: { ...BODY } });
    const before = performance.now();
    await run(h);
    const elapsed = performance.now() - before;
    assert.equal(h.res.status, 200);
    assert.equal(h.res.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(h.res.headers['x-request-id'], 'req-1');
    assert.equal(h.res.headers['x-ratelimit-limit-requests'], '10');
    assert.equal(h.res.headers['cache-control'], 'no-cache');
    assert.equal(h.res.headers['x-accel-buffering'], 'no');
    assert.deepEqual(up.calls[0]?.body.stream_options, { include_usage: true });
    assert.equal(up.calls[0]?.method, 'POST');
    assert.equal(up.calls[0]?.path, '/chat/completions');
    assert.equal(assembled(h), 'Hello');
    // chunks pass as they came: no field the upstream did not send (not even a null logprobs)
    assert.deepEqual(h.res.chunks()[0], chunk({ role: 'assistant', content: 'Hel' }));
    assert.deepEqual(finishes(h), [[0, 'stop']]);
    assert.equal(
      h.res.chunks().some((c) => 'usage' in c),
      false,
    );
    // the stripped usage chunk leaves no empty chunk behind
    assert.equal(h.res.chunks().length, 3);
    assert.equal(h.res.events().at(-1), '[DONE]');
    assert.equal(h.res.ended, true);
    assert.deepEqual(h.exchange.usage, { promptTokens: 3, completionTokens: 2, totalTokens: 5 });
    assert.deepEqual(h.released, [{ promptTokens: 3, completionTokens: 2, totalTokens: 5 }]);
    assert.equal(h.audit.length, 1);
    assert.equal(h.audit[0]?.outcome, 'ok');
    assert.equal(h.audit[0]?.status, 200);
    assert.equal(h.audit[0]?.stream, true);
    // the audit record was written before the [DONE] went out
    assert.equal(h.finalized.endedBefore, false);
    assert.equal(h.res.writes.slice(h.finalized.writesBefore).join(''), 'data: [DONE]\n\n');
    // the first byte came before the upstream was done with, both within the call
    const { firstByteMs, upstreamMs } = h.exchange;
    assert.ok(firstByteMs !== undefined && upstreamMs !== undefined);
    assert.ok(firstByteMs >= 0 && firstByteMs <= upstreamMs && upstreamMs <= elapsed);
    assert.deepEqual(h.upstreamMetrics, [{ upstream: 'up1', status: 200, seconds: firstByteMs / 1000 }]);
    assert.equal(up.body.destroyed, true);
    // without a trace the relay collects no trace facts
    assert.equal(h.exchange.responseModel, undefined);
    assert.equal(h.exchange.finishReasons, undefined);
  });

  it('forwards the usage chunk the client asked for, and does not ask when so configured', async () => {
    const events = [chunk({ content: 'a' }, { finish: 'stop' }), usage(1, 1), '[DONE]'] as const;
    const asked = harness({
      up: streamOf(...events),
      body: { ...BODY, stream_options: { include_usage: true } },
    });
    await run(asked);
    assert.deepEqual((asked.res.chunks().at(-1) as Chunk).usage, {
      prompt_tokens: 1,
      completion_tokens: 1,
      total_tokens: 2,
    });
    assert.deepEqual(asked.exchange.usage, { promptTokens: 1, completionTokens: 1, totalTokens: 2 });

    const off = harness({
      up: streamOf(...events),
      body: { ...BODY, stream_options: { other: 1 } },
      config: { streaming: { requestUsage: false } },
    });
    await run(off);
    assert.deepEqual(off.up.calls[0]?.body.stream_options, { other: 1 });
    assert.equal(
      off.res.chunks().some((c) => 'usage' in c),
      true,
    );

    const merged = harness({ up: streamOf(...events), body: { ...BODY, stream_options: { other: 1 } } });
    await run(merged);
    assert.deepEqual(merged.up.calls[0]?.body.stream_options, { other: 1, include_usage: true });
    assert.equal(
      merged.res.chunks().some((c) => 'usage' in c),
      false,
    );
    assert.deepEqual(merged.exchange.usage, { promptTokens: 1, completionTokens: 1, totalTokens: 2 });
  });

  it('strips usage riding on a content chunk but keeps the content', async () => {
    const withUsage = {
      ...chunk({ content: 'x' }, { finish: 'stop' }),
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    };
    const h = harness({ up: streamOf(withUsage, '[DONE]'), body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'x');
    assert.equal(
      h.res.chunks().some((c) => 'usage' in c),
      false,
    );
    assert.deepEqual(h.exchange.usage, { promptTokens: 1, completionTokens: 1, totalTokens: 2 });
  });

  it('sends redactions to the client, never the secret, even split across chunks', async () => {
    const up = streamOf(
      chunk({ role: 'assistant', content: 'the key is SECRET-' }),
      chunk({ content: '4242 and then some more words' }),
      chunk({ content: ' to end' }),
      chunk({}, { finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'the key is [REDACTED] and then some more words to end');
    assert.ok(!h.res.body.includes('SECRET'));
    assert.deepEqual(finishes(h), [[0, 'stop']]);
    assert.equal(h.exchange.outcome, 'ok');
    assert.equal((h.audit[0]?.decisions ?? []).find((d) => d.guardId === 'redactor')?.action, 'transform');
  });

  it('a block at the final window check ends with content_filter and audits filtered', async () => {
    const up = streamOf(
      chunk({ role: 'assistant', content: 'all of this is forbidden' }),
      chunk({}, { finish: 'stop' }),
      usage(2, 4),
      '[DONE]',
    );
    const h = harness({ up, guards: [blocker({ finalOnly: true })], body: { ...BODY } });
    await run(h);
    assert.deepEqual(finishes(h), [[0, 'content_filter']]);
    assert.ok(!assembled(h).includes('forbidden'));
    assert.deepEqual(lastChunk(h).warden, {
      code: 'WARDEN_CONTENT_FILTERED',
      guard: 'blocker',
      reason: 'topic not allowed',
    });
    assert.deepEqual(lastChunk(h).choices, [{ index: 0, delta: {}, finish_reason: 'content_filter' }]);
    assert.equal(lastChunk(h).id, 'c1');
    assert.equal(h.res.events().at(-1), '[DONE]');
    assert.equal(h.res.ended, true);
    assert.equal(h.exchange.outcome, 'filtered');
    assert.equal(h.exchange.code, 'WARDEN_CONTENT_FILTERED');
    assert.equal(h.exchange.status, 200);
    assert.equal(h.audit[0]?.outcome, 'filtered');
    assert.equal(h.audit[0]?.code, 'WARDEN_CONTENT_FILTERED');
    assert.equal((h.audit[0]?.decisions ?? []).find((d) => d.guardId === 'blocker')?.action, 'block');
    assert.equal(h.finalized.endedBefore, false);
  });

  it('a block at the final check of a stream that ends at [DONE] without a finish is content_filter too', async () => {
    const up = streamOf(chunk({ role: 'assistant', content: 'so forbidden' }), '[DONE]');
    const h = harness({ up, guards: [blocker({ finalOnly: true })], body: { ...BODY } });
    await run(h);
    assert.deepEqual(finishes(h), [[0, 'content_filter']]);
    assert.ok(!h.res.body.includes('forbidden'));
    assert.equal(h.res.events().filter((e) => e === '[DONE]').length, 1);
    assert.equal(h.exchange.outcome, 'filtered');
    assert.equal(h.audit[0]?.outcome, 'filtered');
  });

  it('a block mid-stream ends the stream there: later upstream chunks never reach the client', async () => {
    const up = streamOf(
      chunk({ role: 'assistant', content: 'fine start, ' }),
      chunk({ content: 'now forbidden stuff follows' }),
      chunk({ content: 'more after the block' }),
      chunk({}, { finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [blocker()], body: { ...BODY } });
    await run(h);
    assert.ok(!h.res.body.includes('more after'));
    assert.ok(!h.res.body.includes('forbidden'));
    assert.deepEqual(finishes(h), [[0, 'content_filter']]);
    assert.equal(h.exchange.outcome, 'filtered');
    assert.equal(up.body.destroyed, true);
  });

  it('guards each of n > 1 choices in its own window; a block finishes every open choice', async () => {
    const seen: OutputView[] = [];
    const up = streamOf(
      chunk({ role: 'assistant', content: 'first choice text' }, { index: 0 }),
      chunk({ role: 'assistant', content: 'second is forbidden' }, { index: 1 }),
      chunk({}, { index: 0, finish: 'stop' }),
      chunk({}, { index: 1, finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [blocker({ finalOnly: true, seen })], body: { ...BODY, n: 2 } });
    await run(h);
    assert.equal(assembled(h, 0), 'first choice text');
    // the window held back the end of choice 1 until its final check, which blocked
    assert.ok(!assembled(h, 1).includes('forbidden'));
    const byChoice = new Map<number, string>();
    for (const v of seen) byChoice.set(v.choiceIndex, v.text);
    assert.equal(byChoice.get(0), 'first choice text');
    assert.equal(byChoice.get(1), 'second is forbidden');
    // choice 0 ended normally, choice 1 was filtered, and the filter is said for both
    assert.deepEqual(finishes(h), [
      [0, 'stop'],
      [0, 'content_filter'],
      [1, 'content_filter'],
    ]);
    assert.equal(h.exchange.outcome, 'filtered');
  });

  it('the answer window keeps the request context; reasoning and refusal windows guard a copy of it', async () => {
    // Each window stores the last text it saw in the context's state: only the answer's reaches the request's.
    const recorder = guard(
      'recorder',
      'response',
      (ctx) => {
        ctx.state.set('last-text', (ctx.output as OutputView).text);
        return allow('recorder');
      },
      { holdBack: 4 },
    );
    const up = streamOf(
      chunk({ role: 'assistant', reasoning_content: 'thinking hard' }),
      chunk({ content: 'the answer' }),
      chunk({ refusal: 'a refusal' }),
      chunk({}, { finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [recorder], body: { ...BODY } });
    h.ctx.state.set('from-request', 'kept');
    await run(h);
    assert.equal(h.ctx.state.get('last-text'), 'the answer');
    assert.equal((h.ctx.output as OutputView).text, 'the answer');
    assert.equal(h.ctx.state.get('from-request'), 'kept');
    assert.equal(assembled(h, 0, 'reasoning_content'), 'thinking hard');
    assert.equal(assembled(h, 0, 'refusal'), 'a refusal');
  });

  it('a block after a choice finished without text does not finish it again; an open one is finished', async () => {
    const up = streamOf(
      chunk({ role: 'assistant' }, { index: 0, finish: 'stop' }),
      chunk({ role: 'assistant' }, { index: 2 }),
      chunk({ content: 'this is forbidden' }, { index: 1 }),
      '[DONE]',
    );
    const h = harness({ up, guards: [blocker()], body: { ...BODY, n: 3 } });
    await run(h);
    assert.deepEqual(finishes(h), [
      [0, 'stop'],
      [2, 'content_filter'],
      [1, 'content_filter'],
    ]);
    assert.equal(h.exchange.outcome, 'filtered');
  });

  it('a block after a choice finished with stop sends a second, content_filter finish for it (n > 1)', async () => {
    // What a client sees today: choice 0 arrives whole with `stop`, then the block finishes it again.
    const up = streamOf(
      chunk({ role: 'assistant', content: 'zero is fine' }, { index: 0 }),
      chunk({}, { index: 0, finish: 'stop' }),
      chunk({ role: 'assistant', content: 'one is forbidden' }, { index: 1 }),
      '[DONE]',
    );
    const h = harness({ up, guards: [blocker()], body: { ...BODY, n: 2 } });
    await run(h);
    assert.equal(assembled(h, 0), 'zero is fine');
    const tail = h.res.events().slice(-3);
    assert.deepEqual(tail, [
      {
        id: 'c1',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: 0, delta: {}, finish_reason: 'content_filter' }],
        warden: { code: 'WARDEN_CONTENT_FILTERED', guard: 'blocker', reason: 'topic not allowed' },
      },
      {
        id: 'c1',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: 1, delta: {}, finish_reason: 'content_filter' }],
        warden: { code: 'WARDEN_CONTENT_FILTERED', guard: 'blocker', reason: 'topic not allowed' },
      },
      '[DONE]',
    ]);
    assert.deepEqual(finishes(h), [
      [0, 'stop'],
      [0, 'content_filter'],
      [1, 'content_filter'],
    ]);
  });

  it('an upstream that ends without [DONE] while one of n choices is open is an aborted stream', async () => {
    const up = streamOf(
      chunk({ content: 'zero' }, { index: 0, finish: 'stop' }),
      chunk({ content: 'one goes on' }, { index: 1 }),
    );
    const h = harness({ up, body: { ...BODY, n: 2 } });
    await run(h);
    const events = h.res.events();
    assert.equal(events.at(-1), '[DONE]');
    assert.equal((events.at(-2) as { error: { code: string } }).error.code, 'WARDEN_UPSTREAM_STREAM_ABORTED');
    assert.equal(h.exchange.outcome, 'error');
    assert.equal(h.audit[0]?.code, 'WARDEN_UPSTREAM_STREAM_ABORTED');

    const meta = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const noChoice = harness({ up: streamOf(meta), body: { ...BODY } });
    await run(noChoice);
    assert.equal(
      (noChoice.res.events().at(-2) as { error: { code: string } }).error.code,
      'WARDEN_UPSTREAM_STREAM_ABORTED',
    );
  });

  it('redacts per choice: n > 1 choices never share a window', async () => {
    const up = streamOf(
      chunk({ content: 'zero SECRET-1 zero' }, { index: 0 }),
      chunk({ content: 'one says nothing' }, { index: 1 }),
      chunk({}, { index: 1, finish: 'stop' }),
      chunk({}, { index: 0, finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [redactor], body: { ...BODY, n: 2 } });
    await run(h);
    assert.equal(assembled(h, 0), 'zero [REDACTED] zero');
    assert.equal(assembled(h, 1), 'one says nothing');
    assert.deepEqual(finishes(h), [
      [1, 'stop'],
      [0, 'stop'],
    ]);
  });

  it('releases held text when the upstream sends [DONE] without finishing the choice', async () => {
    const up = streamOf(chunk({ content: 'short SECRET-9' }), '[DONE]');
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'short [REDACTED]');
    assert.equal(h.res.events().at(-1), '[DONE]');
    assert.equal(h.exchange.outcome, 'ok');
  });

  it('ignores chunks of a choice after its finish', async () => {
    const up = streamOf(
      chunk({ content: 'done' }, { finish: 'stop' }),
      chunk({ content: 'late SECRET-5 text' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'done');
  });

  it('drops unknown chunk, choice and delta fields when guards run; passes them without guards', async () => {
    const odd = { ...chunk({ content: 'x', x_delta: 'hidden' }, { finish: 'stop' }), x_top: 'carried' };
    (odd.choices as Record<string, unknown>[])[0]!.x_choice = 'also';
    const guarded = harness({ up: streamOf(odd, '[DONE]'), guards: [redactor], body: { ...BODY } });
    await run(guarded);
    assert.ok(!guarded.res.body.includes('carried'));
    assert.ok(!guarded.res.body.includes('hidden'));
    assert.ok(!guarded.res.body.includes('also'));
    assert.equal(assembled(guarded), 'x');

    const tools = harness({ up: streamOf(odd, '[DONE]'), guards: [toolGuard('allow')], body: { ...BODY } });
    await run(tools);
    assert.ok(!tools.res.body.includes('carried'));

    const bare = harness({ up: streamOf(odd, '[DONE]'), body: { ...BODY } });
    await run(bare);
    assert.ok(bare.res.body.includes('carried'));
    assert.ok(bare.res.body.includes('hidden'));
    assert.ok(bare.res.body.includes('also'));
  });

  it('forwards a chunk without a choices list (metadata) and skips empty deltas', async () => {
    const meta = { id: 'meta-1', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const up = streamOf(meta, chunk({ content: '' }), chunk({ content: 'x' }, { finish: 'stop' }), '[DONE]');
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    const chunks = h.res.chunks();
    assert.deepEqual(chunks[0], { ...meta, choices: [] });
    assert.equal(chunks.length, 2);
    assert.equal(assembled(h), 'x');
  });

  it('fails closed before the stream starts: upstream error status, scrubbed', async () => {
    const up = fakeUpstream({
      status: 429,
      headers: { 'content-type': 'application/json' },
      parts: [JSON.stringify({ error: { message: `slow down ${UPSTREAM_SECRET}` } })],
    });
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await assert.rejects(run(h), (err: WardenError) => {
      assert.equal(err.code, 'WARDEN_UPSTREAM_ERROR');
      assert.equal(err.status, 429);
      assert.ok(err.message.includes('slow down'));
      assert.ok(!err.message.includes(UPSTREAM_SECRET));
      return true;
    });
    assert.equal(h.res.headersSent, false);
    assert.deepEqual(
      h.upstreamMetrics.map((m) => [m.upstream, m.status]),
      [['up1', 429]],
    );
  });

  it('bounds the error body it reads from a failing upstream', async () => {
    const up = fakeUpstream({ status: 400, parts: ['x'.repeat(200 * 1024), 'y'.repeat(100 * 1024)] });
    const h = harness({ up, body: { ...BODY } });
    await assert.rejects(run(h), { code: 'WARDEN_UPSTREAM_BAD_RESPONSE' });
    const fits = harness({
      up: fakeUpstream({ status: 400, parts: ['x'.repeat(200 * 1024)] }),
      body: { ...BODY },
    });
    await assert.rejects(run(fits), { code: 'WARDEN_UPSTREAM_ERROR' });
  });

  it('fails closed when the upstream does not answer with an event stream', async () => {
    const up = fakeUpstream({ headers: { 'content-type': 'application/json' }, parts: ['{"choices":[]}'] });
    const h = harness({ up, body: { ...BODY } });
    await assert.rejects(run(h), {
      code: 'WARDEN_UPSTREAM_BAD_RESPONSE',
      message: "Upstream 'up1' sent a response Warden could not parse",
    });
    assert.equal(up.body.dumped, true);
    assert.equal(h.res.headersSent, false);
    const none = harness({ up: fakeUpstream({ parts: [sse(chunk({ content: 'x' }))] }), body: { ...BODY } });
    await assert.rejects(run(none), { code: 'WARDEN_UPSTREAM_BAD_RESPONSE' });
  });

  it('fails closed on a malformed first event (an OpenAI error before any byte)', async () => {
    for (const data of ['{not json', 'null', '7']) {
      const h = harness({ up: streamOf(data), body: { ...BODY } });
      await assert.rejects(run(h), { code: 'WARDEN_UPSTREAM_BAD_RESPONSE' }, data);
      assert.equal(h.res.headersSent, false, data);
    }
    const err = harness({ up: streamOf({ error: { message: 'boom' } }), body: { ...BODY } });
    await assert.rejects(run(err), { code: 'WARDEN_UPSTREAM_ERROR' });
  });

  it('ends a started stream with an OpenAI-shaped error event on malformed JSON, audited as error', async () => {
    const up = streamOf(chunk({ role: 'assistant', content: 'partial' }), '{broken');
    const h = harness({ up, body: { ...BODY } });
    await run(h);
    const events = h.res.events();
    assert.equal(events.at(-1), '[DONE]');
    const error = events.at(-2) as { error: Record<string, unknown> };
    assert.deepEqual(error.error, {
      message: "Upstream 'up1' sent a response Warden could not parse",
      type: 'upstream_error',
      param: null,
      code: 'WARDEN_UPSTREAM_BAD_RESPONSE',
    });
    assert.equal(h.res.ended, true);
    assert.equal(h.exchange.outcome, 'error');
    assert.equal(h.exchange.code, 'WARDEN_UPSTREAM_BAD_RESPONSE');
    assert.equal(h.exchange.status, 200);
    assert.equal(h.audit[0]?.outcome, 'error');
  });

  it('ends a started stream with an error event when the upstream reports an error mid-stream', async () => {
    const up = streamOf(
      chunk({ content: 'partial' }),
      { error: { message: 'overloaded' } },
      chunk({ content: 'never' }),
    );
    const h = harness({ up, body: { ...BODY } });
    await run(h);
    const error = h.res.events().at(-2) as { error: Record<string, unknown> };
    assert.equal(error.error.code, 'WARDEN_UPSTREAM_ERROR');
    assert.equal(error.error.message, "Upstream 'up1' answered with HTTP 200");
    assert.ok(!h.res.body.includes('overloaded'));
    assert.ok(!h.res.body.includes('never'));
    assert.equal(h.audit[0]?.outcome, 'error');
  });

  it('treats an upstream that stops without [DONE] or a finish as an aborted stream', async () => {
    const up = streamOf(chunk({ content: 'a partial answer whose tail stays held' }));
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    const error = h.res.events().at(-2) as { error: Record<string, unknown> };
    assert.equal(error.error.code, 'WARDEN_UPSTREAM_STREAM_ABORTED');
    assert.equal(error.error.message, "Upstream 'up1' ended the stream early");
    assert.equal(h.exchange.outcome, 'error');
    assert.equal(h.audit[0]?.code, 'WARDEN_UPSTREAM_STREAM_ABORTED');
    // what the window still held never went out after the failure
    assert.equal(assembled(h), 'a partial answer whose');

    const silent = harness({ up: fakeUpstream({ headers: SSE, parts: [] }), body: { ...BODY } });
    await assert.rejects(run(silent), { code: 'WARDEN_UPSTREAM_STREAM_ABORTED' });
  });

  it('ends normally without [DONE] when every choice finished', async () => {
    const up = streamOf(chunk({ content: 'whole SECRET-3' }), chunk({}, { finish: 'stop' }));
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'whole [REDACTED]');
    assert.equal(h.res.events().at(-1), '[DONE]');
    assert.equal(h.exchange.outcome, 'ok');
    assert.equal(h.audit[0]?.outcome, 'ok');
  });

  it('reads a last event that lacks its blank line', async () => {
    const text = `${sse(chunk({ content: 'a' }, { finish: 'stop' }))}data: [DONE]`;
    const h = harness({ up: fakeUpstream({ headers: SSE, parts: [text] }), body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'a');
    assert.equal(h.res.events().filter((e) => e === '[DONE]').length, 1);
    assert.equal(h.exchange.outcome, 'ok');
    const broken = `${sse(chunk({ content: 'a' }))}data: {broken`;
    const b = harness({ up: fakeUpstream({ headers: SSE, parts: [broken] }), body: { ...BODY } });
    await run(b);
    assert.equal(
      (b.res.events().at(-2) as { error: { code: string } }).error.code,
      'WARDEN_UPSTREAM_BAD_RESPONSE',
    );
  });

  it('maps an upstream body failure mid-stream to an error event', async () => {
    const up = fakeUpstream({
      headers: SSE,
      parts: [sse(chunk({ content: 'partial' }))],
      failWith: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
    });
    const h = harness({ up, body: { ...BODY } });
    await run(h);
    assert.equal(
      (h.res.events().at(-2) as { error: { code: string } }).error.code,
      'WARDEN_UPSTREAM_UNAVAILABLE',
    );
    const early = fakeUpstream({
      headers: SSE,
      parts: [],
      failWith: Object.assign(new Error('r'), { code: 'ECONNRESET' }),
    });
    const e = harness({ up: early, body: { ...BODY } });
    await assert.rejects(run(e), { code: 'WARDEN_UPSTREAM_UNAVAILABLE' });
  });

  it('fails closed on an oversized SSE event', async () => {
    const up = fakeUpstream({
      headers: SSE,
      parts: [sse(chunk({ content: 'a' })), `data: ${'x'.repeat(8 * 1024 * 1024 + 1)}`],
    });
    const h = harness({ up, body: { ...BODY } });
    await run(h);
    const error = h.res.events().at(-2) as { error: { code: string; message: string } };
    assert.equal(error.error.code, 'WARDEN_UPSTREAM_BAD_RESPONSE');
    assert.equal(error.error.message, "Upstream 'up1' sent a response Warden could not parse");
  });

  it('records only the audit when the client is already gone', async () => {
    const up = streamOf(chunk({ content: 'partial' }), '{broken');
    const h = harness({ up, body: { ...BODY } });
    const origWrite = h.res.write.bind(h.res);
    h.res.write = (t: string) => {
      const ok = origWrite(t);
      h.res.destroyed = true;
      return ok;
    };
    await run(h);
    assert.equal(h.res.writes.length, 1);
    assert.equal(h.audit[0]?.outcome, 'error');
    assert.equal(h.res.ended, false);
  });

  it('waits for drain when the client is slow', async () => {
    const up = streamOf(chunk({ content: 'a' }), chunk({ content: 'b' }, { finish: 'stop' }), '[DONE]');
    const h = harness({ up, body: { ...BODY } });
    h.res.fullWrites = 2;
    await run(h);
    assert.equal(assembled(h), 'ab');
    assert.equal(h.res.fullWrites, 0);
    assert.equal(h.res.events().at(-1), '[DONE]');
  });

  it('does not wait for drain on a client that is gone', async () => {
    const up = streamOf(chunk({ content: 'a' }), chunk({ content: 'b' }, { finish: 'stop' }), '[DONE]');
    const h = harness({ up, body: { ...BODY } });
    const write = h.res.write.bind(h.res);
    h.res.write = (t: string) => {
      write(t);
      h.res.destroyed = true;
      return false;
    };
    await run(h);
    assert.equal(h.res.ended, true);
    assert.equal(h.audit[0]?.outcome, 'ok');
  });

  it('stops waiting for a client that never drains when the request is cancelled', async () => {
    const up = streamOf(chunk({ content: 'a' }), chunk({ content: 'b' }, { finish: 'stop' }), '[DONE]');
    const h = harness({ up, body: { ...BODY } });
    const write = h.res.write.bind(h.res);
    h.res.write = (t: string) => {
      write(t);
      return false;
    };
    const deadline = new WardenError('WARDEN_UPSTREAM_TIMEOUT', { upstream: 'up1', phase: 'total' });
    setTimeout(() => h.call.cancel.abort(deadline), 20);
    await run(h); // settles: the error event after the cancellation waits for no drain
    assert.equal(h.res.ended, true);
    assert.equal(h.exchange.outcome, 'error');
    assert.equal(h.audit[0]?.code, 'WARDEN_UPSTREAM_TIMEOUT');
    const tail = h.res.events().slice(-2);
    assert.equal((tail[0] as { error: { code: string } }).error.code, 'WARDEN_UPSTREAM_TIMEOUT');
    assert.equal(tail[1], '[DONE]', 'the stream still ends with [DONE]');
  });

  it('emits checked tool calls whole, before the finish chunk', async () => {
    const seen: ToolCallView[][] = [];
    const h = harness({
      up: streamOf(...toolDeltas, '[DONE]'),
      guards: [toolGuard('allow', seen)],
      body: { ...BODY },
    });
    await run(h);
    assert.deepEqual(seen, [[{ id: 'c1', name: 'rm', arguments: '{"path":"/"}', choiceIndex: 0 }]]);
    const calls = h.res
      .chunks()
      .flatMap((c) =>
        (c.choices ?? []).map((ch) => (ch.delta as Record<string, unknown>)?.tool_calls).filter(Boolean),
      );
    assert.deepEqual(calls, [
      [{ index: 0, id: 'c1', type: 'function', function: { name: 'rm', arguments: '{"path":"/"}' } }],
    ]);
    const last = lastChunk(h).choices?.[0] as Record<string, unknown>;
    assert.equal(last.finish_reason, 'tool_calls');
    assert.ok((last.delta as Record<string, unknown>).tool_calls);
    assert.equal(h.exchange.outcome, 'ok');
    assert.equal(
      (h.audit[0]?.decisions ?? []).some((d) => d.guardId === 'tools'),
      true,
    );
  });

  it('emits the guards\u2019 patched tool calls, never the original', async () => {
    const h = harness({
      up: streamOf(...toolDeltas, '[DONE]'),
      guards: [toolGuard('patch')],
      body: { ...BODY },
    });
    await run(h);
    assert.ok(!h.res.body.includes('\\"/\\"'));
    const last = lastChunk(h).choices?.[0] as {
      delta: { tool_calls: { function: { arguments: string } }[] };
    };
    assert.equal(last.delta.tool_calls[0]?.function.arguments, '{"path":"/tmp"}');
  });

  it('assembles a legacy function_call and checks it on the tool-call path', async () => {
    const seen: ToolCallView[][] = [];
    const up = streamOf(
      chunk({ role: 'assistant', function_call: { name: 'rm', arguments: '{"a":' } }),
      chunk({ function_call: { arguments: '1}' } }),
      chunk({}, { finish: 'function_call' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [toolGuard('allow', seen)], body: { ...BODY } });
    await run(h);
    assert.equal(seen[0]?.[0]?.name, 'rm');
    assert.equal(seen[0]?.[0]?.arguments, '{"a":1}');
    const last = lastChunk(h).choices?.[0] as { delta: Record<string, unknown> };
    assert.deepEqual(last.delta.function_call, { name: 'rm', arguments: '{"a":1}' });
  });

  it('a blocked tool call never reaches the client: content_filter, audited filtered', async () => {
    const h = harness({
      up: streamOf(...toolDeltas, '[DONE]'),
      guards: [toolGuard('block')],
      body: { ...BODY },
    });
    await run(h);
    assert.ok(!h.res.body.includes('"rm"'));
    assert.deepEqual(finishes(h), [[0, 'content_filter']]);
    assert.equal(lastChunk(h).warden && (lastChunk(h).warden as { guard: string }).guard, 'tools');
    assert.equal(h.exchange.outcome, 'filtered');
    assert.equal(h.audit[0]?.outcome, 'filtered');
  });

  it('withholds a tool call that needs approval when no approval queue is wired', async () => {
    const h = harness({
      up: streamOf(...toolDeltas, '[DONE]'),
      guards: [toolGuard('approve')],
      body: { ...BODY },
    });
    await run(h);
    assert.ok(!h.res.body.includes('"rm"'));
    assert.deepEqual(finishes(h), [[0, 'content_filter']]);
    assert.equal((lastChunk(h).warden as { code: string }).code, 'WARDEN_APPROVAL_DENIED');
    assert.equal(h.exchange.outcome, 'filtered');
    assert.equal(h.exchange.code, 'WARDEN_APPROVAL_DENIED');
    assert.equal(h.audit[0]?.outcome, 'filtered');
  });

  it('ends a held tool call as a completion saying approval is pending', async () => {
    const approvals = fakeApprovals(pendingHold);
    const h = harness({
      up: streamOf(...toolDeltas, '[DONE]'),
      guards: [toolGuard('approve')],
      approvals,
      body: { ...BODY },
    });
    h.call.approvalIds = ['ap_0'];
    await run(h);
    assert.equal(h.res.body.includes('tool_calls'), false);
    assert.match(assembled(h), /ap_1/);
    assert.deepEqual(finishes(h), [[0, 'stop']]);
    assert.equal((lastChunk(h).warden as { code: string }).code, 'WARDEN_APPROVAL_REQUIRED');
    assert.equal(h.exchange.outcome, 'pending');
    assert.equal(h.exchange.code, 'WARDEN_APPROVAL_REQUIRED');
    assert.equal(h.audit[0]?.outcome, 'pending');
    assert.deepEqual(approvals.asked[0]?.approvalIds, ['ap_0']);
    assert.equal(approvals.asked[0]?.calls[0]?.name, 'rm');
  });

  it('releases a tool call once it is approved', async () => {
    const approvals = fakeApprovals({ kind: 'release' });
    const h = harness({
      up: streamOf(...toolDeltas, '[DONE]'),
      guards: [toolGuard('approve')],
      approvals,
      body: { ...BODY },
    });
    await run(h);
    const last = lastChunk(h).choices?.[0] as { delta: { tool_calls: unknown[] }; finish_reason: string };
    assert.equal(last.finish_reason, 'tool_calls');
    assert.equal(last.delta.tool_calls.length, 1);
    assert.equal(h.exchange.outcome, 'ok');
  });

  it('keeps the idle stream alive with SSE comments while a call is held', async () => {
    const approvals = {
      asked: [],
      hold: () => new Promise<HoldOutcome>((resolve) => setTimeout(() => resolve({ kind: 'release' }), 350)),
    } as unknown as Parameters<typeof harness>[0]['approvals'];
    const up = streamOf(chunk({ role: 'assistant', content: 'calling' }), ...toolDeltas.slice(0), '[DONE]');
    const h = harness({
      up,
      guards: [toolGuard('approve')],
      approvals,
      body: { ...BODY },
      config: { approvals: { keepAliveMs: 100 } },
    });
    await run(h);
    assert.ok(h.res.writes.some((w) => w === ': awaiting approval\n\n'));
    assert.equal(h.res.events().at(-1), '[DONE]');
  });

  it('sends no keep-alive to a client that went away while the call is held', async () => {
    let h: Harness | undefined;
    const approvals = {
      asked: [],
      hold: () => {
        if (h) h.res.destroyed = true;
        return new Promise<HoldOutcome>((resolve) => setTimeout(() => resolve(pendingHold), 350));
      },
    } as unknown as Parameters<typeof harness>[0]['approvals'];
    h = harness({
      up: streamOf(chunk({ role: 'assistant', content: 'calling' }), ...toolDeltas, '[DONE]'),
      guards: [toolGuard('approve')],
      approvals,
      body: { ...BODY },
      config: { approvals: { keepAliveMs: 100 } },
    });
    await run(h);
    assert.equal(
      h.res.writes.some((w) => w.startsWith(': awaiting approval')),
      false,
    );
    assert.equal(h.audit[0]?.outcome, 'pending');
  });

  it('stops the keep-alive when the approval hold fails', async () => {
    const approvals = {
      asked: [],
      hold: () =>
        new Promise<HoldOutcome>((_resolve, reject) =>
          setTimeout(() => reject(new Error('approval store down')), 250),
        ),
    } as unknown as Parameters<typeof harness>[0]['approvals'];
    const h = harness({
      up: streamOf(chunk({ role: 'assistant', content: 'calling' }), ...toolDeltas, '[DONE]'),
      guards: [toolGuard('approve')],
      approvals,
      body: { ...BODY },
      config: { approvals: { keepAliveMs: 100 } },
    });
    let attempts = 0;
    const write = h.res.write.bind(h.res);
    h.res.write = (t: string) => {
      attempts++;
      return write(t);
    };
    await run(h);
    assert.ok(h.res.writes.some((w) => w === ': awaiting approval\n\n'));
    assert.equal(h.res.ended, true);
    assert.equal(h.exchange.outcome, 'error');
    assert.ok(!h.res.body.includes('"rm"'));
    // Warden's own failure, not the upstream's: the client and the audit do not blame the upstream
    const error = (h.res.events().at(-2) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'WARDEN_INTERNAL');
    assert.doesNotMatch(error.message, /approval store down/);
    assert.equal(h.exchange.code, 'WARDEN_INTERNAL');
    const after = attempts;
    await new Promise((resolve) => setTimeout(resolve, 250));
    // a keep-alive still running would try to write to the ended response
    assert.equal(attempts, after);
  });

  it('releases logprobs with the finish when no text changed, and drops them when one did', async () => {
    const lp = (token: string) => ({
      content: [{ token, logprob: -0.1, bytes: null, top_logprobs: [] }],
      refusal: null,
    });
    const clean = streamOf(
      {
        ...chunk({ content: 'plain' }),
        choices: [{ index: 0, delta: { content: 'plain' }, logprobs: lp('plain'), finish_reason: null }],
      },
      chunk({}, { finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up: clean, guards: [redactor], body: { ...BODY } });
    await run(h);
    const withLp = h.res
      .chunks()
      .flatMap((c) => c.choices ?? [])
      .filter((ch) => ch.logprobs);
    assert.equal(withLp.length, 1);
    assert.equal(withLp[0]?.finish_reason, 'stop');
    assert.deepEqual(withLp[0]?.logprobs, lp('plain'));

    const dirty = streamOf(
      {
        ...chunk({}),
        choices: [
          { index: 0, delta: { content: 'SECRET-1' }, logprobs: lp('SECRET-1'), finish_reason: null },
        ],
      },
      chunk({}, { finish: 'stop' }),
      '[DONE]',
    );
    const d = harness({ up: dirty, guards: [redactor], body: { ...BODY } });
    await run(d);
    assert.ok(!d.res.body.includes('SECRET'));
    assert.equal(
      d.res.chunks().some((c) => (c.choices ?? []).some((ch) => ch.logprobs)),
      false,
    );

    const blocked = streamOf(
      {
        ...chunk({}),
        choices: [
          {
            index: 0,
            delta: { content: 'fine' },
            logprobs: { content: [{ token: 'forbidden', logprob: 0, top_logprobs: [] }], refusal: null },
            finish_reason: null,
          },
        ],
      },
      chunk({}, { finish: 'stop' }),
      '[DONE]',
    );
    const b = harness({ up: blocked, guards: [blocker()], body: { ...BODY } });
    await run(b);
    assert.deepEqual(finishes(b), [[0, 'content_filter']]);
    assert.ok(!b.res.body.includes('forbidden'));
  });

  it('releases logprobs at [DONE] for a choice that never finished', async () => {
    const lp = { content: [{ token: 'x', logprob: -1, bytes: null, top_logprobs: [] }], refusal: null };
    const up = streamOf(
      { ...chunk({}), choices: [{ index: 0, delta: { content: 'x' }, logprobs: lp, finish_reason: null }] },
      '[DONE]',
    );
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    const withLp = h.res
      .chunks()
      .flatMap((c) => c.choices ?? [])
      .filter((ch) => ch.logprobs);
    assert.deepEqual(withLp[0]?.logprobs, lp);
    assert.equal(assembled(h), 'x');
  });

  it('passes rebuilt logprobs through when no response guard runs', async () => {
    const lp = {
      content: [{ token: 'x', logprob: -1, bytes: null, top_logprobs: [], extra: 'drop me' }],
      refusal: null,
    };
    const up = streamOf(
      { ...chunk({}), choices: [{ index: 0, delta: { content: 'x' }, logprobs: lp, finish_reason: 'stop' }] },
      '[DONE]',
    );
    const h = harness({ up, guards: [toolGuard('allow')], body: { ...BODY } });
    await run(h);
    const withLp = h.res
      .chunks()
      .flatMap((c) => c.choices ?? [])
      .filter((ch) => ch.logprobs);
    assert.deepEqual(withLp[0]?.logprobs, {
      content: [{ token: 'x', logprob: -1, bytes: null, top_logprobs: [] }],
      refusal: null,
    });
  });

  it('guards a completions stream through its text slot', async () => {
    const c = (text: string, finish: string | null = null) => ({
      id: 'x',
      object: 'text_completion',
      choices: [{ index: 0, text, finish_reason: finish }],
    });
    const up = streamOf(c('a SECRET-12 b'), c('', 'stop'), '[DONE]');
    const h = harness({
      up,
      route: 'completions',
      guards: [redactor],
      body: { model: 'm', prompt: 'p', stream: true },
    });
    await run(h);
    assert.equal(h.up.calls[0]?.path, '/completions');
    assert.equal(assembled(h, 0, 'text'), 'a [REDACTED] b');
    assert.deepEqual(finishes(h), [[0, 'stop']]);

    const f = harness({
      up: streamOf(c('so forbidden'), c('', 'stop'), '[DONE]'),
      route: 'completions',
      guards: [blocker()],
      body: { model: 'm', prompt: 'p', stream: true },
    });
    await run(f);
    assert.deepEqual(lastChunk(f).choices, [{ index: 0, text: '', finish_reason: 'content_filter' }]);
  });

  it('guards reasoning text in its own window', async () => {
    const up = streamOf(
      chunk({ role: 'assistant', reasoning_content: 'think SECRET-8' }),
      chunk({ content: 'answer' }),
      chunk({}, { finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h, 0, 'reasoning_content'), 'think [REDACTED]');
    assert.equal(assembled(h, 0, 'content'), 'answer');
  });

  it('reads a dialect upstream into chat chunks and hands them to the client shape', async () => {
    const up = fakeUpstream({ headers: SSE, parts: ['data: A\n\ndata: B\n\ndata: END\n\n'] });
    const h = harness({
      up,
      guards: [redactor],
      body: { ...BODY },
      dialect: {
        path: '/responses',
        body: (chat) => ({ input: chat.messages, so: chat.stream_options }),
        answer: (j) => j,
        events: (d) =>
          d === 'A'
            ? [JSON.stringify(chunk({ content: 'one SECRET-2 ' }))]
            : d === 'B'
              ? [JSON.stringify(chunk({ content: 'two' })), JSON.stringify(chunk({}, { finish: 'stop' }))]
              : ['[DONE]'],
      },
      shape: {
        json: (a) => a,
        chunk: (c) => `event: x\ndata: ${JSON.stringify(c)}\n\n`,
        end: () => 'event: end\n\n',
        error: (e) => `event: error\ndata: ${JSON.stringify(e)}\n\n`,
      },
    });
    await run(h);
    assert.equal(up.calls[0]?.path, '/responses');
    assert.deepEqual(up.calls[0]?.body.so, { include_usage: true });
    assert.ok(h.res.body.includes('event: x\n'));
    assert.ok(h.res.body.endsWith('event: end\n\n'));
    assert.ok(!h.res.body.includes('[DONE]'));
    assert.ok(!h.res.body.includes('SECRET'));
    assert.equal(h.exchange.outcome, 'ok');
  });

  it('ends a shaped stream with the shape\u2019s error event, and a shaped block with its end', async () => {
    const shape = {
      json: (a: Record<string, unknown>) => a,
      chunk: (c: Record<string, unknown>) => `data: ${JSON.stringify(c)}\n\n`,
      end: () => 'event: end\n\n',
      error: (e: { error: { code: string | null } }) => `event: error\ndata: ${e.error.code}\n\n`,
    };
    const h = harness({ up: streamOf(chunk({ content: 'x' }), '{bad'), shape, body: { ...BODY } });
    await run(h);
    assert.ok(h.res.body.endsWith('event: error\ndata: WARDEN_UPSTREAM_BAD_RESPONSE\n\n'));
    assert.ok(!h.res.body.includes('[DONE]'));
    const b = harness({
      up: streamOf(chunk({ content: 'forbidden' }), '[DONE]'),
      shape,
      guards: [blocker()],
      body: { ...BODY },
    });
    await run(b);
    assert.ok(b.res.body.endsWith('event: end\n\n'));
    assert.deepEqual(finishes(b), [[0, 'content_filter']]);
  });

  it('notes the answering model and finish reasons for a trace', async () => {
    const up = streamOf({ ...chunk({ content: 'a' }, { finish: 'stop' }), model: 'm-2' }, '[DONE]');
    const h = harness({ up, trace: true, body: { ...BODY } });
    await run(h);
    assert.equal(h.exchange.responseModel, 'm-2');
    assert.deepEqual(h.exchange.finishReasons, ['stop']);
  });

  it('cuts a stream off before [DONE] when its audit record cannot be written', async () => {
    const h = harness({
      up: streamOf(chunk({ content: 'a' }, { finish: 'stop' }), '[DONE]'),
      auditFails: true,
      body: { ...BODY },
    });
    await assert.rejects(run(h), /audit unavailable/);
    assert.ok(!h.res.body.includes('[DONE]'));
  });

  it('asks for usage with a clean stream_options when the client sent a non-object', async () => {
    const h = harness({
      up: streamOf(chunk({ content: 'a' }, { finish: 'stop' }), '[DONE]'),
      body: { ...BODY, stream_options: 'junk' },
    });
    await run(h);
    assert.deepEqual(h.up.calls[0]?.body.stream_options, { include_usage: true });
  });

  it('keeps usage seen earlier when later chunks carry none', async () => {
    const withUsage = {
      ...chunk({ content: 'x' }),
      usage: { prompt_tokens: 4, completion_tokens: 1, total_tokens: 5 },
    };
    const h = harness({
      up: streamOf(withUsage, chunk({}, { finish: 'stop' }), '[DONE]'),
      body: { ...BODY },
    });
    await run(h);
    assert.deepEqual(h.exchange.usage, { promptTokens: 4, completionTokens: 1, totalTokens: 5 });
    assert.deepEqual(h.released, [{ promptTokens: 4, completionTokens: 1, totalTokens: 5 }]);
  });

  it('a stripped usage-only chunk mid-stream does not end the stream', async () => {
    const up = streamOf(
      chunk({ content: 'a' }),
      usage(1, 1),
      chunk({ content: 'b' }, { finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up, body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'ab');
    assert.deepEqual(finishes(h), [[0, 'stop']]);
    assert.equal(h.audit[0]?.outcome, 'ok');
  });

  it('reads nothing after [DONE], a block or an error event', async () => {
    const late = chunk({ content: 'late words' }, { index: 1 });
    const done = harness({
      up: streamOf(chunk({ content: 'a' }, { finish: 'stop' }), '[DONE]', late),
      body: { ...BODY },
    });
    await run(done);
    assert.ok(!done.res.body.includes('late'));
    assert.equal(done.res.events().filter((e) => e === '[DONE]').length, 1);
    assert.equal(done.audit[0]?.outcome, 'ok');

    const blocked = harness({
      up: streamOf(chunk({ content: 'so forbidden' }), '[DONE]', late),
      guards: [blocker({ finalOnly: true })],
      body: { ...BODY },
    });
    await run(blocked);
    assert.ok(!blocked.res.body.includes('late'));
    assert.deepEqual(finishes(blocked), [[0, 'content_filter']]);

    const broken = harness({ up: streamOf(chunk({ content: 'a' }), '{broken', late), body: { ...BODY } });
    await run(broken);
    assert.ok(!broken.res.body.includes('late'));
    assert.equal(broken.audit[0]?.code, 'WARDEN_UPSTREAM_BAD_RESPONSE');

    // an unterminated tail after [DONE] is not read either
    const tail = `${sse(chunk({ content: 'a' }, { finish: 'stop' }), '[DONE]')}data: {broken`;
    const t = harness({ up: fakeUpstream({ headers: SSE, parts: [tail] }), body: { ...BODY } });
    await run(t);
    assert.equal(t.res.events().at(-1), '[DONE]');
    assert.equal(t.audit[0]?.outcome, 'ok');
  });

  it('reads a dialect stream whose last event lacks its blank line, up to its [DONE]', async () => {
    const up = fakeUpstream({ headers: SSE, parts: ['data: A\n\ndata: END'] });
    const h = harness({
      up,
      body: { ...BODY },
      dialect: {
        path: '/responses',
        body: (chat) => chat,
        answer: (j) => j,
        events: (d) =>
          d === 'A'
            ? [JSON.stringify(chunk({ content: 'one' }))]
            : [
                JSON.stringify(chunk({ content: ' two' })),
                JSON.stringify(chunk({}, { finish: 'stop' })),
                '[DONE]',
                JSON.stringify(chunk({ content: 'late' }, { index: 1 })),
              ],
      },
    });
    await run(h);
    assert.equal(assembled(h), 'one two');
    assert.deepEqual(finishes(h), [[0, 'stop']]);
    assert.equal(h.res.events().at(-1), '[DONE]');
    assert.ok(!h.res.body.includes('late'));
    assert.equal(h.audit[0]?.outcome, 'ok');
  });

  it('does not send the next chunk before a slow client drains', async () => {
    const up = streamOf(chunk({ content: 'a' }), chunk({ content: 'b' }, { finish: 'stop' }), '[DONE]');
    const h = harness({ up, body: { ...BODY } });
    const write = h.res.write.bind(h.res);
    let full = true;
    h.res.write = (t: string) => {
      write(t);
      if (!full) return true;
      full = false;
      return false;
    };
    const running = run(h);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(h.res.writes.length, 1);
    h.res.emit('drain');
    await running;
    assert.equal(assembled(h), 'ab');
    assert.equal(h.res.events().at(-1), '[DONE]');
  });

  it('skips choices that are not objects and reads a choice without an index as choice 0', async () => {
    const base = chunk({ content: 'x' }, { finish: 'stop' });
    const mixed = JSON.stringify({ ...base, choices: [null, 'text', ...(base.choices ?? [])] });
    for (const guards of [[], [redactor]]) {
      const h = harness({ up: streamOf(mixed, '[DONE]'), guards, body: { ...BODY } });
      await run(h);
      assert.equal(assembled(h), 'x');
      assert.deepEqual(finishes(h), [[0, 'stop']]);
    }

    const seen: OutputView[] = [];
    const noIndex = {
      ...chunk({}),
      choices: [{ delta: { content: 'this is forbidden' }, finish_reason: null }],
    };
    const b = harness({ up: streamOf(noIndex, '[DONE]'), guards: [blocker({ seen })], body: { ...BODY } });
    await run(b);
    assert.equal(seen[0]?.choiceIndex, 0);
    assert.deepEqual(lastChunk(b).choices, [{ index: 0, delta: {}, finish_reason: 'content_filter' }]);
  });

  it('ignores chunks of a finished choice without guards too', async () => {
    const up = streamOf(chunk({ content: 'done' }, { finish: 'stop' }), chunk({ content: 'late' }), '[DONE]');
    const h = harness({ up, body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'done');
    assert.equal(h.res.chunks().length, 1);
  });

  it('a choice that omits finish_reason is still open', async () => {
    const open = (content: string) => ({ ...chunk({}), choices: [{ index: 0, delta: { content } }] });
    const up = streamOf(open('part one, '), open('part two'), chunk({}, { finish: 'stop' }), '[DONE]');
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'part one, part two');
    assert.deepEqual(finishes(h), [[0, 'stop']]);
  });

  it('releases held text into a delta the finish chunk did not carry', async () => {
    const up = streamOf(chunk({ content: 'short SECRET-1' }), chunk(undefined, { finish: 'stop' }), '[DONE]');
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'short [REDACTED]');
    assert.deepEqual(lastChunk(h).choices, [
      { index: 0, finish_reason: 'stop', delta: { content: 'short [REDACTED]' } },
    ]);
  });

  it('sends content parts as text, never as a part list', async () => {
    const up = streamOf(
      chunk({ content: [] }),
      chunk({ content: [{ type: 'text', text: 'from parts' }] }),
      chunk({}, { finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'from parts');
    for (const c of h.res.chunks())
      for (const ch of c.choices ?? [])
        assert.equal(Array.isArray((ch.delta as Record<string, unknown> | undefined)?.content), false);
  });

  it('with a guard that holds nothing back: deltas as sent, no empty text fields, no extra chunk at [DONE]', async () => {
    const plain = guard('plain', 'response', () => allow('plain'));
    const h = harness({
      up: streamOf(chunk({ role: 'assistant', content: 'abc' }), chunk({}, { finish: 'stop' }), '[DONE]'),
      guards: [plain],
      body: { ...BODY },
    });
    await run(h);
    assert.deepEqual(
      h.res.chunks().map((c) => c.choices),
      [
        [{ index: 0, delta: { role: 'assistant', content: 'abc' }, finish_reason: null }],
        [{ index: 0, delta: {}, finish_reason: 'stop' }],
      ],
    );

    const open = harness({
      up: streamOf(chunk({ role: 'assistant' }, { index: 1 }), chunk({ content: 'abc' }), '[DONE]'),
      guards: [plain],
      body: { ...BODY, n: 2 },
    });
    await run(open);
    assert.deepEqual(
      open.res.chunks().map((c) => c.choices),
      [
        [{ index: 1, delta: { role: 'assistant' }, finish_reason: null }],
        [{ index: 0, delta: { content: 'abc' }, finish_reason: null }],
      ],
    );
    assert.equal(open.res.events().at(-1), '[DONE]');
  });

  it('passes logprobs on at once when no response guard runs, and a null logprobs as null', async () => {
    const lp = { content: [{ token: 'x', logprob: -1, bytes: null, top_logprobs: [] }], refusal: null };
    const up = streamOf(
      { ...chunk({}), choices: [{ index: 0, delta: { content: 'x' }, logprobs: lp, finish_reason: null }] },
      chunk({}, { finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [toolGuard('allow')], body: { ...BODY } });
    await run(h);
    const first = h.res.chunks()[0]?.choices?.[0];
    assert.deepEqual(first?.logprobs, lp);
    assert.equal(first?.finish_reason, null);

    for (const guards of [[toolGuard('allow')], [redactor]]) {
      const nul = harness({
        up: streamOf(
          {
            ...chunk({}),
            choices: [{ index: 0, delta: { content: 'y' }, logprobs: null, finish_reason: 'stop' }],
          },
          '[DONE]',
        ),
        guards,
        body: { ...BODY },
      });
      await run(nul);
      assert.deepEqual(lastChunk(nul).choices, [
        { index: 0, delta: { content: 'y' }, logprobs: null, finish_reason: 'stop' },
      ]);
    }
  });

  it('keeps the logprobs gathered so far when a later chunk carries unreadable ones', async () => {
    const lp = { content: [{ token: 'a', logprob: -1, bytes: null, top_logprobs: [] }], refusal: null };
    const up = streamOf(
      { ...chunk({}), choices: [{ index: 0, delta: { content: 'a' }, logprobs: lp, finish_reason: null }] },
      {
        ...chunk({}),
        choices: [{ index: 0, delta: { content: 'b' }, logprobs: 'junk', finish_reason: null }],
      },
      chunk({}, { finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'ab');
    assert.deepEqual(lastChunk(h).choices?.[0]?.logprobs, lp);
    assert.equal(h.audit[0]?.outcome, 'ok');
  });

  it('drops logprobs whose own tokens a guard would redact, though the text did not change', async () => {
    const lp = {
      content: [{ token: 'SECRET-7', logprob: -1, bytes: null, top_logprobs: [] }],
      refusal: null,
    };
    const up = streamOf(
      {
        ...chunk({}),
        choices: [{ index: 0, delta: { content: 'plain' }, logprobs: lp, finish_reason: null }],
      },
      chunk({}, { finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [redactor], body: { ...BODY } });
    await run(h);
    assert.equal(assembled(h), 'plain');
    assert.ok(!h.res.body.includes('SECRET'));
    assert.deepEqual(finishes(h), [[0, 'stop']]);
  });

  it('a block on the logprobs of a choice left open at [DONE] ends with content_filter', async () => {
    const lp = { content: [{ token: 'forbidden', logprob: 0, top_logprobs: [] }], refusal: null };
    const up = streamOf(
      {
        ...chunk({}),
        choices: [{ index: 0, delta: { content: 'fine' }, logprobs: lp, finish_reason: null }],
      },
      '[DONE]',
    );
    const h = harness({ up, guards: [blocker()], body: { ...BODY } });
    await run(h);
    assert.deepEqual(finishes(h), [[0, 'content_filter']]);
    assert.ok(!h.res.body.includes('forbidden'));
    assert.equal(h.audit[0]?.outcome, 'filtered');
  });

  it('sends no tool call when a guard patches every call away', async () => {
    const dropAll = guard('tools', 'toolCall', () =>
      transform('tools', {
        changes: ['calls'],
        patch: (c) => {
          c.toolCalls = undefined;
        },
      }),
    );
    const h = harness({ up: streamOf(...toolDeltas, '[DONE]'), guards: [dropAll], body: { ...BODY } });
    await run(h);
    assert.ok(!h.res.body.includes('tool_calls":['));
    assert.ok(!h.res.body.includes('"rm"'));
    assert.deepEqual(finishes(h), [[0, 'tool_calls']]);
  });

  it('passes tool-call deltas through as they come when no tool-call guard runs', async () => {
    const h = harness({ up: streamOf(...toolDeltas, '[DONE]'), guards: [redactor], body: { ...BODY } });
    await run(h);
    const args = h.res
      .chunks()
      .flatMap((c) => c.choices ?? [])
      .flatMap(
        (ch) => (ch.delta as { tool_calls?: { function: { arguments?: string } }[] })?.tool_calls ?? [],
      )
      .map((t) => t.function.arguments);
    assert.deepEqual(args, ['', '{"path":', '"/"}']);
    assert.deepEqual(finishes(h), [[0, 'tool_calls']]);
  });

  it('a tool-call guard does not judge a choice that made no call', async () => {
    const seen: ToolCallView[][] = [];
    const up = streamOf(
      chunk({ role: 'assistant', content: 'just text' }),
      chunk({}, { finish: 'stop' }),
      '[DONE]',
    );
    const h = harness({ up, guards: [toolGuard('block', seen)], body: { ...BODY } });
    await run(h);
    assert.deepEqual(seen, []);
    assert.equal(assembled(h), 'just text');
    assert.deepEqual(finishes(h), [[0, 'stop']]);
    assert.equal(h.audit[0]?.outcome, 'ok');
  });

  it('a choice whose checked calls went out counts as finished when the upstream ends without [DONE]', async () => {
    const h = harness({ up: streamOf(...toolDeltas), guards: [toolGuard('allow')], body: { ...BODY } });
    await run(h);
    assert.equal(h.res.events().at(-1), '[DONE]');
    assert.deepEqual(finishes(h), [[0, 'tool_calls']]);
    assert.equal(h.audit[0]?.outcome, 'ok');
  });
});
