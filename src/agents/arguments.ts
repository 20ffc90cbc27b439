// The one reading of tool-call arguments that policy, approvals and MCP share: a JSON object every parser reads
// the same way (no duplicate keys, exact numbers, well-formed strings), or a refusal naming why.

export type ArgumentReading =
  | { kind: 'object'; value: Record<string, unknown> }
  | { kind: 'refused'; reason: string };

/** Deeper nesting than this is refused: no tool needs it and it only serves to confuse parsers. */
const MAX_DEPTH = 64;

class Refusal extends Error {}

/**
 * Reads raw tool-call arguments. `""` (what vLLM and llama.cpp send for tools without parameters) reads as `{}`.
 * Refused: invalid JSON, anything but an object, duplicate keys at any depth (parsers disagree on which one
 * wins), numbers that do not survive a round trip through a double unchanged, lone surrogates.
 */
export function readToolArguments(raw: string): ArgumentReading {
  if (raw.trim() === '') return { kind: 'object', value: {} };
  let value: unknown;
  try {
    value = parseStrictJson(raw);
  } catch (err) {
    return { kind: 'refused', reason: err instanceof Refusal ? err.message : 'not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { kind: 'refused', reason: 'not a JSON object' };
  return { kind: 'object', value: value as Record<string, unknown> };
}

/** Checks an already parsed value (MCP arguments arrive parsed) against the same rules. */
export function readParsedArguments(value: unknown): ArgumentReading {
  if (value === undefined) return { kind: 'object', value: {} };
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { kind: 'refused', reason: 'not a JSON object' };
  try {
    checkParsed(value, 0);
  } catch (err) {
    return { kind: 'refused', reason: err instanceof Refusal ? err.message : 'not valid JSON' };
  }
  return { kind: 'object', value: value as Record<string, unknown> };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** String.prototype.isWellFormed (ES2024), which the compile target does not declare. */
function wellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

function checkParsed(v: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new Refusal('nested too deeply');
  if (typeof v === 'string') {
    if (!wellFormed(v)) throw new Refusal('a string is not well-formed Unicode');
  } else if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Refusal('a number is not finite');
  } else if (Array.isArray(v)) {
    for (const x of v) checkParsed(x, depth + 1);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (!wellFormed(k)) throw new Refusal('a key is not well-formed Unicode');
      checkParsed(x, depth + 1);
    }
  }
}

/** A JSON parser (RFC 8259) that refuses what JSON.parse silently resolves: duplicate keys, inexact numbers. */
export function parseStrictJson(text: string): unknown {
  const p = new StrictParser(text);
  p.ws();
  const v = p.value(0);
  p.ws();
  if (p.i !== text.length) throw new Error('trailing characters');
  return v;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class StrictParser {
  i = 0;
  constructor(private readonly s: string) {}

  ws(): void {
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.i++;
    }
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Refusal('nested too deeply');
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    throw new Error('unexpected character');
  }

  private object(depth: number): Record<string, unknown> {
    this.i++;
    const out: Record<string, unknown> = {};
    const keys = new Set<string>();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') throw new Error('expected a key');
      const key = this.string();
      if (keys.has(key)) throw new Refusal('duplicate key');
      keys.add(key);
      this.ws();
      if (this.s[this.i] !== ':') throw new Error('expected a colon');
      this.i++;
      this.ws();
      // defineProperty: a key named __proto__ stays an ordinary own property, as with JSON.parse.
      Object.defineProperty(out, key, {
        value: this.value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.ws();
      const sep = this.s[this.i++];
      if (sep === '}') return out;
      if (sep !== ',') throw new Error('expected a comma');
    }
  }

  private array(depth: number): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value(depth + 1));
      this.ws();
      const sep = this.s[this.i++];
      if (sep === ']') return out;
      if (sep !== ',') throw new Error('expected a comma');
    }
  }

  private string(): string {
    this.i++;
    let out = '';
    let start = this.i;
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (Number.isNaN(c)) throw new Error('unterminated string');
      if (c < 0x20) throw new Error('control character in a string');
      if (c === 0x22) {
        out += this.s.slice(start, this.i);
        this.i++;
        break;
      }
      if (c === 0x5c) {
        out += this.s.slice(start, this.i);
        const e = this.s[this.i + 1] ?? '';
        if (e === 'u') {
          const hex = this.s.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Error('bad unicode escape');
          out += String.fromCharCode(Number.parseInt(hex, 16));
          this.i += 6;
        } else {
          const r = ESCAPES[e];
          if (r === undefined) throw new Error('bad escape');
          out += r;
          this.i += 2;
        }
        start = this.i;
        continue;
      }
      this.i++;
    }
    if (!wellFormed(out)) throw new Refusal('a string is not well-formed Unicode');
    return out;
  }

  private number(): number {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (!m) throw new Error('bad number');
    this.i += m[0].length;
    const n = Number(m[0]);
    if (!Number.isFinite(n) || decimalOf(m[0]) !== decimalOf(String(n)))
      throw new Refusal('a number does not round-trip exactly');
    return n;
  }
}

/** A number literal as significant digits and exponent ("1.50e1" and "15" give the same); zero is "0". */
function decimalOf(literal: string): string {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!m) return literal;
  const sign = literal.startsWith('-') ? '-' : '';
  let digits = `${m[1]}${m[2] ?? ''}`;
  let exp = Number(m[3] ?? 0) - (m[2]?.length ?? 0);
  digits = digits.replace(/^0+/, '');
  if (digits === '') return '0';
  const trimmed = digits.replace(/0+$/, '');
  exp += digits.length - trimmed.length;
  return `${sign}${trimmed}e${exp}`;
}
