// Token estimates for quota reservations, from a real BPE tokenizer (gpt-tokenizer, o200k_base).
import { countTokens } from 'gpt-tokenizer';
import { type Route, requestTexts } from '../core/context.js';
import { WardenError } from '../core/errors.js';

const NO_SPECIAL = { disallowedSpecial: new Set<string>() };

export function tokensOf(text: string): number {
  try {
    return countTokens(text, NO_SPECIAL);
  } catch {
    return Math.ceil(text.length / 3);
  }
}

/** Prompt tokens of a request: every text part, plus a small per-message overhead and the tool definitions. */
export function promptTokens(route: Route, body: Record<string, unknown>): number {
  let n = 0;
  for (const part of requestTexts(route, body)) {
    // Names read as words for the guards are not extra prompt: tool names are in the tools JSON counted below,
    // and a message name is a few tokens inside its message's overhead.
    if (part.identifier) continue;
    n += tokensOf(part.text) + 4;
  }
  if (Array.isArray(body.tools)) n += Math.ceil(JSON.stringify(body.tools).length / 4);
  for (const key of ['prompt', 'input'] as const) {
    const v = body[key];
    if (Array.isArray(v) && typeof v[0] === 'number') n += v.length;
    else if (Array.isArray(v) && Array.isArray(v[0])) for (const t of v as unknown[][]) n += t.length;
  }
  return Math.max(1, n);
}

const MAXIMA = ['max_tokens', 'max_completion_tokens'] as const;

/**
 * The completion maximum a request names, made safe to reserve and to bound: a null maximum is removed (it
 * would reach the upstream as "no bound" while the default was reserved), and one that is not a positive
 * integer (a string, 0.5, 1e400 read as Infinity) is refused. Of two maxima, the larger is what an upstream may
 * honour. Undefined when the request names none.
 */
export function completionMaximum(body: Record<string, unknown>): number | undefined {
  let max: number | undefined;
  for (const k of MAXIMA) {
    const v = body[k];
    if (v === null) delete body[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1)
      throw new WardenError('WARDEN_BAD_REQUEST', { detail: `${k} must be a positive integer` });
    max = Math.max(max ?? 0, v);
  }
  return max;
}

/** The completion tokens a request may produce: its own max, else the configured default. */
export function completionReservation(route: Route, body: Record<string, unknown>, fallback: number): number {
  if (route === 'embeddings') return 0;
  const asked = completionMaximum(body);
  const n = typeof body.n === 'number' && body.n > 1 ? body.n : 1;
  // completionMaximum gives a positive integer or nothing
  return (asked ?? fallback) * n;
}
