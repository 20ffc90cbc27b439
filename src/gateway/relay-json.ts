// Relays a non-streamed exchange: upstream JSON in, output and tool-call guards applied, JSON out.
import type { ServerResponse } from 'node:http';
import { type HoldOutcome, pendingIds, pendingText, withheldField } from '../agents/approvals/gate.js';
import type { ToolCallView } from '../core/context.js';
import type { BlockDecision, Decision } from '../core/decision.js';
import { WardenError } from '../core/errors.js';
import { scrubSecrets } from '../core/redact.js';
import { sendJson } from './http.js';
import type { GatewayDeps, ProxyCall } from './proxy-call.js';
import { isObject, type Json, pruneEmbeddings } from './surface.js';
import { guardAnswer, type HeldCalls, withhold } from './surface-json.js';
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

export async function relayJson(call: ProxyCall, res: ServerResponse, deps: GatewayDeps): Promise<void> {
  const { ctx, upstream, exchange, cancel } = call;
  const started = performance.now();
  const up = await upstream.request(
    'POST',
    call.dialect?.path ?? call.upstreamPath,
    JSON.stringify(call.dialect ? call.dialect.body(ctx.body) : ctx.body),
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
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('not an object');
  } catch {
    throw new WardenError('WARDEN_UPSTREAM_BAD_RESPONSE', { upstream: upstream.name });
  }
  if (call.dialect) json = call.dialect.answer(json);
  exchange.usage = usageOf(json);
  let filteredBy: BlockDecision | undefined;
  let changed = false;
  let held: HeldCalls[] = [];
  if (ctx.route === 'embeddings') {
    // Numbers only: the raw bytes go out unless the surface dropped a field it does not know.
    changed = pruneEmbeddings(json);
  } else if (deps.pipeline.has('response') || deps.pipeline.has('toolCall')) {
    // Always re-serialised: what the guards read is then exactly what the client parses (no duplicate keys).
    changed = true;
    const { signal } = cancel;
    const out = await guardAnswer(
      { ctx, pipeline: deps.pipeline, signal },
      json,
      ctx.route === 'chat' ? 'chat' : 'completion',
    );
    filteredBy = out.filteredBy;
    held = out.held;
    exchange.addDecisions(out.decisions);
  }
  const headers: Record<string, string> = { 'x-request-id': ctx.requestId, ...call.admission.headers };
  // Held whatever finish reason the upstream gave the choice: its own content_filter must not release the calls.
  if (held.length > 0) {
    const hold = await holdForApproval(
      call,
      deps,
      held.flatMap((h) => h.calls),
      held.flatMap((h) => h.decisions),
    );
    if (hold.kind === 'withheld' && hold.status === 'pending') {
      // A normal completion that says approval is pending (decision 1701): SDKs read it, none retries it.
      for (const h of held) answerPending(h.choice, pendingText(hold));
      exchange.outcome = 'pending';
      exchange.code = 'WARDEN_APPROVAL_REQUIRED';
      headers['x-warden-approval-id'] = pendingIds(hold);
      json.warden = withheldField(hold);
    } else if (hold.kind === 'withheld') {
      for (const h of held) withhold(h.choice);
      exchange.outcome = 'filtered';
      exchange.code = 'WARDEN_APPROVAL_DENIED';
      json.warden = withheldField(hold);
    }
  }
  if (filteredBy && exchange.outcome !== 'pending') {
    exchange.outcome = 'filtered';
    exchange.code = 'WARDEN_CONTENT_FILTERED';
    headers['x-warden-filtered-by'] = filteredBy.guardId;
    json.warden = { code: 'WARDEN_CONTENT_FILTERED', guard: filteredBy.guardId, reason: filteredBy.reason };
  }
  exchange.status = 200;
  if (exchange.trace) exchange.noteAnswer(json);
  await call.finalize();
  // Unguarded answers (and embeddings the surface left whole) go out byte for byte.
  sendJson(res, 200, call.shape ? call.shape.json(json) : changed ? json : text, headers);
}

/** Replaces a held choice's tool calls with an assistant message saying approval is pending. */
function answerPending(choice: Json, text: string): void {
  const msg = choice.message;
  if (isObject(msg)) {
    msg.content = text;
    delete msg.tool_calls;
    delete msg.function_call;
  } else choice.text = text;
  if (choice.logprobs !== undefined) choice.logprobs = null;
  choice.finish_reason = 'stop';
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
