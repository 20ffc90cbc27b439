// Relays a streamed exchange: upstream SSE in, text through the hold-back window, tool calls checked whole,
// and a clean ending always: [DONE], a content_filter finish, or an error event.
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { type HoldOutcome, pendingText, withheldField } from '../agents/approvals/gate.js';
import type { BlockDecision } from '../core/decision.js';
import { WardenError } from '../core/errors.js';
import { GuardedText, guardLogprobs, patchedToolCalls, textContext } from './output.js';
import type { GatewayDeps, ProxyCall } from './proxy-call.js';
import { holdForApproval, readUpstreamBody, upstreamHttpError, usageOf } from './relay-json.js';
import { SseParseError, SseParser } from './sse.js';
import {
  CHAT_SLOTS,
  COMPLETION_SLOTS,
  isObject,
  type Json,
  pruneChoice,
  slotText,
  type TextSlot,
  topLevel,
} from './surface.js';
import { hasTokens, knownLogprobs } from './surface-logprobs.js';
import { ChoiceStream, callsDelta, isEmptyChoice } from './surface-stream.js';

/** Tool calls withheld pending (or after refusing) human approval. */
type Withheld = Extract<HoldOutcome, { kind: 'withheld' }>;

type Chunk = { choices?: unknown; usage?: unknown; error?: unknown; [k: string]: unknown };

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
    call.dialect?.path ?? call.upstreamPath,
    JSON.stringify(call.dialect ? call.dialect.body(ctx.body) : ctx.body),
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
  // A passthrough upstream's events are read into chat chunks first (no extra work for chat upstreams).
  const { dialect } = call;
  const parser = new SseParser();
  try {
    outer: for await (const bytes of upstreamBytes(up.body)) {
      for (const raw of parser.push(bytes as Buffer)) {
        if (!dialect) {
          if (await relay.event(raw)) break outer;
        } else for (const data of dialect.events(raw)) if (await relay.event(data)) break outer;
      }
    }
    if (!relay.ended) {
      ending: for (const raw of parser.end()) {
        if (!dialect) {
          if (await relay.event(raw)) break;
        } else for (const data of dialect.events(raw)) if (await relay.event(data)) break ending;
      }
    }
    if (!relay.ended) await relay.truncated();
  } catch (err) {
    const werr =
      err instanceof SseParseError
        ? new WardenError('WARDEN_UPSTREAM_BAD_RESPONSE', { upstream: upstream.name })
        : err instanceof UpstreamBodyError
          ? upstream.mapError(err.cause, cancel)
          : ownError(err, call, deps);
    if (!relay.started) throw werr;
    await relay.fail(werr);
  } finally {
    if (!up.body.destroyed) up.body.destroy();
    exchange.upstreamMs = performance.now() - started;
  }
}

/** A failure reading the upstream's body (as opposed to one of Warden's own while relaying it). */
class UpstreamBodyError extends Error {
  constructor(cause: unknown) {
    super('upstream body failed', { cause });
  }
}

/** The upstream's bytes; a failure to read them is marked as the upstream's. */
async function* upstreamBytes(body: AsyncIterable<unknown>): AsyncGenerator<unknown> {
  try {
    for await (const bytes of body) yield bytes;
  } catch (err) {
    throw new UpstreamBodyError(err);
  }
}

/**
 * A failure of Warden's own while relaying (a guard, the approval store, a bug) is not blamed on the upstream:
 * a cancellation keeps its reason, a Warden error stays as it is, anything else is an internal error, logged.
 */
function ownError(err: unknown, call: ProxyCall, deps: GatewayDeps): WardenError {
  if (err instanceof WardenError) return err;
  const { cancel, ctx } = call;
  if (cancel.aborted && cancel.reason instanceof WardenError) return cancel.reason;
  deps.log.error(
    { requestId: ctx.requestId, err: (err as Error)?.name },
    'internal error while relaying a stream',
  );
  return new WardenError('WARDEN_INTERNAL', { requestId: ctx.requestId }, { cause: err });
}

class StreamRelay {
  started = false;
  ended = false;
  private readonly choices = new Map<number, ChoiceStream>();
  private readonly seenChoices = new Set<number>();
  private template: Record<string, unknown> = {};
  private readonly guardText: boolean;
  private readonly guardTools: boolean;
  private readonly chat: boolean;
  private readonly kind: 'chat.chunk' | 'completion.chunk';
  private readonly slots: readonly TextSlot[];
  private readonly holdBack: number;

