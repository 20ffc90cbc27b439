// The Responses API answer built from a guarded chat answer: output items (reasoning summary, message with
// output_text or refusal, function calls), status and usage; only what the chat surface released goes in.
import { isObject, type Json } from '../surface.js';

/** What a response echoes of its request, and its identity. */
export interface ResponseFrame {
  id: string;
  createdAt: number;
  model: string;
  /** The Responses request as the client sent it (after validation). */
  request: Json;
}

/** The guarded assistant turn, in chat form: what is stored and what the output items are built from. */
export interface FinalTurn {
  message: Json;
  finishReason: string | null;
  usage?: Json;
  warden?: Json;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The id suffix shared by a response's items. */
const base = (frame: ResponseFrame): string => frame.id.replace(/^resp_/, '');

export function reasoningItem(frame: ResponseFrame, summary: string): Json {
  return { type: 'reasoning', id: `rs_${base(frame)}`, summary: [{ type: 'summary_text', text: summary }] };
}

export function messageItem(frame: ResponseFrame, content: Json[], status = 'completed'): Json {
  return { type: 'message', id: `msg_${base(frame)}`, status, role: 'assistant', content };
}

export function outputTextPart(t: string): Json {
  return { type: 'output_text', text: t, annotations: [], logprobs: [] };
}

export function functionCallItem(
  call: { id: string; name: string; arguments: string },
  status = 'completed',
): Json {
  return {
    type: 'function_call',
    id: `fc_${call.id}`,
    call_id: call.id,
    name: call.name,
    arguments: call.arguments,
    status,
  };
}

/** Tool calls of a chat message as {id, name, arguments}. */
export function callsOf(message: Json): { id: string; name: string; arguments: string }[] {
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  return calls.filter(isObject).map((c, i) => {
    const fn = isObject(c.function) ? c.function : {};
    return {
      id: typeof c.id === 'string' ? c.id : `call_${i}`,
      name: text(fn.name),
      arguments: text(fn.arguments),
    };
  });
}

/** The output items of a guarded assistant turn, in reading order. */
export function outputItems(frame: ResponseFrame, message: Json): Json[] {
  const out: Json[] = [];
  const reasoning = text(message.reasoning_content) || text(message.reasoning);
  if (reasoning) out.push(reasoningItem(frame, reasoning));
  const content = text(message.content);
  const refusal = text(message.refusal);
  const parts: Json[] = [];
  if (content) parts.push(outputTextPart(content));
  if (refusal) parts.push({ type: 'refusal', refusal });
  if (parts.length > 0) out.push(messageItem(frame, parts));
  for (const c of callsOf(message)) out.push(functionCallItem(c));
  return out;
}

/** Chat usage counters in the Responses names. */
export function responseUsage(usage: Json | undefined): Json | null {
  if (!usage) return null;
  const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const details = (v: unknown, k: string): number => (isObject(v) ? n(v[k]) : 0);
  const input = n(usage.prompt_tokens);
  const output = n(usage.completion_tokens);
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: details(usage.prompt_tokens_details, 'cached_tokens') },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: details(usage.completion_tokens_details, 'reasoning_tokens') },
    total_tokens: n(usage.total_tokens) || input + output,
  };
}

/** Response status and incomplete_details from the chat finish reason. */
export function statusOf(finishReason: string | null): { status: string; incomplete_details: Json | null } {
  if (finishReason === 'length')
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finishReason === 'content_filter')
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

/** The response object; `output` undefined means an in-progress response (stream start). */
export function responseObject(frame: ResponseFrame, turn?: FinalTurn): Json {
  const r = frame.request;
  const st = turn ? statusOf(turn.finishReason) : { status: 'in_progress', incomplete_details: null };
  return {
    id: frame.id,
    object: 'response',
    created_at: frame.createdAt,
    status: st.status,
    error: null,
    incomplete_details: st.incomplete_details,
    instructions: r.instructions ?? null,
    max_output_tokens: r.max_output_tokens ?? null,
    model: frame.model,
    output: turn ? outputItems(frame, turn.message) : [],
    parallel_tool_calls: r.parallel_tool_calls ?? true,
    previous_response_id: r.previous_response_id ?? null,
    reasoning: r.reasoning ?? { effort: null, summary: null },
    store: r.store ?? true,
    temperature: r.temperature ?? null,
    text: r.text ?? { format: { type: 'text' } },
    tool_choice: r.tool_choice ?? 'auto',
    tools: r.tools ?? [],
    top_p: r.top_p ?? null,
    truncation: r.truncation ?? 'disabled',
    usage: turn ? responseUsage(turn.usage) : null,
    user: r.user ?? null,
    metadata: r.metadata ?? {},
    ...(turn?.warden ? { warden: turn.warden } : {}),
  };
}

/** The guarded turn of a whole chat answer (its first choice: the Responses API has no `n`). */
export function turnOfChat(answer: Json): FinalTurn {
  const choice = Array.isArray(answer.choices) ? answer.choices.find(isObject) : undefined;
  const message = choice && isObject(choice.message) ? choice.message : {};
  return {
    message,
    finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : null,
    ...(isObject(answer.usage) ? { usage: answer.usage } : {}),
    ...(isObject(answer.warden) ? { warden: answer.warden } : {}),
  };
}
