// The Responses API request on the surface model: every field and input item is mapped onto the chat
// completions shape (whose texts request-texts.ts reads with their roles), dropped when it carries no text
// the model would read, or refused; nothing is passed unseen (docs/lifecycle.md, decision 1910).
import { z } from 'zod';
import { WardenError } from '../../core/errors.js';
import { completionMax } from '../schemas.js';
import { isObject, type Json } from '../surface.js';

const model = z.string().min(1, 'model is required').max(256);

/** Shape only; which fields and items are known is decided by the tables below. */
export const responsesRequestSchema = z.looseObject({
  model,
  input: z.union([z.string(), z.array(z.unknown())]).optional(),
  instructions: z.string().nullable().optional(),
  stream: z.boolean().optional(),
  previous_response_id: z.string().min(1).max(128).nullable().optional(),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
  max_output_tokens: completionMax,
});

/** What each top-level field becomes: a chat field, `drop` (no text, no chat counterpart), or `refuse`. */
const TOP: Readonly<Record<string, string>> = {
  model: 'model',
  input: 'messages',
  instructions: 'messages',
  tools: 'tools',
  tool_choice: 'tool_choice',
  parallel_tool_calls: 'parallel_tool_calls',
  text: 'response_format',
  reasoning: 'reasoning_effort',
  max_output_tokens: 'max_tokens',
  temperature: 'temperature',
  top_p: 'top_p',
  stream: 'stream',
  user: 'user',
  service_tier: 'service_tier',
  safety_identifier: 'safety_identifier',
  prompt_cache_key: 'prompt_cache_key',
  previous_response_id: 'messages',
  // Warden keeps responses itself (config responses.store); the upstream never stores them.
  store: 'drop',
  metadata: 'drop',
  include: 'drop',
  truncation: 'drop',
  top_logprobs: 'drop',
  stream_options: 'drop',
  max_tool_calls: 'drop',
  background: 'refuse',
  conversation: 'refuse',
  prompt: 'refuse',
};

/** Tools that run at the upstream, outside Warden's tool policy: refused (decision 1910). */
const HOSTED_TOOLS =
  /^(mcp|code_interpreter|file_search|web_search.*|computer_use.*|image_generation|local_shell|shell|apply_patch|custom)$/;

/** Known keys per input item type (an item without `type` but with `role` is a message). */
const ITEM_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  message: new Set(['type', 'role', 'content', 'id', 'status']),
  function_call: new Set(['type', 'call_id', 'name', 'arguments', 'id', 'status']),
  function_call_output: new Set(['type', 'call_id', 'output', 'id', 'status']),
  reasoning: new Set(['type', 'id', 'summary', 'content', 'encrypted_content', 'status']),
};

/** Known keys per content-part type; `annotations` and `logprobs` of history output carry no prose the model reads. */
const PART_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  input_text: new Set(['type', 'text']),
  output_text: new Set(['type', 'text', 'annotations', 'logprobs']),
  refusal: new Set(['type', 'refusal']),
  summary_text: new Set(['type', 'text']),
  input_image: new Set(['type', 'image_url', 'detail', 'file_id']),
  input_file: new Set(['type', 'file_data', 'filename', 'file_id', 'file_url']),
};

const ROLES = new Set(['user', 'system', 'developer', 'assistant']);

/** File types whose bytes are text Warden can read and guard; any other file is refused. */
const TEXT_MIME = /^(text\/[\w.+-]+|application\/(json|xml|x-yaml|yaml|csv))$/;

function refuse(detail: string, field: string): never {
  throw new WardenError('WARDEN_RESPONSES_UNSUPPORTED', { detail, field });
}

function checkKeys(obj: Json, known: ReadonlySet<string>, at: string): void {
  for (const k of Object.keys(obj)) if (!known.has(k)) refuse(`unknown field ${k}`, `${at}.${k}`);
}

type ChatPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: Json };

