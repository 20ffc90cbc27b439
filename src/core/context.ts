// The per-request context that guards read: who is asking, for what, and the texts involved.
import type { Logger } from 'pino';

export type Route = 'chat' | 'completions' | 'embeddings';

export interface Principal {
  id: string;
  kind: 'anonymous' | 'apiKey' | 'jwt' | 'mtls';
  tenant?: string;
  scopes: readonly string[];
  name?: string;
  labels?: Readonly<Record<string, string>>;
  /** Model allow-list (globs); undefined means no restriction (anonymous mode only). */
  models?: readonly string[];
  /** The API key id when authenticated by key (never the secret). */
  keyId?: string;
}

/** How much a piece of text is trusted: the operator's system prompt, the caller, or content from elsewhere. */
export type Trust = 'operator' | 'user' | 'untrusted';

export interface TextPart {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'prompt' | 'input';
  trust: Trust;
  text: string;
  /** JSON path of the text inside the request body, e.g. ['messages', 2, 'content', 0, 'text']. */
  path: readonly (string | number)[];
}

/** The visible output text a response guard is shown: a window of the stream, or the whole text. */
export interface OutputView {
  /** Left context (already released, read-only) followed by pending text. */
  text: string;
  /** Index in `text` where the pending (still changeable) text starts. */
  pendingStart: number;
  /** True when this is the end of the output: nothing more will follow. */
  final: boolean;
  choiceIndex: number;
  /** Index of text[0] in the whole output so far (lets guards keep per-output state, e.g. code fences). */
  offset?: number;
}

export interface ToolCallView {
  id: string;
  name: string;
  /** Raw JSON arguments as the model produced them. */
  arguments: string;
  choiceIndex: number;
}

export interface GuardContext {
  readonly requestId: string;
  readonly route: Route;
  readonly principal: Principal;
  readonly model: string;
  /** The validated request body; request-phase transforms patch it. */
  body: Record<string, unknown>;
  /** Per-request scratch space shared by guards (a canary token, a detected language...). */
  readonly state: Map<string, unknown>;
  readonly log: Logger;
  output?: OutputView;
  toolCalls?: ToolCallView[];
}

/** Every text a request carries, with its role and trust, so guards can score each part. */
export function requestTexts(route: Route, body: Record<string, unknown>): TextPart[] {
  const out: TextPart[] = [];
  if (route === 'chat') {
    const messages = Array.isArray(body.messages) ? body.messages : [];
    messages.forEach((m: unknown, i: number) => {
      if (!m || typeof m !== 'object') return;
      const msg = m as Record<string, unknown>;
      const role = String(msg.role ?? 'user') as TextPart['role'];
      const trust: Trust =
        role === 'system' || role === 'developer' ? 'operator' : role === 'user' ? 'user' : 'untrusted';
      const content = msg.content;
      if (typeof content === 'string')
        out.push({ role, trust, text: content, path: ['messages', i, 'content'] });
      else if (Array.isArray(content)) {
        content.forEach((p: unknown, j: number) => {
          if (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string') {
            out.push({
              role,
              trust,
              text: (p as { text: string }).text,
              path: ['messages', i, 'content', j, 'text'],
            });
          }
        });
      }
    });
  } else if (route === 'completions') {
    const prompt = body.prompt;
    const prompts = Array.isArray(prompt) ? prompt : [prompt];
    prompts.forEach((p, i) => {
      if (typeof p === 'string') out.push({ role: 'prompt', trust: 'user', text: p, path: ['prompt', i] });
    });
  } else {
    const input = body.input;
    const inputs = Array.isArray(input) ? input : [input];
    inputs.forEach((p, i) => {
      if (typeof p === 'string') out.push({ role: 'input', trust: 'user', text: p, path: ['input', i] });
    });
  }
  return out;
}

/** Writes a new text at a path returned by requestTexts. */
export function setTextAt(
  body: Record<string, unknown>,
  path: readonly (string | number)[],
  text: string,
): void {
  if (path.length === 2 && (path[0] === 'prompt' || path[0] === 'input') && !Array.isArray(body[path[0]])) {
    body[path[0]] = text;
    return;
  }
  let node: unknown = body;
  for (let i = 0; i < path.length - 1; i++) node = (node as Record<string | number, unknown>)[path[i]!];
  (node as Record<string | number, unknown>)[path[path.length - 1]!] = text;
}
