// HTTP server of the simulated model: an OpenAI-compatible API (chat, completions, embeddings, streaming, tools).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  approxTokens,
  fnv1a,
  SIM_CHAT_MODEL,
  SIM_EMBED_MODEL,
  type SimMessage,
  type SimReply,
  type SimTool,
  simulateEmbedding,
  simulateReply,
} from './model.js';
import { answerResponses } from './responses.js';
import { parseResponseFormat } from './structured.js';

export interface SimServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function error(res: ServerResponse, status: number, message: string): void {
  json(res, status, { error: { message, type: 'invalid_request_error', code: null, param: null } });
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 16 * 1024 * 1024) return undefined;
    chunks.push(c as Buffer);
  }
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function splitText(text: string, size: number): string[] {
  const out: string[] = [];
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

async function streamReply(
  res: ServerResponse,
  reply: SimReply,
  opts: {
    id: string;
    model: string;
    route: 'chat' | 'completions';
    chunk: number;
    delayMs: number;
    usage?: object;
  },
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const created = 1_700_000_000;
  const object = opts.route === 'chat' ? 'chat.completion.chunk' : 'text_completion';
  const send = (choice: object, extra: object = {}) =>
    res.write(
      `data: ${JSON.stringify({ id: opts.id, object, created, model: opts.model, choices: [choice], ...extra })}\n\n`,
    );
  if (opts.route === 'chat')
    send({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null });
  for (const piece of splitText(reply.content ?? '', opts.chunk)) {
    if (res.destroyed) return;
    if (opts.delayMs > 0) await sleep(opts.delayMs);
    send(
      opts.route === 'chat'
        ? { index: 0, delta: { content: piece }, finish_reason: null }
        : { index: 0, text: piece, finish_reason: null },
    );
  }
  reply.toolCalls.forEach((c, i) => {
    send({
      index: 0,
      delta: {
        tool_calls: [{ index: i, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }],
      },
      finish_reason: null,
    });
    for (const piece of splitText(c.arguments, Math.max(opts.chunk, 1))) {
      send({
        index: 0,
        delta: { tool_calls: [{ index: i, function: { arguments: piece } }] },
        finish_reason: null,
      });
    }
  });
  send(
    opts.route === 'chat'
      ? { index: 0, delta: {}, finish_reason: reply.finishReason }
      : { index: 0, text: '', finish_reason: reply.finishReason },
  );
  if (opts.usage)
    res.write(
      `data: ${JSON.stringify({ id: opts.id, object, created, model: opts.model, choices: [], usage: opts.usage })}\n\n`,
    );
  res.write('data: [DONE]\n\n');
  res.end();
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://sim').pathname.replace(/^\/v1/, '');
  if (req.method === 'GET' && (path === '/models' || path === '/models/')) {
    return json(res, 200, {
      object: 'list',
      data: [SIM_CHAT_MODEL, SIM_EMBED_MODEL].map((id) => ({
        id,
        object: 'model',
        created: 0,
        owned_by: 'warden-simulator',
      })),
    });
  }
  if (req.method === 'GET' && path.startsWith('/models/')) {
    const id = decodeURIComponent(path.slice('/models/'.length));
    if (id !== SIM_CHAT_MODEL && id !== SIM_EMBED_MODEL)
      return json(res, 404, {
        error: {
          message: `The model '${id.slice(0, 100)}' does not exist`,
          type: 'invalid_request_error',
          code: 'model_not_found',
          param: null,
        },
      });
    return json(res, 200, { id, object: 'model', created: 0, owned_by: 'warden-simulator' });
  }
  if (req.method === 'GET' && path === '/healthz') return json(res, 200, { status: 'ok', simulator: true });
  if (req.method !== 'POST') return error(res, 404, `unknown route ${req.method} ${path}`);
  const body = await readJson(req);
  if (!body) return error(res, 400, 'body must be a JSON object');
  const model = typeof body.model === 'string' ? body.model : SIM_CHAT_MODEL;
  const chunk = Math.max(1, Math.min(1000, Number(body.sim_chunk_size) || 6));
  const delayMs = Math.max(0, Math.min(5000, Number(body.sim_delay_ms) || 0));
  const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : undefined;

  if (path === '/responses')
    return answerResponses(res, body, { model, chunk }, (status, b) => json(res, status, b));
  if (path === '/embeddings') {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    if (inputs.some((i) => typeof i !== 'string'))
      return error(res, 400, 'the simulator embeds strings only');
    const base64 = body.encoding_format === 'base64';
    const data = (inputs as string[]).map((t, index) => {
      const v = simulateEmbedding(t);
      const embedding = base64 ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v;
      return { object: 'embedding', index, embedding };
    });
    const tokens = (inputs as string[]).reduce((n, t) => n + approxTokens(t), 0);
    return json(res, 200, {
      object: 'list',
      data,
      model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  let messages: SimMessage[];
  let route: 'chat' | 'completions';
  if (path === '/chat/completions') {
    if (!Array.isArray(body.messages)) return error(res, 400, 'messages is required');
    messages = body.messages as SimMessage[];
    route = 'chat';
  } else if (path === '/completions') {
    const prompt = Array.isArray(body.prompt) ? body.prompt.join('\n') : String(body.prompt ?? '');
    messages = [{ role: 'user', content: prompt }];
    route = 'completions';
  } else {
    return error(res, 404, `unknown route POST ${path}`);
  }
  const reply = simulateReply(messages, {
    tools: Array.isArray(body.tools) ? (body.tools as SimTool[]) : [],
    maxTokens,
    toolChoice: body.tool_choice,
    ...(route === 'chat' && parseResponseFormat(body.response_format)
      ? { responseFormat: parseResponseFormat(body.response_format)! }
      : {}),
  });
  const promptText = messages
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '')))
    .join('\n');
  const promptTokens = approxTokens(promptText);
  const completionTokens = approxTokens(
    (reply.content ?? '') + reply.toolCalls.map((c) => c.arguments).join(''),
  );
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  const id = `${route === 'chat' ? 'chatcmpl' : 'cmpl'}-sim${fnv1a(promptText).toString(36)}`;
  if (body.stream === true) {
    const includeUsage =
      (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    return streamReply(res, reply, { id, model, route, chunk, delayMs, ...(includeUsage ? { usage } : {}) });
  }
  if (delayMs > 0) await sleep(delayMs);
  const created = 1_700_000_000;
  if (route === 'chat') {
    const message: Record<string, unknown> = { role: 'assistant', content: reply.content };
    if (reply.toolCalls.length > 0) {
      message.tool_calls = reply.toolCalls.map((c) => ({
        id: c.id,
        type: 'function',
        function: { name: c.name, arguments: c.arguments },
      }));
    }
    return json(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message, finish_reason: reply.finishReason, logprobs: null }],
      usage,
    });
  }
  return json(res, 200, {
    id,
    object: 'text_completion',
    created,
    model,
    choices: [{ index: 0, text: reply.content ?? '', finish_reason: reply.finishReason, logprobs: null }],
    usage,
  });
}

/** Starts the simulator on host:port (0 = any free port). */
export async function startSimulator(port = 8081, host = '127.0.0.1'): Promise<SimServer> {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) error(res, 500, 'simulator error');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    server,
    port: addr.port,
    url: `http://${host}:${addr.port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
