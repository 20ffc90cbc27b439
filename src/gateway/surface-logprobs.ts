// The logprobs of a choice as the response surface knows them: rebuilt from known fields only, read as the
// texts a client could reassemble (chosen tokens, their bytes, each rank of alternatives), merged across chunks.
import { isObject } from './surface.js';

/** Chat logprobs: `content` and `refusal` token lists. */
export interface ChatLogprobs {
  content: TokenLogprob[] | null;
  refusal: TokenLogprob[] | null;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
  bytes: number[] | null;
  top_logprobs: { token: string; logprob: number; bytes: number[] | null }[];
}

/** Legacy completions logprobs: parallel arrays. */
export interface CompletionLogprobs {
  tokens: string[];
  token_logprobs: (number | null)[];
  top_logprobs: (Record<string, number> | null)[];
  text_offset: number[];
}

export type Logprobs = ChatLogprobs | CompletionLogprobs;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const bytesOf = (v: unknown): number[] | null =>
  Array.isArray(v) ? v.filter((b): b is number => Number.isInteger(b) && b >= 0 && b < 256) : null;

function tokenList(v: unknown): TokenLogprob[] | null {
  if (!Array.isArray(v)) return null;
  const out: TokenLogprob[] = [];
  for (const e of v) {
    if (!isObject(e)) continue;
    const alts = Array.isArray(e.top_logprobs) ? e.top_logprobs.filter(isObject) : [];
    out.push({
      token: str(e.token),
      logprob: num(e.logprob),
      bytes: bytesOf(e.bytes),
      top_logprobs: alts.map((a) => ({
        token: str(a.token),
        logprob: num(a.logprob),
        bytes: bytesOf(a.bytes),
      })),
    });
  }
  return out;
}

/** The logprobs rebuilt from the fields the surface knows (unknown ones are dropped); null when absent. */
export function knownLogprobs(v: unknown, chat: boolean): Logprobs | null {
  if (!isObject(v)) return null;
  if (chat) return { content: tokenList(v.content), refusal: tokenList(v.refusal) };
  const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  return {
    tokens: arr(v.tokens).map(str),
    token_logprobs: arr(v.token_logprobs).map((x) => (typeof x === 'number' ? x : null)),
    top_logprobs: arr(v.top_logprobs).map((x) => {
      if (!isObject(x)) return null;
      const o: Record<string, number> = {};
      for (const k in x) o[k] = num(x[k]);
      return o;
    }),
    text_offset: arr(v.text_offset).map(num),
  };
}

function decodeBytes(seq: (number[] | null)[]): string {
  let n = 0;
  for (const b of seq) n += b?.length ?? 0;
  if (n === 0) return '';
  const buf = Buffer.allocUnsafe(n);
  let at = 0;
  for (const b of seq) if (b) for (const x of b) buf[at++] = x;
  return buf.toString('utf8');
}

function chatTexts(list: TokenLogprob[] | null, out: string[]): void {
  if (!list || list.length === 0) return;
  out.push(list.map((e) => e.token).join(''));
  out.push(decodeBytes(list.map((e) => e.bytes)));
  const ranks = Math.max(0, ...list.map((e) => e.top_logprobs.length));
  for (let r = 0; r < ranks; r++) {
    out.push(list.map((e) => e.top_logprobs[r]?.token ?? '').join(''));
    out.push(decodeBytes(list.map((e) => e.top_logprobs[r]?.bytes ?? null)));
  }
}

/**
 * The texts a client could read out of logprobs: the chosen tokens joined, their bytes decoded, and the same
 * for each rank of alternatives. Each is guarded whole; empty texts are left out.
 */
export function logprobTexts(lp: Logprobs): string[] {
  const out: string[] = [];
  if ('tokens' in lp) {
    out.push(lp.tokens.join(''));
    const ranks = Math.max(0, ...lp.top_logprobs.map((t) => (t ? Object.keys(t).length : 0)));
    for (let r = 0; r < ranks; r++)
      out.push(lp.top_logprobs.map((t) => (t ? (Object.keys(t)[r] ?? '') : '')).join(''));
  } else {
    chatTexts(lp.content, out);
    chatTexts(lp.refusal, out);
  }
  return out.filter((t) => t.length > 0);
}

/** Appends a chunk's logprobs to those buffered for its choice. */
export function mergeLogprobs(into: Logprobs | undefined, next: Logprobs): Logprobs {
  if (!into) return next;
  if ('tokens' in into && 'tokens' in next) {
    into.tokens.push(...next.tokens);
    into.token_logprobs.push(...next.token_logprobs);
    into.top_logprobs.push(...next.top_logprobs);
    into.text_offset.push(...next.text_offset);
    return into;
  }
  if (!('tokens' in into) && !('tokens' in next)) {
    const join = (a: TokenLogprob[] | null, b: TokenLogprob[] | null) => (a && b ? [...a, ...b] : (a ?? b));
    return { content: join(into.content, next.content), refusal: join(into.refusal, next.refusal) };
  }
  return into;
}

/** True when logprobs hold at least one token (an empty object is not worth a field). */
export function hasTokens(lp: Logprobs | null | undefined): lp is Logprobs {
  if (!lp) return false;
  if ('tokens' in lp) return lp.tokens.length > 0;
  return (lp.content?.length ?? 0) > 0 || (lp.refusal?.length ?? 0) > 0;
}
