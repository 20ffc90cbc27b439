// The response surface: for every answer shape Warden relays, each field, the role of the text it carries and
// what happens to it. Relays read, rewrite and prune answers only through these tables (docs/lifecycle.md).
/** The answer shapes Warden relays. */
export type ResponseKind = 'chat' | 'chat.chunk' | 'completion' | 'completion.chunk' | 'embedding';

/** Roles of the texts a response carries: each is guarded by the response guards in its own window. */
export type TextRole = 'output' | 'reasoning' | 'refusal';

/**
 * What a known field is. `meta`: server metadata, passed. A text role: guarded. `tool-calls`, `function-call`:
 * the tool-call path. `logprobs`: token texts guarded, dropped when the choice changed. `usage`: counters
 * (string leaves dropped). `reserved`: Warden's own field, an upstream's is dropped. The rest are containers.
 */
export type FieldRole =
  | 'meta'
  | TextRole
  | 'tool-calls'
  | 'function-call'
  | 'logprobs'
  | 'usage'
  | 'reserved'
  | 'choices'
  | 'message'
  | 'embedding-data';

const TOP_COMMON = {
  id: 'meta',
  object: 'meta',
  created: 'meta',
  model: 'meta',
  system_fingerprint: 'meta',
  service_tier: 'meta',
  usage: 'usage',
  warden: 'reserved',
} as const satisfies Record<string, FieldRole>;

/** Known top-level fields per shape. */
export const TOP_FIELDS: Record<ResponseKind, Readonly<Record<string, FieldRole>>> = {
  chat: { ...TOP_COMMON, choices: 'choices' },
  'chat.chunk': { ...TOP_COMMON, choices: 'choices' },
  completion: { ...TOP_COMMON, choices: 'choices' },
  'completion.chunk': { ...TOP_COMMON, choices: 'choices' },
  embedding: { object: 'meta', model: 'meta', usage: 'usage', data: 'embedding-data', warden: 'reserved' },
};

/** Known fields of one choice per shape (embeddings have none). */
export const CHOICE_FIELDS: Record<ResponseKind, Readonly<Record<string, FieldRole>>> = {
  chat: { index: 'meta', finish_reason: 'meta', message: 'message', logprobs: 'logprobs' },
  'chat.chunk': { index: 'meta', finish_reason: 'meta', delta: 'message', logprobs: 'logprobs' },
  completion: { index: 'meta', finish_reason: 'meta', text: 'output', logprobs: 'logprobs' },
  'completion.chunk': { index: 'meta', finish_reason: 'meta', text: 'output', logprobs: 'logprobs' },
  embedding: {},
};

/** Known fields of a chat `message` (whole answer) or `delta` (stream chunk). */
export const MESSAGE_FIELDS: Readonly<Record<string, FieldRole>> = {
  role: 'meta',
  // In reading order: the reasoning comes before the answer.
  reasoning_content: 'reasoning',
  reasoning: 'reasoning',
  content: 'output',
  refusal: 'refusal',
  tool_calls: 'tool-calls',
  function_call: 'function-call',
};

/** Where a text sits in a message, delta or completion choice, with its role. */
export interface TextSlot {
  key: string;
  role: TextRole;
}

const slotsOf = (fields: Readonly<Record<string, FieldRole>>): TextSlot[] =>
  Object.entries(fields)
    .filter((e): e is [string, TextRole] => e[1] === 'output' || e[1] === 'reasoning' || e[1] === 'refusal')
    .map(([key, role]) => ({ key, role }));

/** The text slots of a chat message or delta. */
export const CHAT_SLOTS: readonly TextSlot[] = slotsOf(MESSAGE_FIELDS);
/** The text slot of a completion choice. */
export const COMPLETION_SLOTS: readonly TextSlot[] = slotsOf(CHOICE_FIELDS.completion);

/** Content-part types whose text is output, and the key holding it; any other part type is dropped. */
const PART_TEXT_KEY: Readonly<Record<string, string>> = {
  text: 'text',
  output_text: 'text',
  refusal: 'refusal',
};

/** The key holding a content part's text, or undefined for a part type the surface does not know. */
function partTextKey(p: unknown): string | undefined {
  if (!isObject(p) || typeof p.type !== 'string' || !Object.hasOwn(PART_TEXT_KEY, p.type)) return undefined;
  return PART_TEXT_KEY[p.type];
}

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text a slot holds: a string, or the joined text of a content-part array; '' when absent or empty. */
export function slotText(holder: Json, key: string): string {
  const v = holder[key];
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return '';
  let out = '';
  for (const p of v) {
    const k = partTextKey(p);
    const t = k ? (p as Json)[k] : undefined;
    if (typeof t === 'string') out += t;
  }
  return out;
}

/** Writes a guarded text back; a changed content-part array becomes one text part. */
export function writeSlot(holder: Json, key: string, text: string, asString = false): void {
  holder[key] = Array.isArray(holder[key]) && !asString ? [{ type: 'text', text }] : text;
}

/** Keeps only the keys `allowed` names; true when something was dropped. */
function pruneKeys(obj: Json, allowed: Readonly<Record<string, unknown>>): boolean {
  let dropped = false;
  for (const k in obj) {
    if (!Object.hasOwn(allowed, k)) {
      delete obj[k];
      dropped = true;
    }
  }
  return dropped;
}

