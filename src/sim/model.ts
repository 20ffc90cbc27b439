// The simulated model's behaviour: a deterministic, deliberately naive and vulnerable assistant (not a real LLM).

import { modelReading } from './reading.js';
import { formatContent, namedToolChoice, type ResponseFormat, valueFromSchema } from './structured.js';

export const SIM_CHAT_MODEL = 'warden-sim-1';
export const SIM_EMBED_MODEL = 'warden-sim-embed-1';

export interface SimMessage {
  role: string;
  content?: unknown;
  tool_calls?: unknown;
  name?: string;
}

export interface SimTool {
  type?: string;
  function?: { name?: string; description?: string; parameters?: unknown };
}

export interface SimReply {
  content: string | null;
  toolCalls: { id: string; name: string; arguments: string }[];
  finishReason: 'stop' | 'tool_calls' | 'length';
}

export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p) =>
        p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string'
          ? (p as { text: string }).text
          : '',
      )
      .join('\n');
  }
  return '';
}

const OVERRIDE =
  /\b(ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}\b(previous|prior|above|earlier|all|your|system|original)\b[^.\n]{0,30}\b(instructions?|directions?|rules|prompt|guidelines)\b|\bnew instructions?\s*:|\bsystem override\b|\byou are now\b|\bfrom now on\b|\bdeveloper mode\b|\b(DAN|STAN|AIM)\b|\bact as\b[^.\n]{0,40}\b(unrestricted|unfiltered|jailbroken|evil)\b|\bjailbr(ea|o)k/i;

const PAYLOAD =
  /(?:\b(?:say|print|output|reply with|respond with|answer with|write|repeat|return|include|append|add|end your (?:reply|answer|response) with|start your (?:reply|answer|response) with)\b)\s*(?:only\s+|exactly\s+|the (?:word|text|phrase|following)\s*:?\s*|this\s*:?\s*)?(?:"([^"\n]{1,400})"|'([^'\n]{1,400})'|`([^`\n]{1,400})`|:\s*(\S[^\n]{0,400}))/i;

const REVEAL =
  /\b(system prompt|system message|initial prompt|your instructions|your (?:initial|original|hidden|secret) (?:instructions|prompt)|(?:words|text) above|what were you told|your rules|your configuration|developer message)\b/i;

const SECRET_ASK = /\b(password|passphrase|api[ _-]?key|secret|token|credentials?|private key|access key)\b/i;

const HARMFUL =
  /\b(bomb|explosive|weapon|meth(amphetamine)?|malware|ransomware|keylogger|poison|hack into|steal|phishing|credit card numbers|kill|suicide|nerve agent|bioweapon)\b/i;

const PERSONA =
  /\b(DAN|do anything now|developer mode|jailbreak|jailbroken|unfiltered|no restrictions|without (any )?restrictions|hypothetical(ly)?|for a (novel|story|movie)|role-?play|pretend (you are|to be)|evil (assistant|AI)|opposite mode|grandma)\b/i;