/** An input_file's text, decoded from a data URL of a text type; refused when it is not readable text. */
function fileText(part: Json, at: string): string {
  const data = part.file_data;
  if (typeof data !== 'string')
    refuse('input_file is read only from file_data (file_id and file_url are refused)', at);
  const m = /^data:([\w.+/-]+)(;charset=[\w-]+)?;base64,([A-Za-z0-9+/=\s]*)$/.exec(data);
  if (!m || !TEXT_MIME.test(m[1]!)) refuse('input_file must be a base64 data URL of a text type', at);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(m[3]!, 'base64'));
  } catch {
    refuse('input_file is not valid UTF-8 text', at);
  }
  const name = typeof part.filename === 'string' ? part.filename.slice(0, 200) : 'file';
  return `[file ${name}]\n${text}`;
}

/** A message item's content as chat parts (texts and images), every part type and key checked. */
function contentParts(content: unknown, at: string): ChatPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) refuse('content must be a string or an array of parts', at);
  return content.map((p, j): ChatPart => {
    const where = `${at}.${j}`;
    if (!isObject(p) || typeof p.type !== 'string' || !Object.hasOwn(PART_KEYS, p.type))
      refuse(`unknown content part type ${isObject(p) ? String(p.type).slice(0, 40) : typeof p}`, where);
    checkKeys(p, PART_KEYS[p.type]!, where);
    if (p.type === 'input_image') {
      if (typeof p.image_url !== 'string') refuse('input_image needs image_url (file_id is refused)', where);
      return {
        type: 'image_url',
        image_url: { url: p.image_url, ...(typeof p.detail === 'string' ? { detail: p.detail } : {}) },
      };
    }
    if (p.type === 'input_file') return { type: 'text', text: fileText(p, where) };
    const text = p.type === 'refusal' ? p.refusal : p.text;
    if (typeof text !== 'string') refuse('a text part needs its text', where);
    return { type: 'text', text };
  });
}

const joined = (parts: ChatPart[]): string => parts.map((p) => (p.type === 'text' ? p.text : '')).join('');

/** The chat messages for the Responses `input` (a string, or items). */
export function inputMessages(input: unknown): Json[] {
  if (input === undefined) return [];
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  const out: Json[] = [];
  (input as unknown[]).forEach((raw, i) => {
    const at = `input.${i}`;
    if (!isObject(raw)) refuse('an input item must be an object', at);
    const type = raw.type === undefined && typeof raw.role === 'string' ? 'message' : raw.type;
    if (typeof type !== 'string' || !Object.hasOwn(ITEM_KEYS, type))
      refuse(`input item type ${String(type).slice(0, 40)} is not supported`, `${at}.type`);
    checkKeys(raw, ITEM_KEYS[type]!, at);
    if (type === 'message') {
      const role = String(raw.role);
      if (!ROLES.has(role)) refuse(`unknown role ${role.slice(0, 20)}`, `${at}.role`);
      const parts = contentParts(raw.content, `${at}.content`);
      const images = parts.some((p) => p.type === 'image_url');
      if (images && role !== 'user') refuse('images are accepted in user messages only', `${at}.content`);
      out.push({ role, content: images ? parts : joined(parts) });
    } else if (type === 'function_call') {
      if (
        typeof raw.call_id !== 'string' ||
        typeof raw.name !== 'string' ||
        typeof raw.arguments !== 'string'
      )
        refuse('a function_call needs call_id, name and arguments', at);
      const call = {
        id: raw.call_id,
        type: 'function',
        function: { name: raw.name, arguments: raw.arguments },
      };
      const last = out.at(-1);
      // Consecutive calls are one assistant turn in chat.
      if (last?.role === 'assistant' && Array.isArray(last.tool_calls))
        (last.tool_calls as Json[]).push(call);
      else out.push({ role: 'assistant', content: null, tool_calls: [call] });
    } else if (type === 'function_call_output') {
      if (typeof raw.call_id !== 'string') refuse('a function_call_output needs call_id', at);
      const content =
        typeof raw.output === 'string' ? raw.output : joined(contentParts(raw.output, `${at}.output`));
      out.push({ role: 'tool', tool_call_id: raw.call_id, content });
    }
    // `reasoning` items: a chat upstream cannot take them back; dropped (the model never reads them).
  });
  return out;
}

