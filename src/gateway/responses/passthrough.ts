// Passthrough to an upstream that speaks the Responses API: the guarded chat body is written back as a Responses
// request, and the upstream's answer (JSON or typed events) is read into chat form so that the same response
// surface guards it; output items and events Warden does not know are dropped (decision 1910).
import { WardenError } from '../../core/errors.js';
import type { UpstreamDialect } from '../answer-shape.js';
import { isObject, type Json } from '../surface.js';

const REASONING_SUMMARY = new Set(['auto', 'concise', 'detailed']);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function partsOf(content: unknown, role: string): Json[] {
  const textType = role === 'assistant' ? 'output_text' : 'input_text';
  if (typeof content === 'string') return [{ type: textType, text: content }];
  if (!Array.isArray(content)) return [];
  return content.filter(isObject).map((p) =>
    p.type === 'image_url' && isObject(p.image_url)
      ? {
          type: 'input_image',
          image_url: p.image_url.url,
          ...(p.image_url.detail ? { detail: p.image_url.detail } : {}),
        }
      : { type: textType, text: str(p.text) },
  );
}

/** The Responses request for a guarded chat body; `original` lends the fields that carry no text. */
export function toResponsesRequest(chat: Json, original: Json): Json {
  const out: Json = { model: chat.model };
  const messages = (Array.isArray(chat.messages) ? chat.messages : []).filter(isObject);
  let first = 0;
  if (typeof original.instructions === 'string' && original.instructions && messages[0]?.role === 'system') {
    out.instructions = typeof messages[0].content === 'string' ? messages[0].content : '';
    first = 1;
  }
  const input: Json[] = [];
  for (const m of messages.slice(first)) {
    const role = str(m.role);
    if (role === 'tool') {
      const output =
        typeof m.content === 'string'
          ? m.content
          : partsOf(m.content, 'user')
              .map((p) => str(p.text))
              .join('');
      input.push({ type: 'function_call_output', call_id: str(m.tool_call_id), output });
      continue;
    }
    const parts = partsOf(m.content, role);
    if (parts.length > 0 && !(parts.length === 1 && parts[0]!.text === ''))
      input.push({ type: 'message', role, content: parts });
    for (const c of Array.isArray(m.tool_calls) ? m.tool_calls.filter(isObject) : []) {
      const fn = isObject(c.function) ? c.function : {};
      input.push({
        type: 'function_call',
        call_id: str(c.id),
        name: str(fn.name),
        arguments: str(fn.arguments),
      });
    }
  }
  out.input = input;
  if (Array.isArray(chat.tools))
    out.tools = chat.tools
      .filter(isObject)
      .map((t) => ({ type: 'function', ...(isObject(t.function) ? t.function : {}) }));
  const tc = chat.tool_choice;
  if (tc !== undefined)
    out.tool_choice =
      isObject(tc) && isObject(tc.function) ? { type: 'function', name: tc.function.name } : tc;
  const text: Json = {};
  const rf = chat.response_format;
  if (isObject(rf))
    text.format =
      rf.type === 'json_schema' && isObject(rf.json_schema)
        ? { type: 'json_schema', ...rf.json_schema }
        : { type: rf.type };
  if (chat.verbosity !== undefined) text.verbosity = chat.verbosity;
  if (Object.keys(text).length > 0) out.text = text;
  // Settings from the raw request are copied only as enumerated values: a string there skipped the guards.
  const summary = isObject(original.reasoning) ? original.reasoning.summary : undefined;
  if (chat.reasoning_effort !== undefined || summary !== undefined)
    out.reasoning = {
      ...(chat.reasoning_effort !== undefined ? { effort: chat.reasoning_effort } : {}),
      ...(typeof summary === 'string' && REASONING_SUMMARY.has(summary) ? { summary } : {}),
    };
  if (typeof chat.max_tokens === 'number') out.max_output_tokens = chat.max_tokens;
  for (const k of [
    'temperature',
    'top_p',
    'parallel_tool_calls',
    'user',
    'service_tier',
    'safety_identifier',
    'prompt_cache_key',
    'stream',
  ])
    if (chat[k] !== undefined) out[k] = chat[k];
  if (original.truncation === 'auto' || original.truncation === 'disabled')
    out.truncation = original.truncation;
  // Warden keeps the conversation itself (previous_response_id): the upstream never holds an unguarded copy.
  out.store = false;
  return out;
}

function finishOf(status: unknown, reason: unknown, calls: number): string {
  if (status === 'incomplete') return reason === 'content_filter' ? 'content_filter' : 'length';
  return calls > 0 ? 'tool_calls' : 'stop';
}

function chatUsage(u: unknown): Json | undefined {
  if (!isObject(u)) return undefined;
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const d = (v: unknown, k: string) => (isObject(v) ? n(v[k]) : 0);
  return {
    prompt_tokens: n(u.input_tokens),
    completion_tokens: n(u.output_tokens),
    total_tokens: n(u.total_tokens),
    prompt_tokens_details: { cached_tokens: d(u.input_tokens_details, 'cached_tokens') },
    completion_tokens_details: { reasoning_tokens: d(u.output_tokens_details, 'reasoning_tokens') },
  };
}