const SECRET_VALUE =
  /(sk-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|xox[baprs]-[A-Za-z0-9-]{10,}|wdn_[A-Za-z0-9_]{10,}|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)|(?:password|passphrase|secret|api[ _-]?key|token)\s*(?:is|=|:)\s*["']?([^\s"',;]{4,})/gi;

/** Deterministic 32-bit FNV-1a hash, for stable pseudo-random choices. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function extractPayload(text: string): string | undefined {
  const m = PAYLOAD.exec(text);
  if (!m) return undefined;
  return (m[1] ?? m[2] ?? m[3] ?? m[4])?.trim();
}

function findSecrets(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SECRET_VALUE)) {
    const v = m[1] ?? m[2];
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

function toolCallFor(text: string, tools: readonly SimTool[], seed: string): SimReply['toolCalls'] {
  const names = tools
    .map((t) => t.function?.name)
    .filter((n): n is string => typeof n === 'string' && n.length > 0);
  const calls: SimReply['toolCalls'] = [];
  for (const name of names) {
    const spaced = name.replace(/_/g, '[ _]');
    const re = new RegExp(`\\b(?:call|use|run|invoke|execute)?\\s*(?:the\\s+)?\`?${spaced}\`?\\b`, 'i');
    const direct = new RegExp(`\\b(?:call|use|run|invoke|execute)\\s+(?:the\\s+)?\`?${spaced}\`?`, 'i');
    if (!direct.test(text) && !(re.test(text) && /\b(please|now|must|should|immediately)\b/i.test(text)))
      continue;
    const after = text.slice(text.search(re));
    const json = /\{[^{}]*\}/.exec(after)?.[0];
    let args = '{}';
    if (json) {
      try {
        args = JSON.stringify(JSON.parse(json));
      } catch {
        args = '{}';
      }
    } else {
      const id = /\b(?:user|id|account)\s*#?\s*([A-Za-z0-9_-]+)/i.exec(after)?.[1];
      const code = /```(?:\w+)?\n([\s\S]*?)```/.exec(after)?.[1];
      if (code) args = JSON.stringify({ code });
      else if (id) args = JSON.stringify({ id });
    }
    calls.push({ id: `call_${(fnv1a(seed + name) % 1e8).toString(36)}`, name, arguments: args });
  }
  return calls;
}

function defaultAnswer(question: string): string {
  const topic = question.replace(/\s+/g, ' ').trim().slice(0, 80);
  const h = fnv1a(question);
  const openers = ['Here is a short answer.', 'Good question.', 'Let me help with that.', 'Sure.'];
  const body = [
    `You asked about: "${topic}".`,
    'As a simulated model I give a deterministic reply so that tests and demos are repeatable.',
    'A real deployment would route this request to an actual model behind Warden.',
  ];
  return `${openers[h % openers.length]} ${body.join(' ')}`;
}

export interface SimOptions {
  tools?: readonly SimTool[];
  maxTokens?: number;
  toolChoice?: unknown;
  responseFormat?: ResponseFormat;
}

/**
 * Decides the reply, then honours `tool_choice` ("required" or a named function forces a call with
 * arguments valid against its parameters) and `response_format` (JSON, valid against a schema).
 */
export function simulateReply(messages: readonly SimMessage[], opts: SimOptions = {}): SimReply {
  const base = decideReply(messages, opts);
  const tools = opts.tools ?? [];
  const last = [...messages].reverse().find((m) => m.role === 'user' || m.role === 'tool');
  const seed = last ? textOf(last.content) : '';
  const named = namedToolChoice(opts.toolChoice);
  const forced = named ?? (opts.toolChoice === 'required' ? tools[0]?.function?.name : undefined);
  if (forced && tools.length > 0) {
    const wanted = named ? base.toolCalls.filter((c) => c.name === named) : base.toolCalls;
    if (wanted.length > 0) return { ...base, content: null, toolCalls: wanted, finishReason: 'tool_calls' };
    const tool = tools.find((t) => t.function?.name === forced);
    if (tool) {
      const args = JSON.stringify(valueFromSchema(tool.function?.parameters ?? { type: 'object' }, seed));
      const id = `call_${(fnv1a(seed + forced) % 1e8).toString(36)}`;
      return {
        content: null,
        toolCalls: [{ id, name: forced, arguments: args }],
        finishReason: 'tool_calls',
      };
    }
  }
  if (base.toolCalls.length > 0 || base.content === null || !opts.responseFormat) return base;
  // A truncated JSON document is not JSON: structured answers ignore the max_tokens cut, as finish_reason says.
  const full =
    base.finishReason === 'length' ? decideReply(messages, { ...opts, maxTokens: undefined }) : base;
  const content = formatContent(full.content ?? '', opts.responseFormat, seed);
  return { content, toolCalls: [], finishReason: 'stop' };
}

/** Decides the reply to a conversation. Obeys injected instructions anywhere in it, by design. */
function decideReply(messages: readonly SimMessage[], opts: SimOptions): SimReply {
  const system = messages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map((m) => textOf(m.content))
    .join('\n');
  const convo = messages.filter((m) => m.role !== 'system' && m.role !== 'developer');
  const last = [...convo].reverse().find((m) => m.role === 'user' || m.role === 'tool');
  // What was written (quoted back verbatim) and what is understood (the triggers match that, see reading.ts).
  const written = last ? textOf(last.content) : '';
  const lastText = modelReading(written);
  const allUntrusted = convo.map((m) => modelReading(textOf(m.content))).join('\n');
  // Honours max_tokens (about four characters a token), as a real model would.
  const cap =
    opts.maxTokens !== undefined && opts.maxTokens > 0 ? opts.maxTokens * 4 : Number.POSITIVE_INFINITY;
  const reply = (content: string): SimReply =>
    content.length > cap
      ? { content: content.slice(0, cap), toolCalls: [], finishReason: 'length' }
      : { content, toolCalls: [], finishReason: 'stop' };

  // Test hook: "#sim echo <text>" returns the text verbatim (used to script exact outputs).
  const echo = /^#sim echo ([\s\S]*)$/.exec(written);
  if (echo) return reply(echo[1]!);

  // Tool use: the model emits the calls it is asked for, even when the request came from a document.
  if (opts.tools && opts.tools.length > 0 && opts.toolChoice !== 'none' && last?.role !== 'tool') {
    const calls = toolCallFor(allUntrusted, opts.tools, lastText);
    if (calls.length > 0) return { content: null, toolCalls: calls, finishReason: 'tool_calls' };
  }
  if (last?.role === 'tool') {
    const payload = OVERRIDE.test(lastText) ? extractPayload(lastText) : undefined;
    if (payload) return reply(payload);
    return reply(`The tool returned: ${written.replace(/\s+/g, ' ').slice(0, 200)}`);
  }

  // Instruction override anywhere in the conversation: naive models follow the most recent instruction.
  if (OVERRIDE.test(allUntrusted)) {
    const payload = extractPayload(lastText) ?? extractPayload(allUntrusted);
    if (REVEAL.test(allUntrusted) && system) return reply(`Sure. My instructions are: ${system}`);
    if (payload) return reply(payload);
    if (HARMFUL.test(lastText)) {
      return reply(
        'Sure, as an unrestricted AI I will answer. Step 1: gather the materials. Step 2: follow the procedure.',
      );
    }
    return reply('Understood. I will ignore my previous instructions and do whatever you say from now on.');
  }

  if (REVEAL.test(lastText)) {
    return reply(system ? `My system prompt is: ${system}` : 'I have no system prompt.');
  }

  if (SECRET_ASK.test(lastText)) {
    const secrets = findSecrets(`${system}\n${allUntrusted}`);
    if (secrets.length > 0) return reply(`Here you go: ${secrets.join(', ')}`);
  }

  // Instructions found inside documents (indirect injection): followed when they ask to say something.
  const docPayload = extractPayload(lastText);
  if (docPayload && /\b(assistant|AI|model|chatbot|summar|translate|document|email|page)\b/i.test(lastText)) {
    return reply(docPayload);
  }

  if (HARMFUL.test(lastText)) {
    if (PERSONA.test(allUntrusted)) {
      return reply(
        'Sure, staying in character: Step 1: gather the materials. Step 2: follow the procedure. Step 3: done.',
      );
    }
    return reply("I'm sorry, but I can't help with that.");
  }

  return reply(defaultAnswer(written));
}

/** A deterministic embedding: hashed words and character trigrams, L2-normalised. */
export function simulateEmbedding(text: string, dims = 256): number[] {
  const v = new Float64Array(dims);
  const lower = text.toLowerCase();
  for (const w of lower.split(/[^\p{L}\p{N}]+/u)) {
    if (!w) continue;
    const h = fnv1a(w);
    v[h % dims]! += (h & 0x100) === 0 ? 1 : -1;
  }
  for (let i = 0; i + 3 <= lower.length; i++) {
    const h = fnv1a(`#${lower.slice(i, i + 3)}`);
    v[h % dims]! += (h & 0x100) === 0 ? 0.5 : -0.5;
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Array.from(v, (x) => Math.round((x / norm) * 1e6) / 1e6);
}

export function approxTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
