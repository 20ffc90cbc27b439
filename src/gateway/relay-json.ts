// Relays a non-streamed exchange: upstream JSON in, output and tool-call guards applied, JSON out.
import type { ServerResponse } from 'node:http';
import { type HoldOutcome, pendingBody, withheldField } from '../agents/approvals/gate.js';
import type { ToolCallView } from '../core/context.js';
import type { BlockDecision, Decision } from '../core/decision.js';
import { WardenError } from '../core/errors.js';
import { scrubSecrets } from '../core/redact.js';
import { sendJson } from './http.js';
import { guardWholeText, patchedToolCalls, rawToolCalls, toolCallViews } from './output.js';
import type { GatewayDeps, ProxyCall } from './server.js';
import type { Cancellation, Upstream, UpstreamResponse } from './upstream.js';

const MAX_UPSTREAM_BODY = 32 * 1024 * 1024;

export async function readUpstreamBody(
  up: UpstreamResponse,
  upstream: Upstream,
  signal: Cancellation,
  limit = MAX_UPSTREAM_BODY,
): Promise<string> {
  // Events rather than `for await`: the async iterator costs a promise and a generator step per chunk.
  const body = up.body;
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      reject(upstream.mapError(err, signal));
    };
    body.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        fail(new WardenError('WARDEN_UPSTREAM_BAD_RESPONSE', { upstream: upstream.name }));
        body.destroy();
      } else chunks.push(chunk);
    });
    body.once('end', () => {
      if (settled) return;
      settled = true;
      resolve(
        chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8'),
      );
    });
    body.once('error', fail);
    body.once('close', () =>
      fail(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })),
    );
  });
}

/** The error a client sees for an upstream HTTP error; 4xx keeps the upstream's own (scrubbed) message. */
export function upstreamHttpError(
  upstream: Upstream,
  status: number,
  text: string,
  secrets: readonly string[],
): WardenError {
  const base = new WardenError('WARDEN_UPSTREAM_ERROR', { upstream: upstream.name, upstreamStatus: status });
  if (status >= 400 && status < 500) {
    let detail = '';
    try {
      const msg = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
      if (typeof msg === 'string') detail = scrubSecrets(msg, secrets).slice(0, 300);
    } catch {
      // Not JSON: keep the generic message.
    }
    return new WardenError(
      'WARDEN_UPSTREAM_ERROR',
      { upstream: upstream.name, upstreamStatus: status },
      {
        status,
        message: detail ? `${base.message}: ${detail}` : base.message,
      },
    );
  }
  return base;
}

export function usageOf(
  json: unknown,
): { promptTokens?: number; completionTokens?: number; totalTokens?: number } | undefined {
  const u = (json as { usage?: Record<string, unknown> } | null)?.usage;
  if (!u || typeof u !== 'object') return undefined;
  const n = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const out: { promptTokens?: number; completionTokens?: number; totalTokens?: number } = {};
  if (n(u.prompt_tokens)) out.promptTokens = u.prompt_tokens;
  if (n(u.completion_tokens)) out.completionTokens = u.completion_tokens;
  if (n(u.total_tokens)) out.totalTokens = u.total_tokens;
  return out;
}

interface Choice {
  index?: number;
  text?: unknown;
  message?: { content?: unknown; tool_calls?: unknown; [k: string]: unknown };
  finish_reason?: unknown;
  [k: string]: unknown;
}