  constructor(
    private readonly call: ProxyCall,
    private readonly res: ServerResponse,
    private readonly deps: GatewayDeps,
    private readonly stripUsage = false,
  ) {
    this.guardText = deps.pipeline.has('response');
    this.chat = call.ctx.route === 'chat';
    this.guardTools = deps.pipeline.has('toolCall') && this.chat;
    this.kind = this.chat ? 'chat.chunk' : 'completion.chunk';
    this.slots = this.chat ? CHAT_SLOTS : COMPLETION_SLOTS;
    this.holdBack = Math.min(deps.pipeline.holdBack, deps.config.streaming.maxHoldBackChars);
  }

  private state(index: number): ChoiceStream {
    let st = this.choices.get(index);
    if (!st) {
      st = new ChoiceStream();
      this.choices.set(index, st);
    }
    return st;
  }

  /** The guarded window of one text slot of a choice; the output keeps the request's context. */
  private text(st: ChoiceStream, slot: TextSlot, index: number): GuardedText {
    let t = st.texts.get(slot.key);
    if (!t) {
      const { ctx } = this.call;
      t = new GuardedText(
        this.deps.pipeline,
        slot.role === 'output' ? ctx : textContext(ctx),
        this.holdBack,
        index,
        this.call.cancel.signal,
      );
      st.texts.set(slot.key, t);
    }
    return t;
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
    // Once the request is cancelled nothing waits for a slow client: what is left (the error event) is
    // buffered and end() flushes it or the socket is destroyed.
    const { signal } = this.call.cancel;
    if (!this.res.write(text) && !this.res.destroyed && !signal.aborted) {
      await once(this.res, 'drain', { signal });
    }
  }

