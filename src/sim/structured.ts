// Structured output for the simulator: deterministic JSON valid against a strict-mode JSON schema, and forced tool calls.

/** FNV-1a, for stable choices (kept local so this module does not depend on the model). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

type Schema = Record<string, unknown>;

const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resolves a local `$ref` such as `#/$defs/Item` or `#/definitions/Item` against the root schema. */
function resolve(schema: Schema, root: Schema): Schema {
  let s = schema;
  for (let hops = 0; typeof s.$ref === 'string' && hops < 32; hops++) {
    const parts = s.$ref.replace(/^#\/?/, '').split('/').filter(Boolean);
    let at: unknown = root;
    for (const p of parts) at = isObj(at) ? at[p.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    if (!isObj(at)) return {};
    s = at;
  }
  return s;
}

interface Ctx {
  root: Schema;
  seed: string;
  /** The model's prose answer: the first free-text string field carries it. */
  text: string;
  textUsed: boolean;
}

function firstNonNull(types: unknown[]): string | undefined {
  return types.find((t): t is string => typeof t === 'string' && t !== 'null');
}

function stringFor(s: Schema, path: string, ctx: Ctx): string {
  const format = typeof s.format === 'string' ? s.format : undefined;
  if (format === 'date-time') return '2024-01-01T00:00:00Z';
  if (format === 'date') return '2024-01-01';
  if (format === 'time') return '00:00:00';
  if (format === 'email') return 'user@example.com';
  if (format === 'uri') return 'https://example.com/';
  if (format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  let v: string;
  if (!ctx.textUsed && ctx.text) {
    ctx.textUsed = true;
    v = ctx.text;
  } else {
    v = `simulated ${path.split('.').at(-1) || 'value'}`;
  }
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Number.POSITIVE_INFINITY;
  if (v.length > max) v = v.slice(0, max);
  while (v.length < min) v += 'x';
  return v;
}

function numberFor(s: Schema, path: string, ctx: Ctx, integer: boolean): number {
  const lo =
    typeof s.minimum === 'number'
      ? s.minimum
      : typeof s.exclusiveMinimum === 'number'
        ? s.exclusiveMinimum + 1
        : 0;
  const hi =
    typeof s.maximum === 'number'
      ? s.maximum
      : typeof s.exclusiveMaximum === 'number'
        ? s.exclusiveMaximum - 1
        : lo + 100;
  const span = Math.max(0, hi - lo);
  const h = fnv1a(`${ctx.seed}:${path}`) % 1000;
  const v = lo + (span * h) / 1000;
  if (!integer) return Math.round(v * 100) / 100;
  const i = Math.ceil(v);
  return i > hi ? Math.floor(hi) : i;
}

function sample(schema: unknown, path: string, ctx: Ctx, depth: number): unknown {
  if (!isObj(schema) || depth > 16) return null;
  const s = resolve(schema, ctx.root);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[fnv1a(`${ctx.seed}:${path}`) % s.enum.length];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = s[key];
    if (Array.isArray(options) && options.length > 0) {
      const pick = options.find((o) => !(isObj(o) && o.type === 'null')) ?? options[0];
      return sample(pick, path, ctx, depth + 1);
    }
  }
  if (Array.isArray(s.allOf) && s.allOf.length > 0) return sample(s.allOf[0], path, ctx, depth + 1);
  let type = s.type;
  if (Array.isArray(type)) type = firstNonNull(type) ?? 'null';
  if (type === undefined) type = isObj(s.properties) ? 'object' : s.items ? 'array' : 'string';
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = isObj(s.properties) ? s.properties : {};
      for (const [k, sub] of Object.entries(props))
        out[k] = sample(sub, path ? `${path}.${k}` : k, ctx, depth + 1);
      return out;
    }
    case 'array': {
      const min = typeof s.minItems === 'number' ? s.minItems : 1;
      const max = typeof s.maxItems === 'number' ? s.maxItems : Math.max(min, 2);
      const n = Math.min(Math.max(min, Math.min(2, max)), 50);
      return Array.from({ length: n }, (_, i) => sample(s.items, `${path}[${i}]`, ctx, depth + 1));
    }
    case 'string':
      return stringFor(s, path, ctx);
    case 'integer':
      return numberFor(s, path, ctx, true);
    case 'number':
      return numberFor(s, path, ctx, false);
    case 'boolean':
      return fnv1a(`${ctx.seed}:${path}`) % 2 === 0;
    default:
      return null;
  }
}

/** A value valid against `schema` (OpenAI's strict-mode subset), the same for the same seed. */
export function valueFromSchema(schema: unknown, seed: string, text = ''): unknown {
  const root = isObj(schema) ? schema : {};
  return sample(root, '', { root, seed, text, textUsed: false }, 0);
}

/** What `response_format` asks for: free text, any JSON object, or JSON valid against a schema. */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; schema: unknown };

/** Reads `response_format` from a request body; undefined when it is absent or not understood. */
export function parseResponseFormat(v: unknown): ResponseFormat | undefined {
  if (!isObj(v)) return undefined;
  if (v.type === 'json_object') return { type: 'json_object' };
  if (v.type === 'json_schema') {
    const js = isObj(v.json_schema) ? v.json_schema : {};
    return { type: 'json_schema', schema: js.schema ?? {} };
  }
  return v.type === 'text' ? { type: 'text' } : undefined;
}

/** Renders the model's prose answer in the requested format. */
export function formatContent(content: string, format: ResponseFormat | undefined, seed: string): string {
  if (!format || format.type === 'text') return content;
  if (format.type === 'json_object') return JSON.stringify({ answer: content });
  return JSON.stringify(valueFromSchema(format.schema, seed, content));
}

/** The function `tool_choice` names ({type:'function', function:{name}}), if it names one. */
export function namedToolChoice(choice: unknown): string | undefined {
  if (!isObj(choice) || choice.type !== 'function') return undefined;
  const fn = choice.function;
  return isObj(fn) && typeof fn.name === 'string' ? fn.name : undefined;
}
