// Relays a streamed exchange: upstream SSE in, text through the hold-back window, tool calls checked whole,
// and a clean ending always: [DONE], a content_filter finish, or an error event.
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { type HoldOutcome, withheldField } from '../agents/approvals/gate.js';
import type { BlockDecision } from '../core/decision.js';
import { WardenError } from '../core/errors.js';
import { OutputWindow } from '../core/stream-window.js';
import { patchedToolCalls, rawToolCalls } from './output.js';
import { holdForApproval, readUpstreamBody, upstreamHttpError, usageOf } from './relay-json.js';
import type { GatewayDeps, ProxyCall } from './server.js';
import { SseParseError, SseParser } from './sse.js';

interface ToolCallBuffer {
  index: number;
  id?: string;
  type?: string;
  name: string;
  args: string;
}

interface StreamChoice {
  index?: number;
  delta?: { content?: unknown; tool_calls?: unknown; [k: string]: unknown };
  text?: unknown;
  finish_reason?: unknown;
  [k: string]: unknown;
}

/** Tool calls withheld pending (or after refusing) human approval. */
type Withheld = Extract<HoldOutcome, { kind: 'withheld' }>;

type Chunk = { choices?: StreamChoice[]; usage?: unknown; error?: unknown; [k: string]: unknown };

export async function relayStream(call: ProxyCall, res: ServerResponse, deps: GatewayDeps): Promise<void> {
  const { ctx, upstream, exchange, cancel } = call;
  const started = performance.now();
  let stripUsage = false;
  if (deps.config.streaming.requestUsage) {
    const so = ctx.body.stream_options as { include_usage?: unknown } | undefined;
    if (so?.include_usage !== true) {
      // Usage settles token quotas; the client did not ask for it, so the usage-only chunk is not forwarded.
      ctx.body.stream_options = { ...(so && typeof so === 'object' ? so : {}), include_usage: true };
      stripUsage = true;
    }
  }
  const up = await upstream.request(
    'POST',
    call.upstreamPath,
    JSON.stringify(ctx.body),
    cancel,
    ctx.requestId,
    call.exchange.trace?.upstreamHeaders(upstream.name, upstream.host),
  );
  exchange.firstByteMs = performance.now() - started;
  deps.metrics.onUpstream(upstream.name, up.statusCode, exchange.firstByteMs / 1000);
  if (up.statusCode >= 400) {
    const text = await readUpstreamBody(up, upstream, cancel, 256 * 1024);
    throw upstreamHttpError(upstream, up.statusCode, text, deps.router.secrets());
  }
  if (!String(up.headers['content-type'] ?? '').includes('text/event-stream')) {
    await up.body.dump().catch(() => {});
    throw new WardenError('WARDEN_UPSTREAM_BAD_RESPONSE', { upstream: upstream.name });
  }
  const relay = new StreamRelay(call, res, deps, stripUsage);
  const parser = new SseParser();
  try {
    outer: for await (const bytes of up.body) {
      for (const data of parser.push(bytes as Buffer)) {
        if (await relay.event(data)) break outer;
      }
    }
    if (!relay.ended) {
      for (const data of parser.end()) if (await relay.event(data)) break;
    }
    if (!relay.ended) await relay.truncated();
  } catch (err) {
    const werr =
      err instanceof SseParseError
        ? new WardenError('WARDEN_UPSTREAM_BAD_RESPONSE', { upstream: upstream.name })
        : upstream.mapError(err, cancel);
    if (!relay.started) throw werr;
    await relay.fail(werr);
  } finally {
    if (!up.body.destroyed) up.body.destroy();
    exchange.upstreamMs = performance.now() - started;
  }
}

class StreamRelay {
  started = false;
  ended = false;
  private readonly windows = new Map<number, OutputWindow>();
  private readonly tools = new Map<number, Map<number, ToolCallBuffer>>();
  private readonly finished = new Set<number>();
  private readonly seenChoices = new Set<number>();
  private template: Record<string, unknown> = {};
  private readonly guardText: boolean;
  private readonly guardTools: boolean;
  private readonly textField: 'delta' | 'text';