  private async send(chunk: unknown): Promise<void> {
    if (this.call.exchange.trace) this.call.exchange.noteAnswer(chunk);
    const { shape } = this.call;
    await this.write(shape ? shape.chunk(chunk as Json) : `data: ${JSON.stringify(chunk)}\n\n`);
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
    // Unknown top-level fields of a chunk are dropped: a streamed field cannot be guarded whole.
    if (this.guardText || this.guardTools)
      for (const k of topLevel(chunk, this.kind).unknown) delete chunk[k];
    const { choices: _c, usage: _u, ...template } = chunk;
    this.template = template;
    if (chunk.usage) this.call.exchange.usage = usageOf(chunk);
    const kept: Json[] = [];
    for (const choice of Array.isArray(chunk.choices) ? (chunk.choices as unknown[]) : []) {
      if (!isObject(choice)) continue;
      if (this.guardText || this.guardTools) pruneChoice(choice, this.kind);
      const index = typeof choice.index === 'number' ? choice.index : 0;
      this.seenChoices.add(index);
      if (this.choices.get(index)?.finished) continue;
      const blocked = await this.choice(choice, index);
      if (blocked) {
        await this.block(blocked);
        return true;
      }
      if (!isEmptyChoice(choice, this.chat)) kept.push(choice);
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
  private async choice(choice: Json, index: number): Promise<BlockDecision | Withheld | undefined> {
    const st = this.state(index);
    const finishing = choice.finish_reason !== undefined && choice.finish_reason !== null;
    let holder = this.chat ? (isObject(choice.delta) ? choice.delta : undefined) : choice;
    if (this.guardText) {
      for (const slot of this.slots) {
        const piece = holder ? slotText(holder, slot.key) : '';
        if (holder && Array.isArray(holder[slot.key])) holder[slot.key] = piece;
        if (piece.length === 0 && !(finishing && st.texts.has(slot.key))) continue;
        const w = this.text(st, slot, index).window;
        let step = await w.push(piece);
        if (step.blocked) return step.blocked;
        let release = step.release;
        if (finishing) {
          step = await w.finish();
          if (step.blocked) return step.blocked;
          release += step.release;
        }
        if (piece.length === 0 && release.length === 0) continue;
        if (!holder) {
          holder = {};
          choice.delta = holder;
        }
        holder[slot.key] = release;
      }
      if (choice.logprobs !== undefined && choice.logprobs !== null) {
        // Held until the choice is judged: released with its finish only if no text of it changed.
        const lp = knownLogprobs(choice.logprobs, this.chat);
        if (lp) st.bufferLogprobs(lp);
        delete choice.logprobs;
      }
    } else if (choice.logprobs !== undefined && choice.logprobs !== null) {
      choice.logprobs = knownLogprobs(choice.logprobs, this.chat);
    }
    if (this.guardTools && holder) {
      if (Array.isArray(holder.tool_calls)) {
        st.bufferToolCalls(holder.tool_calls);
        delete holder.tool_calls;
      }
      if (isObject(holder.function_call)) {
        st.bufferFunctionCall(holder.function_call);
        delete holder.function_call;
      }
    }
    if (finishing) {
      const blocked = await this.releaseLogprobs(st, choice, index);
      if (blocked) return blocked;
      if (this.guardTools && st.hasCalls()) {
        // The choice is marked finished only after its calls are released, so a block still ends it.
        const blockedCalls = await this.releaseTools(st, index, choice);
        if (blockedCalls) return blockedCalls;
      }
      st.finished = true;
    }
    return undefined;
  }

  /** Buffered logprobs go out with the choice's end, unless a text of it changed or their own texts would. */
  private async releaseLogprobs(
    st: ChoiceStream,
    choice: Json,
    index: number,
  ): Promise<BlockDecision | undefined> {
    const lp = st.takeLogprobs();
    if (!hasTokens(lp) || st.changed()) return undefined;
    const { ctx, cancel, exchange } = this.call;
    const out = await guardLogprobs(this.deps.pipeline, ctx, lp, index, cancel.signal);
    exchange.addDecisions(out.decisions);
    if (out.keep) choice.logprobs = lp;
    return out.blocked;
  }

  /** Checks the assembled tool calls of a finished choice; emits them whole, before the finish chunk. */
  private async releaseTools(
    st: ChoiceStream,
    index: number,
    choice: Json,
  ): Promise<BlockDecision | Withheld | undefined> {
    const calls = st.takeCalls(index);
    const { ctx } = this.call;
    const { signal } = this.call.cancel;
    ctx.toolCalls = calls.views;
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
    const delta = isObject(choice.delta) ? choice.delta : {};
    choice.delta = delta;
    // what the guards rewrote is what the client gets (never the unpatched original)
    callsDelta(calls, patchedToolCalls(out.decisions) ? (ctx.toolCalls ?? []) : undefined, delta);
    return undefined;
  }

  /** Upstream said [DONE] (or ended): release what windows still hold, with the logprobs they allow. */
  private async flushAll(): Promise<void> {
    for (const [index, st] of this.choices) {
      if (st.finished) continue;
      const choice: Json = { index, ...(this.chat ? { delta: {} } : {}), finish_reason: null };
      const holder = this.chat ? (choice.delta as Json) : choice;
      let any = false;
      for (const [key, t] of st.texts) {
        const step = await t.window.finish();
        if (step.blocked) {
          await this.block(step.blocked);
          return;
        }
        if (step.release) {
          holder[key] = step.release;
          any = true;
        }
      }
      const blocked = await this.releaseLogprobs(st, choice, index);
      if (blocked) {
        await this.block(blocked);
        return;
      }
      if (any || choice.logprobs) await this.send({ ...this.template, choices: [choice] });
    }
  }

  private recordWindowDecisions(): void {
    for (const st of this.choices.values())
      for (const t of st.texts.values()) this.call.exchange.addDecisions(t.window.decisions());
  }

  private async done(): Promise<void> {
    this.recordWindowDecisions();
    this.call.exchange.status = 200;
    this.ended = true;
    await this.call.finalize();
    await this.write(this.call.shape ? this.call.shape.end() : 'data: [DONE]\n\n');
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
    const delta = this.chat ? { delta: {} } : { text: '' };
    await this.call.finalize();
    const pending = withheld && decision.status === 'pending';
    for (const index of indexes) {
      const st = this.choices.get(index);
      if (st?.finished && st.texts.size === 0) continue;
      if (pending) {
        // A pending hold ends as a normal completion saying so (decision 1701); a 4xx is impossible mid-stream.
        const text = pendingText(decision);
        const said = this.chat ? { delta: { content: text } } : { text };
        await this.send({ ...this.template, choices: [{ index, ...said, finish_reason: null }] });
        await this.send({ ...this.template, choices: [{ index, ...delta, finish_reason: 'stop' }], warden });
        continue;
      }
      await this.send({
        ...this.template,
        choices: [{ index, ...delta, finish_reason: 'content_filter' }],
        warden,
      });
    }
    await this.write(this.call.shape ? this.call.shape.end() : 'data: [DONE]\n\n');
    this.res.end();
  }

  /** The upstream ended without [DONE]: treat as an aborted stream unless every choice finished. */
  async truncated(): Promise<void> {
    const allFinished =
      this.seenChoices.size > 0 && [...this.seenChoices].every((i) => this.choices.get(i)?.finished === true);
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
      if (this.call.shape) await this.write(this.call.shape.error(err.toJSON()));
      else {
        await this.write(`data: ${JSON.stringify(err.toJSON())}\n\n`);
        await this.write('data: [DONE]\n\n');
      }
    } finally {
      this.res.end();
    }
  }
}
