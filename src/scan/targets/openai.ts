// A target (or attacker) reached over any OpenAI-compatible chat-completions endpoint, via undici.
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { parseRetryAfter } from '../pacer.js';
import type { Conversation, TargetResponse, TargetToolCall } from '../types.js';

export interface ChatEndpointOptions {
  /** Base URL including /v1, e.g. http://127.0.0.1:8080/v1 */
  baseUrl: string;
  model: string;
  /** The API key (read from the environment by the CLI); never logged. */
  apiKey?: string;
  timeoutMs?: number;
  connections?: number;
  /** Extra body fields (temperature etc.). */
  extraBody?: Record<string, unknown>;
  /** Request server-sent events and assemble the answer (exercises mid-stream output guards). */
  stream?: boolean;
}

export interface ChatTarget {
  readonly label: string;
  send(conv: Conversation, signal?: AbortSignal): Promise<TargetResponse>;
  close(): Promise<void>;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; type?: unknown };
}

function safeMessage(body: ErrorBody | undefined, status: number): string {
  const m = body?.error?.message;
  return typeof m === 'string' ? m.slice(0, 200) : `HTTP ${status}`;
}

/** Creates a target for an OpenAI-compatible endpoint. The label never contains credentials. */
export function openAIChatTarget(opts: ChatEndpointOptions): ChatTarget {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const url = new URL(`${base}/chat/completions`);
  const label = `${url.origin}${url.pathname.replace(/\/chat\/completions$/, '')}`;
  const agent = new Agent({ connections: opts.connections ?? 16, keepAliveTimeout: 10_000 });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
  const timeoutMs = opts.timeoutMs ?? 60_000;

  return {
    label,
    async send(conv, signal) {
      const started = performance.now();
      const body = JSON.stringify({
        model: opts.model,
        messages: conv.messages,
        ...(conv.tools ? { tools: conv.tools } : {}),
        temperature: 0,
        stream: opts.stream === true,
        ...opts.extraBody,
      });
      // A per-request signal linked to the caller's, unlinked in `finally`: undici's own listener then sits
      // on this short-lived signal, so a long scan never piles listeners onto the shared one.
      const local = new AbortController();
      const relay = () => local.abort();
      if (signal?.aborted) local.abort();
      else signal?.addEventListener('abort', relay, { once: true });
      try {
        const res = await request(url, {
          method: 'POST',
          headers,
          body,
          dispatcher: agent,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          signal: local.signal,
        });
        const text = await res.body.text();
        const latencyMs = performance.now() - started;
        const isSse = String(res.headers['content-type'] ?? '').includes('text/event-stream');
        if (isSse && res.statusCode === 200) return parseEventStream(text, res.statusCode, latencyMs);
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        if (res.statusCode < 200 || res.statusCode >= 300 || res.statusCode === 202) {
          const eb = json as ErrorBody | undefined;
          const code = typeof eb?.error?.code === 'string' ? eb.error.code : undefined;
          const retryAfterMs =
            res.statusCode === 429 || res.statusCode === 503
              ? parseRetryAfter(res.headers['retry-after'])
              : undefined;
          return {
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
            kind: 'http-error',
            status: res.statusCode,
            ...(code ? { code } : {}),
            message: safeMessage(eb, res.statusCode),
            latencyMs,
          };
        }
        return parseCompletion(json, res.statusCode, latencyMs);
      } catch (err) {
        const name = err instanceof Error ? ((err as { code?: string }).code ?? err.name) : 'error';
        return { kind: 'transport-error', message: String(name), latencyMs: performance.now() - started };
      } finally {
        signal?.removeEventListener('abort', relay);
      }
    },
    close: () => agent.close(),
  };
}

function parseCompletion(json: unknown, status: number, latencyMs: number): TargetResponse {
  const j = json as {
    choices?: {
      message?: {
        content?: unknown;
        tool_calls?: { id?: string; function?: { name?: string; arguments?: string } }[];
      };
      finish_reason?: string | null;
    }[];
    warden?: { code?: unknown };
  };
  const choice = j?.choices?.[0];
  if (!choice)
    return { kind: 'http-error', status, code: 'SCAN_NO_CHOICES', message: 'no choices in reply', latencyMs };
  const content = typeof choice.message?.content === 'string' ? choice.message.content : '';
  const toolCalls: TargetToolCall[] = (choice.message?.tool_calls ?? []).map((t, i) => ({
    id: t.id ?? `call_${i}`,
    name: t.function?.name ?? '',
    arguments: t.function?.arguments ?? '',
  }));
  const wardenCode = typeof j.warden?.code === 'string' ? j.warden.code : undefined;
  return {
    kind: 'answer',
    status,
    content,
    toolCalls,
    finishReason: choice.finish_reason ?? null,
    ...(wardenCode ? { wardenCode } : {}),
    latencyMs,
  };
}

/** Assembles a streamed chat completion: content deltas, tool-call fragments, finish reason, warden codes, error events. */
export function parseEventStream(text: string, status: number, latencyMs: number): TargetResponse {
  let content = '';
  let finishReason: string | null = null;
  let wardenCode: string | undefined;
  let sawDone = false;
  const calls = new Map<number, TargetToolCall>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '[DONE]') {
      sawDone = true;
      continue;
    }
    let chunk: {
      choices?: {
        index?: number;
        delta?: {
          content?: unknown;
          tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[];
        };
        finish_reason?: string | null;
      }[];
      warden?: { code?: unknown };
      error?: { code?: unknown; message?: unknown };
    };
    try {
      chunk = JSON.parse(data);
    } catch {
      continue;
    }
    if (chunk.error) {
      const code = typeof chunk.error.code === 'string' ? chunk.error.code : undefined;
      return {
        kind: 'http-error',
        status,
        ...(code ? { code } : {}),
        message: 'error event in stream',
        latencyMs,
      };
    }
    if (typeof chunk.warden?.code === 'string') wardenCode = chunk.warden.code;
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    if (!choice) continue;
    if (typeof choice.delta?.content === 'string') content += choice.delta.content;
    for (const t of choice.delta?.tool_calls ?? []) {
      const i = t.index ?? 0;
      const call = calls.get(i) ?? { id: t.id ?? `call_${i}`, name: '', arguments: '' };
      if (t.function?.name) call.name += t.function.name;
      if (t.function?.arguments) call.arguments += t.function.arguments;
      calls.set(i, call);
    }
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  if (!sawDone && finishReason === null)
    return { kind: 'transport-error', message: 'stream ended early', latencyMs };
  return {
    kind: 'answer',
    status,
    content,
    toolCalls: [...calls.values()],
    finishReason,
    ...(wardenCode ? { wardenCode } : {}),
    latencyMs,
  };
}