/** A text slot must hold a string, null or a content-part array of known text parts; anything else is dropped. */
function pruneTextValue(holder: Json, key: string): boolean {
  const v = holder[key];
  if (v === undefined || v === null || typeof v === 'string') return false;
  if (!Array.isArray(v)) {
    delete holder[key];
    return true;
  }
  let dropped = false;
  const kept: Json[] = [];
  for (const p of v) {
    const k = partTextKey(p);
    if (!k || typeof (p as Json)[k] !== 'string') {
      dropped = true;
      continue;
    }
    const part = p as Json;
    if (pruneKeys(part, { type: 1, [k]: 1 })) dropped = true;
    kept.push(part);
  }
  if (dropped) holder[key] = kept;
  return dropped;
}

const TOOL_CALL_KEYS = { index: 1, id: 1, type: 1, function: 1 } as const;
const FUNCTION_KEYS = { name: 1, arguments: 1 } as const;

function pruneFunction(fn: unknown): boolean {
  if (!isObject(fn)) return false;
  let dropped = pruneKeys(fn, FUNCTION_KEYS);
  for (const k of ['name', 'arguments'] as const) {
    if (fn[k] !== undefined && typeof fn[k] !== 'string') {
      delete fn[k];
      dropped = true;
    }
  }
  return dropped;
}

function pruneMessage(msg: Json): boolean {
  let dropped = pruneKeys(msg, MESSAGE_FIELDS);
  for (const s of CHAT_SLOTS) if (pruneTextValue(msg, s.key)) dropped = true;
  const calls = msg.tool_calls;
  if (calls !== undefined && calls !== null) {
    if (!Array.isArray(calls)) {
      delete msg.tool_calls;
      dropped = true;
    } else {
      // A call that is not an object carries nothing the tool-call guards could judge: it is dropped.
      if (!calls.every(isObject)) {
        msg.tool_calls = calls.filter(isObject);
        dropped = true;
      }
      for (const c of msg.tool_calls as Json[]) {
        if (pruneKeys(c, TOOL_CALL_KEYS)) dropped = true;
        if (pruneFunction(c.function)) dropped = true;
      }
    }
  }
  if (msg.function_call !== undefined && msg.function_call !== null) {
    if (!isObject(msg.function_call)) {
      delete msg.function_call;
      dropped = true;
    } else if (pruneFunction(msg.function_call)) dropped = true;
  }
  return dropped;
}

/** Drops what a choice (and its message or delta) carries that the surface does not know; true when it did. */
export function pruneChoice(choice: Json, kind: ResponseKind): boolean {
  let dropped = pruneKeys(choice, CHOICE_FIELDS[kind]);
  const holderKey = kind === 'chat' ? 'message' : kind === 'chat.chunk' ? 'delta' : undefined;
  if (holderKey) {
    const msg = choice[holderKey];
    if (isObject(msg)) {
      if (pruneMessage(msg)) dropped = true;
    } else if (msg !== undefined) {
      delete choice[holderKey];
      dropped = true;
    }
  } else if (pruneTextValue(choice, 'text')) {
    dropped = true;
  }
  return dropped;
}

/** Counters only: string (and other non-number) leaves of `usage` are dropped; true when any was. */
export function pruneUsage(usage: unknown): boolean {
  if (!isObject(usage)) return false;
  let dropped = false;
  for (const k in usage) {
    const v = usage[k];
    if (typeof v === 'number' || v === null) continue;
    if (isObject(v)) {
      if (pruneUsage(v)) dropped = true;
      continue;
    }
    delete usage[k];
    dropped = true;
  }
  return dropped;
}

/**
 * Prunes the top level of an answer: an upstream's `warden` field and non-counter usage leaves are dropped;
 * returns the unknown top-level keys (left in place: a whole answer guards them as text, a stream drops them).
 */
export function topLevel(json: Json, kind: ResponseKind): { dropped: boolean; unknown: string[] } {
  const fields = TOP_FIELDS[kind];
  let dropped = false;
  const unknown: string[] = [];
  for (const k in json) {
    // own keys only: `constructor` or `__proto__` must not read as known through the prototype
    const role = Object.hasOwn(fields, k) ? fields[k] : undefined;
    if (role === undefined) unknown.push(k);
    else if (role === 'reserved') {
      delete json[k];
      dropped = true;
    } else if (role === 'usage' && pruneUsage(json[k])) dropped = true;
  }
  return { dropped, unknown };
}

/** The texts a value carries, in document order: string leaves and object keys (an unknown field's text). */
export function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.length > 0) out.push(value);
  } else if (Array.isArray(value)) for (const x of value) stringLeaves(x, out);
  else if (isObject(value))
    for (const k in value) {
      out.push(k);
      stringLeaves(value[k], out);
    }
  return out;
}

const EMBEDDING_ENTRY = { object: 1, index: 1, embedding: 1 } as const;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Embeddings carry numbers only: each entry keeps `object`, `index` and a number array or base64 `embedding`;
 * unknown fields are dropped. Returns true when something was dropped, so the answer is re-serialised.
 */
export function pruneEmbeddings(json: Json): boolean {
  const { dropped: top, unknown } = topLevel(json, 'embedding');
  let dropped = top;
  for (const k of unknown) {
    delete json[k];
    dropped = true;
  }
  if (json.data === undefined) return dropped;
  if (!Array.isArray(json.data)) {
    delete json.data;
    return true;
  }
  if (!json.data.every(isObject)) {
    json.data = json.data.filter(isObject);
    dropped = true;
  }
  for (const e of json.data as Json[]) {
    if (pruneKeys(e, EMBEDDING_ENTRY)) dropped = true;
    const v = e.embedding;
    const ok = Array.isArray(v)
      ? v.every((x) => typeof x === 'number')
      : typeof v === 'string' && BASE64.test(v);
    if (!ok && v !== undefined) {
      delete e.embedding;
      dropped = true;
    }
    if (typeof e.object !== 'string' && e.object !== undefined) {
      delete e.object;
      dropped = true;
    }
  }
  return dropped;
}
