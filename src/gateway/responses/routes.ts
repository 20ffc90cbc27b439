// The Responses API routes: POST /v1/responses runs the chat path (identity, limits, every guard, approvals,
// audit) on the translated request and shapes its guarded answer; GET /v1/responses/{id} re-guards a stored one.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardContext, Principal } from '../../core/context.js';
import { isWardenError, WardenError } from '../../core/errors.js';
import type { ResponseStore } from '../../store/sqlite/responses.js';
import type { AnswerShape, UpstreamDialect } from '../answer-shape.js';
import { Exchange } from '../exchange.js';
import { sendError, sendJson } from '../http.js';
import type { GatewayDeps } from '../proxy-call.js';
import { isObject, type Json } from '../surface.js';
import { guardAnswer, withhold } from '../surface-json.js';
import type { Upstream } from '../upstream.js';
import { type FinalTurn, type ResponseFrame, responseObject, turnOfChat } from './answer.js';
import { ResponseShape } from './events.js';
import { passthroughDialect } from './passthrough.js';
import { toChatRequest } from './request.js';

/** How /v1/responses reaches an upstream: as configured, else passthrough for OpenAI's own API only. */
export function responsesMode(upstream: Upstream): 'translate' | 'passthrough' {
  const set = upstream.config.responses;
  if (set) return set;
  return new URL(upstream.config.baseUrl).hostname === 'api.openai.com' ? 'passthrough' : 'translate';
}

/** What a stored response keeps: its request, the conversation so far (chat form) and the guarded turn. */
interface StoredData {
  createdAt: number;
  request: Json;
  conversation: Json[];
  turn: FinalTurn;
}

const RESPONSE_ID = /^resp_[0-9a-f]{32}$/;

function responseId(): string {
  return `resp_${randomUUID().replace(/-/g, '')}`;
}

/** The assistant turn as history for a follow-up request: its answer text and tool calls, no reasoning. */
function historyTurn(turn: FinalTurn): Json {
  const m = turn.message;
  // A withheld turn has no text: '' keeps the history valid for upstreams that refuse a null content.
  const content = typeof m.content === 'string' ? m.content : typeof m.refusal === 'string' ? m.refusal : '';
  return {
    role: 'assistant',
    content,
    ...(Array.isArray(m.tool_calls) && m.tool_calls.length > 0 ? { tool_calls: m.tool_calls } : {}),
  };
}

/**
 * The store and the id to look up in it: no store is a 400 naming the field; only Warden's own id shape is
 * looked up or echoed (a caller's arbitrary text never reaches an error), anything else is a 404.
 */
function storedId(
  store: ResponseStore | undefined,
  id: unknown,
  field: string,
): { store: ResponseStore; id: string } {
  if (!store)
    throw new WardenError('WARDEN_RESPONSES_NO_STORE', { detail: `${field} needs a response store`, field });
  if (typeof id !== 'string' || !RESPONSE_ID.test(id)) throw notFound('-', field);
  return { store, id };
}

function notFound(id: string, field: string): WardenError {
  return new WardenError('WARDEN_RESPONSE_NOT_FOUND', { id, field });
}

function stored(
  store: ResponseStore | undefined,
  id: unknown,
  principal: Principal,
  field: string,
): StoredData {
  const at = storedId(store, id, field);
  const rec = at.store.get(at.id, principal.id);
  if (!rec) throw notFound(at.id, field);
  return JSON.parse(rec.data) as StoredData;
}

/**
 * The chat body a Responses request runs as, and the shape its answer takes. With a store, the guarded answer
 * is kept for previous_response_id and GET (unless the request says `store: false`).
 */
export function prepareResponses(
  body: Json,
  principal: Principal,
  store: ResponseStore | undefined,
  upstream: Upstream,
): { body: Json; shape: AnswerShape; dialect?: UpstreamDialect; detail: Record<string, string> } {
  const prev = body.previous_response_id;
  const history =
    prev === undefined || prev === null
      ? []
      : stored(store, prev, principal, 'previous_response_id').conversation;
  const chat = toChatRequest(body, history);
  // Usage settles quotas and fills the response's usage: always asked for.
  if (chat.stream === true) chat.stream_options = { include_usage: true };
  const messages = chat.messages as Json[];
  // The caller's own turns, before request guards patch the body; instructions are not carried over.
  const conversation = structuredClone(
    messages.slice(typeof body.instructions === 'string' && body.instructions ? 1 : 0),
  );
  const frame: ResponseFrame = {
    id: responseId(),
    createdAt: Math.floor(Date.now() / 1000),
    model: String(body.model),
    request: body,
  };
  const keep = store && body.store !== false ? store : undefined;
  const shape = new ResponseShape(frame, (turn) => {
    if (!keep) return;
    const data: StoredData = {
      createdAt: frame.createdAt,
      request: body,
      conversation: [...conversation, historyTurn(turn)],
      turn,
    };
    keep.put({
      id: frame.id,
      principalId: principal.id,
      createdAt: frame.createdAt,
      data: JSON.stringify(data),
    });
  });
  const mode = responsesMode(upstream);
  const dialect = mode === 'passthrough' ? passthroughDialect(body, upstream.name) : undefined;
  // The audit record names the API and the response id a client will quote.
  const detail = { api: 'responses', responseId: frame.id, mode };
  return { body: chat, shape, detail, ...(dialect ? { dialect } : {}) };
}