  constructor(
    private readonly call: ProxyCall,
    private readonly res: ServerResponse,
    private readonly deps: GatewayDeps,
    private readonly stripUsage = false,
  ) {
    this.guardText = deps.pipeline.has('response');
    this.guardTools = deps.pipeline.has('toolCall') && call.ctx.route === 'chat';
    this.textField = call.ctx.route === 'chat' ? 'delta' : 'text';
  }

  private window(index: number): OutputWindow {
    let w = this.windows.get(index);
    if (!w) {
      const { ctx } = this.call;
      const { signal } = this.call.cancel;
      const holdBack = Math.min(this.deps.pipeline.holdBack, this.deps.config.streaming.maxHoldBackChars);
      w = new OutputWindow(
        (view) => {
          ctx.output = view;
          return this.deps.pipeline.run('response', ctx, signal);
        },
        holdBack,
        index,
      );
      this.windows.set(index, w);
    }
    return w;
  }

  private async write(text: string): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
        'x-request-id': this.call.ctx.requestId,
        ...this.call.admission.headers,
      });
    }
    if (!this.res.write(text) && !this.res.destroyed) {
      await once(this.res, 'drain', { signal: this.call.cancel.signal });
    }
  }

  private async send(chunk: unknown): Promise<void> {
    if (this.call.exchange.trace) this.call.exchange.noteAnswer(chunk);
    await this.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }

  /** Handles one upstream event; returns true when the stream is over. */
  async event(data: string): Promise<boolean> {
    if (data === '[DONE]') {
      await this.flushAll();
      if (this.ended) return true;
      await this.done();
      return true;
    }
    let chunk: Chunk;
    try {
      chunk = JSON.parse(data) as Chunk;
      if (!chunk || typeof chunk !== 'object') throw new Error('not an object');
    } catch {
      await this.failOrThrow(
        new WardenError('WARDEN_UPSTREAM_BAD_RESPONSE', { upstream: this.call.upstream.name }),
      );
      return true;
    }
    if (chunk.error) {
      await this.failOrThrow(
        new WardenError('WARDEN_UPSTREAM_ERROR', { upstream: this.call.upstream.name, upstreamStatus: 200 }),
      );
      return true;
    }
    const { choices: _c, usage: _u, ...template } = chunk;
    this.template = template;
    if (chunk.usage) this.call.exchange.usage = usageOf(chunk);
    const kept: StreamChoice[] = [];
    for (const choice of chunk.choices ?? []) {
      const index = typeof choice.index === 'number' ? choice.index : 0;
      this.seenChoices.add(index);
      if (this.finished.has(index)) continue;
      const blocked = await this.choice(choice, index);
      if (blocked) {
        await this.block(blocked);
        return true;
      }
      if (!isEmptyChoice(choice, this.textField)) kept.push(choice);
    }
    const usageOnly = chunk.usage !== undefined && kept.length === 0;
    if (this.stripUsage && chunk.usage !== undefined) {
      if (usageOnly) return false;
      delete chunk.usage;
    }
    if (kept.length > 0 || usageOnly || !Array.isArray(chunk.choices)) {
      await this.send({ ...chunk, choices: kept });
    }
    return false;
  }

  /** Rewrites one choice in place; returns a block decision when a guard ends the output. */
  private async choice(choice: StreamChoice, index: number): Promise<BlockDecision | Withheld | undefined> {
    const holder = this.textField === 'delta' ? (choice.delta ?? {}) : choice;
    const key = this.textField === 'delta' ? 'content' : 'text';
    const text = typeof holder[key] === 'string' ? (holder[key] as string) : '';
    const finishing = choice.finish_reason !== undefined && choice.finish_reason !== null;
    if (this.guardText && (text.length > 0 || finishing)) {
      const w = this.window(index);
      let step = await w.push(text);
      if (step.blocked) return step.blocked;
      let release = step.release;
      if (finishing) {
        step = await w.finish();
        if (step.blocked) return step.blocked;
        release += step.release;
      }
      if (text.length > 0 || release.length > 0) holder[key] = release;
    }
    if (this.guardTools && choice.delta && Array.isArray(choice.delta.tool_calls)) {
      this.bufferTools(index, choice.delta.tool_calls);
      delete choice.delta.tool_calls;
    }
    if (finishing) {
      if (this.guardTools && this.tools.has(index)) {
        // The choice is marked finished only after its calls are released, so a block still ends it.
        const blocked = await this.releaseTools(index, choice);
        if (blocked) return blocked;
      }
      this.finished.add(index);
    }
    return undefined;
  }

  private bufferTools(index: number, deltas: unknown[]): void {
    let calls = this.tools.get(index);
    if (!calls) {
      calls = new Map();
      this.tools.set(index, calls);
    }
    for (const raw of deltas) {
      const d = raw as {
        index?: number;
        id?: string;
        type?: string;
        function?: { name?: string; arguments?: string };
      };
      const i = typeof d.index === 'number' ? d.index : 0;
      let buf = calls.get(i);
      if (!buf) {
        buf = { index: i, name: '', args: '' };
        calls.set(i, buf);
      }
      if (d.id) buf.id = d.id;
      if (d.type) buf.type = d.type;
      if (d.function?.name) buf.name += d.function.name;
      if (d.function?.arguments) buf.args += d.function.arguments;
    }
  }

  /** Checks the assembled tool calls of a finished choice; emits them whole, before the finish chunk. */
  private async releaseTools(
    index: number,
    choice: StreamChoice,
  ): Promise<BlockDecision | Withheld | undefined> {
    const calls = [...(this.tools.get(index)?.values() ?? [])].sort((a, b) => a.index - b.index);
    this.tools.delete(index);
    const { ctx } = this.call;
    const { signal } = this.call.cancel;
    ctx.toolCalls = calls.map((c) => ({
      id: c.id ?? `call_${c.index}`,
      name: c.name,
      arguments: c.args,
      choiceIndex: index,
    }));
    const out = await this.deps.pipeline.run('toolCall', ctx, signal);
    this.call.exchange.addDecisions(out.decisions);
    if (out.verdict?.action === 'block') return out.verdict;
    if (out.verdict?.action === 'requireApproval') {
      // Held before any byte of the call is emitted: the client never sees a call that was not approved.
      // Meanwhile SSE comments keep clients and proxies from timing out the idle stream.
      const keepAlive = setInterval(() => {
        if (!this.res.destroyed) this.write(': awaiting approval\n\n').catch(() => {});
      }, this.deps.config.approvals.keepAliveMs);
      let hold: HoldOutcome;
      try {
        hold = await holdForApproval(this.call, this.deps, ctx.toolCalls, out.decisions);
      } finally {
        clearInterval(keepAlive);
      }
      if (hold.kind === 'withheld') return hold;
    }
    choice.delta ??= {};
    choice.delta.tool_calls = patchedToolCalls(out.decisions)
      ? // what the guards rewrote is what the client gets (never the unpatched original)
        rawToolCalls(
          ctx.toolCalls ?? [],
          calls.map((c) => ({ id: c.id ?? `call_${c.index}`, ...(c.type ? { type: c.type } : {}) })),
        ).map((c, i) => ({ index: i, ...c }))
      : calls.map((c) => ({
          index: c.index,
          id: c.id,
          type: c.type ?? 'function',
          function: { name: c.name, arguments: c.args },
        }));
    return undefined;
  }

  /** Upstream said [DONE] (or ended): release what windows still hold. */
  private async flushAll(): Promise<void> {
    for (const [index, w] of this.windows) {
      if (this.finished.has(index)) continue;
      const step = await w.finish();
      if (step.blocked) {
        await this.block(step.blocked);
        return;
      }
      if (step.release) {
        const delta =
          this.textField === 'delta' ? { delta: { content: step.release } } : { text: step.release };
        await this.send({ ...this.template, choices: [{ index, ...delta, finish_reason: null }] });
      }
    }
  }

  private recordWindowDecisions(): void {
    for (const w of this.windows.values()) this.call.exchange.addDecisions(w.decisions());
  }

  private async done(): Promise<void> {
    this.recordWindowDecisions();
    this.call.exchange.status = 200;
    this.ended = true;
    await this.call.finalize();
    await this.write('data: [DONE]\n\n');
    this.res.end();
  }

  /** A guard ended the output: each open choice finishes with content_filter, then [DONE]. */
  private async block(decision: BlockDecision | Withheld): Promise<void> {
    this.ended = true;
    this.recordWindowDecisions();
    const ex = this.call.exchange;
    ex.status = 200;
    const withheld = 'kind' in decision;
    ex.outcome = withheld && decision.status === 'pending' ? 'pending' : 'filtered';
    ex.code = withheld
      ? decision.status === 'pending'
        ? 'WARDEN_APPROVAL_REQUIRED'
        : 'WARDEN_APPROVAL_DENIED'
      : 'WARDEN_CONTENT_FILTERED';
    const warden = withheld
      ? withheldField(decision)
      : { code: 'WARDEN_CONTENT_FILTERED', guard: decision.guardId, reason: decision.reason };
    const indexes = this.seenChoices.size > 0 ? [...this.seenChoices] : [0];
    const delta = this.textField === 'delta' ? { delta: {} } : { text: '' };
    await this.call.finalize();
    for (const index of indexes) {
      if (this.finished.has(index) && this.windows.get(index) === undefined) continue;
      await this.send({
        ...this.template,
        choices: [{ index, ...delta, finish_reason: 'content_filter' }],
        warden,
      });
    }
    await this.write('data: [DONE]\n\n');
    this.res.end();
  }

  /** The upstream ended without [DONE]: treat as an aborted stream unless every choice finished. */
  async truncated(): Promise<void> {
    const allFinished = this.seenChoices.size > 0 && [...this.seenChoices].every((i) => this.finished.has(i));
    if (allFinished) {
      await this.flushAll();
      if (!this.ended) await this.done();
      return;
    }
    await this.failOrThrow(
      new WardenError('WARDEN_UPSTREAM_STREAM_ABORTED', { upstream: this.call.upstream.name }),
    );
  }

  private async failOrThrow(err: WardenError): Promise<void> {
    if (!this.started) {
      this.ended = true;
      throw err;
    }
    await this.fail(err);
  }

  /** Ends a started stream with an OpenAI-shaped error event and [DONE]; the client never sees a torn stream. */
  async fail(err: WardenError): Promise<void> {
    this.ended = true;
    this.recordWindowDecisions();
    this.call.exchange.fail(err.code, 200, 'error');
    if (this.res.destroyed) {
      await this.call.finalize();
      return;
    }
    await this.call.finalize();
    try {
      await this.write(`data: ${JSON.stringify(err.toJSON())}\n\n`);
      await this.write('data: [DONE]\n\n');
    } finally {
      this.res.end();
    }
  }
}

function isEmptyChoice(choice: StreamChoice, field: 'delta' | 'text'): boolean {
  if (choice.finish_reason !== undefined && choice.finish_reason !== null) return false;
  if (field === 'text') return typeof choice.text !== 'string' || choice.text.length === 0;
  const delta = choice.delta;
  if (!delta) return true;
  for (const [k, v] of Object.entries(delta)) {
    if (k === 'content' && (v === '' || v === null || v === undefined)) continue;
    if (v === undefined) continue;
    return false;
  }
  return true;
}