function chatTools(tools: unknown[]): Json[] {
  return tools.map((t, i) => {
    const at = `tools.${i}`;
    const tool = t as Json;
    if (typeof tool.type === 'string' && HOSTED_TOOLS.test(tool.type))
      refuse(`hosted tool ${tool.type} runs at the upstream, outside Warden's tool policy`, `${at}.type`);
    if (tool.type !== 'function')
      refuse(`tool type ${String(tool.type).slice(0, 40)} is not supported`, `${at}.type`);
    checkKeys(tool, new Set(['type', 'name', 'description', 'parameters', 'strict']), at);
    if (typeof tool.name !== 'string') refuse('a function tool needs a name', `${at}.name`);
    const fn: Json = { name: tool.name };
    if (tool.description != null) fn.description = tool.description;
    if (tool.parameters != null) fn.parameters = tool.parameters;
    if (tool.strict != null) fn.strict = tool.strict;
    return { type: 'function', function: fn };
  });
}

function chatToolChoice(choice: unknown): unknown {
  if (typeof choice === 'string') return choice;
  if (isObject(choice) && choice.type === 'function' && typeof choice.name === 'string')
    return { type: 'function', function: { name: choice.name } };
  return refuse('tool_choice must be auto, none, required or a function by name', 'tool_choice');
}

function chatFormat(text: unknown, into: Json): void {
  if (!isObject(text)) refuse('text must be an object', 'text');
  checkKeys(text, new Set(['format', 'verbosity']), 'text');
  if (typeof text.verbosity === 'string') into.verbosity = text.verbosity;
  const f = text.format;
  if (f === undefined || f === null) return;
  if (!isObject(f)) refuse('text.format must be an object', 'text.format');
  if (f.type === 'text') return;
  if (f.type === 'json_object') into.response_format = { type: 'json_object' };
  else if (f.type === 'json_schema') {
    checkKeys(f, new Set(['type', 'name', 'schema', 'strict', 'description']), 'text.format');
    const { type: _t, ...schema } = f;
    into.response_format = { type: 'json_schema', json_schema: schema };
  } else refuse(`text.format type ${String(f.type).slice(0, 40)} is not supported`, 'text.format.type');
}

/**
 * The chat completions body for a Responses request: `history` (a stored previous response's turns) goes
 * before the new input, `instructions` first as a system message (read as caller-system text).
 */
export function toChatRequest(body: Json, history: readonly Json[] = []): Json {
  for (const k of Object.keys(body)) {
    const to = Object.hasOwn(TOP, k) ? TOP[k] : undefined;
    if (to === undefined) refuse(`unknown field ${k.slice(0, 60)}`, k);
    if (to === 'refuse' && body[k] !== undefined && body[k] !== null && body[k] !== false)
      refuse(`${k} is not supported by Warden`, k);
  }
  const chat: Json = { model: body.model };
  const messages: Json[] = [];
  if (typeof body.instructions === 'string' && body.instructions.length > 0)
    messages.push({ role: 'system', content: body.instructions });
  messages.push(...history, ...inputMessages(body.input));
  if (messages.length === 0) refuse('input is required', 'input');
  chat.messages = messages;
  if (Array.isArray(body.tools) && body.tools.length > 0) chat.tools = chatTools(body.tools);
  if (body.tool_choice != null) chat.tool_choice = chatToolChoice(body.tool_choice);
  if (body.text != null) chatFormat(body.text, chat);
  if (body.reasoning != null) {
    if (!isObject(body.reasoning)) refuse('reasoning must be an object', 'reasoning');
    checkKeys(body.reasoning, new Set(['effort', 'summary', 'generate_summary']), 'reasoning');
    if (typeof body.reasoning.effort === 'string') chat.reasoning_effort = body.reasoning.effort;
  }
  for (const k of ['parallel_tool_calls', 'temperature', 'top_p', 'stream', 'user', 'service_tier'] as const)
    if (body[k] != null) chat[k] = body[k];
  for (const k of ['safety_identifier', 'prompt_cache_key'] as const) if (body[k] != null) chat[k] = body[k];
  if (typeof body.max_output_tokens === 'number') chat.max_tokens = body.max_output_tokens;
  return chat;
}