/** What a stored-response route needs beside the gateway's deps: the audit path exchanges take. */
export type AuditPath = Parameters<Exchange['finish']>[0];

/**
 * Runs one stored-response operation as an audited exchange (route chat, detail api responses + operation):
 * the record is written before the answer goes out, and an answer that cannot be recorded is a 503.
 */
async function audited(
  deps: GatewayDeps,
  audit: AuditPath,
  o: { req: IncomingMessage; res: ServerResponse; id: string; operation: 'read' | 'delete' },
  run: (
    exchange: Exchange,
    principal: Principal,
  ) => Promise<{ status: number; body: Json; headers?: Record<string, string> }>,
): Promise<void> {
  const exchange = new Exchange(randomUUID());
  const { requestId } = exchange;
  exchange.route = 'chat';
  exchange.api = 'responses';
  exchange.detail = {
    api: 'responses',
    responseId: RESPONSE_ID.test(o.id) ? o.id : '-',
    operation: o.operation,
  };
  let reply: { status: number; body: Json; headers?: Record<string, string> } | undefined;
  let failure: WardenError | undefined;
  try {
    if (deps.audit?.health?.().state === 'unavailable') throw new WardenError('WARDEN_AUDIT_UNAVAILABLE');
    const principal = await deps.access.authenticate(o.req);
    exchange.principal = principal;
    reply = await run(exchange, principal);
    exchange.status = reply.status;
  } catch (err) {
    failure = isWardenError(err) ? err : new WardenError('WARDEN_INTERNAL', { requestId }, { cause: err });
    exchange.fail(failure.code, failure.status, failure.type === 'guard_error' ? 'blocked' : 'error');
  }
  if (!(await exchange.finish(audit))) {
    reply = undefined;
    failure = new WardenError('WARDEN_AUDIT_UNAVAILABLE');
  }
  if (reply) sendJson(o.res, reply.status, reply.body, { 'x-request-id': requestId, ...reply.headers });
  else sendError(o.res, failure ?? new WardenError('WARDEN_INTERNAL', { requestId }), requestId);
}

/** GET /v1/responses/{id}: the stored answer through the response and tool-call guards, like a fresh one. */
export function getResponse(
  deps: GatewayDeps,
  audit: AuditPath,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
): Promise<void> {
  return audited(deps, audit, { req, res, id, operation: 'read' }, async (exchange, principal) => {
    const data = stored(deps.responses, id, principal, 'id');
    const model = String(data.request.model);
    exchange.model = model;
    deps.access.authorize(principal, 'chat', model);
    // A read runs the response guards again: it counts against the caller's request limits like an answer.
    const admission = await deps.access.admit(principal, 'chat', { model, messages: [] });
    try {
      const body = await answerStored(deps, exchange, { id, data, principal, model });
      return { status: 200, body, headers: admission.headers };
    } finally {
      admission.release(undefined);
    }
  });
}

/** DELETE /v1/responses/{id}: the owner deletes a stored response; any other id (or caller) is a 404. */
export function deleteResponse(
  deps: GatewayDeps,
  audit: AuditPath,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
): Promise<void> {
  return audited(deps, audit, { req, res, id, operation: 'delete' }, async (_exchange, principal) => {
    deps.access.requireScope(principal, 'chat');
    const at = storedId(deps.responses, id, 'id');
    if (!at.store.delete(at.id, principal.id)) throw notFound(at.id, 'id');
    return { status: 200, body: { id, object: 'response', deleted: true } };
  });
}

async function answerStored(
  deps: GatewayDeps,
  exchange: Exchange,
  o: { id: string; data: StoredData; principal: Principal; model: string },
): Promise<Json> {
  const { id, data, principal, model } = o;
  const ctx: GuardContext = {
    requestId: exchange.requestId,
    route: 'chat',
    principal,
    model,
    body: { model, messages: data.conversation.slice(0, -1) },
    state: new Map(),
    log: deps.log,
  };
  const choice: Json = {
    index: 0,
    message: structuredClone(data.turn.message),
    finish_reason: data.turn.finishReason,
  };
  const answer: Json = { choices: [choice], ...(data.turn.usage ? { usage: data.turn.usage } : {}) };
  if (isObject(data.turn.warden)) answer.warden = data.turn.warden;
  const out = await guardAnswer(
    { ctx, pipeline: deps.pipeline, signal: new AbortController().signal },
    answer,
    'chat',
  );
  exchange.addDecisions(out.decisions);
  // No approval flow on a read: calls a guard would hold are withheld.
  for (const h of out.held) withhold(h.choice);
  if (out.held.length > 0) exchange.outcome = 'filtered';
  if (out.filteredBy) {
    exchange.outcome = 'filtered';
    exchange.code = 'WARDEN_CONTENT_FILTERED';
    answer.warden = {
      code: 'WARDEN_CONTENT_FILTERED',
      guard: out.filteredBy.guardId,
      reason: out.filteredBy.reason,
    };
  }
  const frame: ResponseFrame = { id, createdAt: data.createdAt, model, request: data.request };
  return responseObject(frame, turnOfChat(answer)) as Json;
}