export async function relayJson(call: ProxyCall, res: ServerResponse, deps: GatewayDeps): Promise<void> {
  const { ctx, upstream, exchange, cancel } = call;
  const started = performance.now();
  const up = await upstream.request(
    'POST',
    call.upstreamPath,
    JSON.stringify(ctx.body),
    cancel,
    ctx.requestId,
    exchange.trace?.upstreamHeaders(upstream.name, upstream.host),
  );
  exchange.firstByteMs = performance.now() - started;
  const text = await readUpstreamBody(up, upstream, cancel);
  exchange.upstreamMs = performance.now() - started;
  deps.metrics.onUpstream(upstream.name, up.statusCode, exchange.upstreamMs / 1000);
  if (up.statusCode >= 400) throw upstreamHttpError(upstream, up.statusCode, text, deps.router.secrets());
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
    if (!json || typeof json !== 'object') throw new Error('not an object');
  } catch {
    throw new WardenError('WARDEN_UPSTREAM_BAD_RESPONSE', { upstream: upstream.name });
  }
  exchange.usage = usageOf(json);
  let filteredBy: BlockDecision | undefined;
  let changed = false;
  const held: Held[] = [];
  if (
    ctx.route !== 'embeddings' &&
    Array.isArray(json.choices) &&
    (deps.pipeline.has('response') || deps.pipeline.has('toolCall'))
  ) {
    changed = true;
    const decisions: Decision[] = [];
    for (const choice of json.choices as Choice[]) {
      const index = typeof choice.index === 'number' ? choice.index : 0;
      const blocked = await guardChoice(call, deps, choice, index, decisions, held);
      if (blocked) {
        filteredBy ??= blocked;
        withhold(choice);
      }
    }
    exchange.addDecisions(decisions);
  }
  const headers: Record<string, string> = { 'x-request-id': ctx.requestId, ...call.admission.headers };
  const live = held.filter((h) => h.choice.finish_reason !== 'content_filter');
  if (live.length > 0) {
    const hold = await holdForApproval(
      call,
      deps,
      live.flatMap((h) => h.calls),
      live.flatMap((h) => h.decisions),
    );
    if (hold.kind === 'withheld' && hold.status === 'pending') {
      exchange.status = 202;
      exchange.outcome = 'pending';
      exchange.code = 'WARDEN_APPROVAL_REQUIRED';
      await call.finalize();
      sendJson(res, 202, pendingBody(hold), headers);
      return;
    }
    if (hold.kind === 'withheld') {
      for (const h of live) withhold(h.choice);
      exchange.outcome = 'filtered';
      exchange.code = 'WARDEN_APPROVAL_DENIED';
      json.warden = withheldField(hold);
    }
  }
  if (filteredBy) {
    exchange.outcome = 'filtered';
    exchange.code = 'WARDEN_CONTENT_FILTERED';
    headers['x-warden-filtered-by'] = filteredBy.guardId;
    json.warden = { code: 'WARDEN_CONTENT_FILTERED', guard: filteredBy.guardId, reason: filteredBy.reason };
  }
  exchange.status = 200;
  if (exchange.trace) exchange.noteAnswer(json);
  await call.finalize();
  // Unchanged answers go out byte for byte; re-serialising is only needed after a guard rewrote something.
  sendJson(res, 200, changed ? json : text, headers);
}

interface Held {
  choice: Choice;
  calls: ToolCallView[];
  decisions: Decision[];
}

/** Removes a choice's output and tool calls: the client gets nothing executable. */
function withhold(choice: Choice): void {
  if (choice.message) {
    choice.message.content = null;
    delete choice.message.tool_calls;
  } else choice.text = '';
  choice.finish_reason = 'content_filter';
}

/** Tool calls a guard wants approved: held for a human decision (withheld when no approval queue is wired). */
export function holdForApproval(
  call: ProxyCall,
  deps: GatewayDeps,
  calls: ToolCallView[],
  decisions: Decision[],
): Promise<HoldOutcome> {
  if (!deps.approvals) return Promise.resolve({ kind: 'withheld', status: 'denied', approvals: [] });
  const { ctx, approvalIds } = call;
  const { signal } = call.cancel;
  return deps.approvals.hold({ ctx, calls, decisions, approvalIds, signal });
}

async function guardChoice(
  call: ProxyCall,
  deps: GatewayDeps,
  choice: Choice,
  index: number,
  decisions: Decision[],
  held: Held[],
): Promise<BlockDecision | undefined> {
  const { ctx } = call;
  const { signal } = call.cancel;
  const { pipeline } = deps;
  const content = choice.message ? choice.message.content : choice.text;
  if (typeof content === 'string' && content.length > 0 && pipeline.has('response')) {
    const out = await guardWholeText(pipeline, ctx, content, index, signal);
    decisions.push(...out.decisions);
    if (out.blocked) return out.blocked;
    if (choice.message) choice.message.content = out.text;
    else choice.text = out.text;
  }
  const calls = toolCallViews(choice.message?.tool_calls, index);
  if (calls.length > 0 && pipeline.has('toolCall')) {
    ctx.toolCalls = calls;
    const out = await pipeline.run('toolCall', ctx, signal);
    decisions.push(...out.decisions);
    if (out.verdict?.action === 'block') return out.verdict;
    if (patchedToolCalls(out.decisions) && choice.message) {
      // what the guards rewrote is what the client gets (never the unpatched original)
      const patched = rawToolCalls(ctx.toolCalls ?? [], choice.message.tool_calls);
      choice.message.tool_calls = patched.length > 0 ? patched : undefined;
    }
    if (out.verdict?.action === 'requireApproval')
      held.push({ choice, calls: ctx.toolCalls ?? [], decisions: out.decisions });
  }
  return undefined;
}
