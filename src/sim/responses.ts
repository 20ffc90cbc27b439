// The simulator's Responses API (POST /v1/responses, plain and streamed with typed events): the same simulated
// model as chat, with its input items, function tools, tool_choice and text.format read the Responses way.
import type { ServerResponse } from 'node:http';
import { approxTokens, fnv1a, type SimMessage, type SimReply, type SimTool, simulateReply } from './model.js';
import { parseResponseFormat, type ResponseFormat } from './structured.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function partsText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((p) =>
      isObj(p) ? (typeof p.text === 'string' ? p.text : typeof p.refusal === 'string' ? p.refusal : '') : '',
    )
    .join('');
}

/** The conversation the simulated model reads from `instructions` and `input`. */
function messagesOf(body: Json): SimMessage[] {
  const out: SimMessage[] = [];
  if (typeof body.instructions === 'string') out.push({ role: 'system', content: body.instructions });
  if (typeof body.input === 'string') out.push({ role: 'user', content: body.input });
  else if (Array.isArray(body.input))
    for (const item of body.input) {
      if (!isObj(item)) continue;
      if (item.type === 'function_call')
        out.push({
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } },
          ],
        });
      else if (item.type === 'function_call_output')
        out.push({
          role: 'tool',
          content: typeof item.output === 'string' ? item.output : partsText(item.output),
        });
      else if (typeof item.role === 'string') out.push({ role: item.role, content: partsText(item.content) });
    }
  return out;
}

function toolsOf(body: Json): SimTool[] {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  return tools
    .filter((t): t is Json => isObj(t) && t.type === 'function' && typeof t.name === 'string')
    .map((t) => ({
      type: 'function',
      function: {
        name: t.name as string,
        ...(typeof t.description === 'string' ? { description: t.description } : {}),
        parameters: t.parameters,
      },
    }));
}

function toolChoiceOf(choice: unknown): unknown {
  if (isObj(choice) && choice.type === 'function' && typeof choice.name === 'string')
    return { type: 'function', function: { name: choice.name } };
  return choice;
}

function formatOf(text: unknown): ResponseFormat | undefined {
  const f = isObj(text) ? text.format : undefined;
  if (!isObj(f)) return undefined;
  return parseResponseFormat(f.type === 'json_schema' ? { type: 'json_schema', json_schema: f } : f);
}

interface Built {
  response: Json;
  reply: SimReply;
  msgId: string;
}

function build(body: Json, model: string): Built {
  const messages = messagesOf(body);
  const format = formatOf(body.text);
  const reply = simulateReply(messages, {
    tools: toolsOf(body),
    toolChoice: toolChoiceOf(body.tool_choice),
    ...(typeof body.max_output_tokens === 'number' ? { maxTokens: body.max_output_tokens } : {}),
    ...(format ? { responseFormat: format } : {}),
  });
  const promptText = messages.map((m) => partsText(m.content)).join('\n');
  const id = `resp_sim${fnv1a(promptText).toString(36)}`;
  const msgId = `msg_sim${fnv1a(promptText).toString(36)}`;
  const output: Json[] = [];
  if (reply.content)
    output.push({
      type: 'message',
      id: msgId,
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: reply.content, annotations: [] }],
    });
  for (const c of reply.toolCalls)
    output.push({
      type: 'function_call',
      id: `fc_${c.id}`,
      call_id: c.id,
      name: c.name,
      arguments: c.arguments,
      status: 'completed',
    });
  const input = approxTokens(promptText);
  const outputTokens = approxTokens((reply.content ?? '') + reply.toolCalls.map((c) => c.arguments).join(''));
  const incomplete = reply.finishReason === 'length';
  const response: Json = {
    id,
    object: 'response',
    created_at: 1_700_000_000,
    status: incomplete ? 'incomplete' : 'completed',
    error: null,
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    tools: body.tools ?? [],
    tool_choice: body.tool_choice ?? 'auto',
    text: body.text ?? { format: { type: 'text' } },
    usage: {
      input_tokens: input,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: input + outputTokens,
    },
  };
  return { response, reply, msgId };
}

function pieces(text: string, size: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/** Answers POST /v1/responses; `previous_response_id` is not kept by the simulator (400). */
export function answerResponses(
  res: ServerResponse,
  body: Json,
  opts: { model: string; chunk: number },
  send: (status: number, body: unknown) => void,
): void {
  if (body.previous_response_id != null) {
    send(400, {
      error: {
        message: 'the simulator stores no responses',
        type: 'invalid_request_error',
        code: null,
        param: 'previous_response_id',
      },
    });
    return;
  }
  const { response, reply, msgId } = build(body, opts.model);
  if (body.stream !== true) {
    send(200, response);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let seq = 0;
  const event = (type: string, data: Json) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...data })}\n\n`);
  const start = { ...response, status: 'in_progress', output: [], usage: null };
  event('response.created', { response: start });
  event('response.in_progress', { response: start });
  let index = 0;
  if (reply.content) {
    const at = { item_id: msgId, output_index: index, content_index: 0 };
    event('response.output_item.added', {
      output_index: index,
      item: { type: 'message', id: msgId, status: 'in_progress', role: 'assistant', content: [] },
    });
    event('response.content_part.added', { ...at, part: { type: 'output_text', text: '', annotations: [] } });
    for (const delta of pieces(reply.content, opts.chunk))
      event('response.output_text.delta', { ...at, delta });
    event('response.output_text.done', { ...at, text: reply.content });
    const item = (response.output as Json[])[0]!;
    event('response.content_part.done', { ...at, part: (item.content as Json[])[0]! });
    event('response.output_item.done', { output_index: index, item });
    index++;
  }
  for (const c of reply.toolCalls) {
    const item = {
      type: 'function_call',
      id: `fc_${c.id}`,
      call_id: c.id,
      name: c.name,
      arguments: '',
      status: 'in_progress',
    };
    event('response.output_item.added', { output_index: index, item });
    for (const delta of pieces(c.arguments, opts.chunk))
      event('response.function_call_arguments.delta', { item_id: item.id, output_index: index, delta });
    event('response.function_call_arguments.done', {
      item_id: item.id,
      output_index: index,
      arguments: c.arguments,
    });
    event('response.output_item.done', {
      output_index: index,
      item: { ...item, arguments: c.arguments, status: 'completed' },
    });
    index++;
  }
  event(response.status === 'completed' ? 'response.completed' : 'response.incomplete', { response });
  res.end();
}