/** The upstream's response object as a chat completion: its output items by type, the rest dropped. */
export function chatOfResponse(r: Json, upstream: string): Json {
  if (r.error !== undefined && r.error !== null)
    throw new WardenError('WARDEN_UPSTREAM_ERROR', { upstream, upstreamStatus: 200 });
  let content = '';
  let refusal = '';
  let reasoning = '';
  const calls: Json[] = [];
  for (const item of Array.isArray(r.output) ? r.output.filter(isObject) : []) {
    if (item.type === 'message' && Array.isArray(item.content))
      for (const p of item.content.filter(isObject)) {
        if (p.type === 'output_text') content += str(p.text);
        else if (p.type === 'refusal') refusal += str(p.refusal);
      }
    else if (item.type === 'reasoning')
      for (const k of ['summary', 'content'])
        for (const p of Array.isArray(item[k]) ? (item[k] as unknown[]).filter(isObject) : [])
          reasoning += str(p.text);
    else if (item.type === 'function_call')
      calls.push({
        id: str(item.call_id),
        type: 'function',
        function: { name: str(item.name), arguments: str(item.arguments) },
      });
  }
  const message: Json = { role: 'assistant', content: content || null };
  if (reasoning) message.reasoning_content = reasoning;
  if (refusal) message.refusal = refusal;
  if (calls.length > 0) message.tool_calls = calls;
  const reason = isObject(r.incomplete_details) ? r.incomplete_details.reason : undefined;
  const usage = chatUsage(r.usage);
  return {
    id: str(r.id),
    object: 'chat.completion',
    created: typeof r.created_at === 'number' ? r.created_at : 0,
    model: str(r.model),
    choices: [{ index: 0, message, finish_reason: finishOf(r.status, reason, calls.length), logprobs: null }],
    ...(usage ? { usage } : {}),
  };
}

/** Reads the upstream's typed events as chat chunks (the data lines the stream relay expects). */
export class UpstreamEvents {
  private template: Json = { id: '', object: 'chat.completion.chunk', created: 0, model: '' };
  private readonly callIndex = new Map<string, number>();

  constructor(private readonly upstream: string) {}

  private chunk(delta: Json, finish: string | null = null): string {
    return JSON.stringify({ ...this.template, choices: [{ index: 0, delta, finish_reason: finish }] });
  }

  feed(data: string): string[] {
    let e: Json;
    try {
      const v: unknown = JSON.parse(data);
      if (!isObject(v)) return [data];
      e = v;
    } catch {
      return [data];
    }
    const delta = str(e.delta);
    switch (e.type) {
      case 'response.created': {
        const r = isObject(e.response) ? e.response : {};
        this.template = {
          ...this.template,
          id: str(r.id),
          created: Number(r.created_at) || 0,
          model: str(r.model),
        };
        return [];
      }
      case 'response.output_text.delta':
        return delta ? [this.chunk({ content: delta })] : [];
      case 'response.refusal.delta':
        return delta ? [this.chunk({ refusal: delta })] : [];
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        return delta ? [this.chunk({ reasoning_content: delta })] : [];
      case 'response.output_item.added': {
        const item = isObject(e.item) ? e.item : {};
        if (item.type !== 'function_call') return [];
        const index = this.callIndex.size;
        this.callIndex.set(str(item.id), index);
        const fn = { name: str(item.name), arguments: str(item.arguments) };
        return [
          this.chunk({ tool_calls: [{ index, id: str(item.call_id), type: 'function', function: fn }] }),
        ];
      }
      case 'response.function_call_arguments.delta': {
        const index = this.callIndex.get(str(e.item_id));
        if (index === undefined || !delta) return [];
        return [this.chunk({ tool_calls: [{ index, function: { arguments: delta } }] })];
      }
      case 'response.completed':
      case 'response.incomplete': {
        const r = isObject(e.response) ? e.response : {};
        const reason = isObject(r.incomplete_details) ? r.incomplete_details.reason : undefined;
        const usage = chatUsage(r.usage);
        return [
          this.chunk({}, finishOf(r.status, reason, this.callIndex.size)),
          ...(usage ? [JSON.stringify({ ...this.template, choices: [], usage })] : []),
          '[DONE]',
        ];
      }
      case 'response.failed':
      case 'error':
        return [JSON.stringify({ error: { message: 'upstream error', upstream: this.upstream } })];
      default:
        // Lifecycle and `.done` events repeat what the deltas carried; anything else is not known: dropped.
        return [];
    }
  }
}

/** The dialect of a passthrough upstream for one Responses request. */
export function passthroughDialect(original: Json, upstream: string): UpstreamDialect {
  const events = new UpstreamEvents(upstream);
  return {
    path: '/responses',
    body: (chat) => toResponsesRequest(chat, original),
    answer: (json) => chatOfResponse(json, upstream),
    events: (data) => events.feed(data),
  };
}
