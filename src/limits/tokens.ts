// Token estimates for quota reservations, from a real BPE tokenizer (gpt-tokenizer, o200k_base).
import { countTokens } from 'gpt-tokenizer';
import { type Route, requestTexts } from '../core/context.js';

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
  for (const part of requestTexts(route, body)) n += tokensOf(part.text) + 4;
  if (Array.isArray(body.tools)) n += Math.ceil(JSON.stringify(body.tools).length / 4);
  for (const key of ['prompt', 'input'] as const) {
    const v = body[key];
    if (Array.isArray(v) && typeof v[0] === 'number') n += v.length;
    else if (Array.isArray(v) && Array.isArray(v[0])) for (const t of v as unknown[][]) n += t.length;
  }
  return Math.max(1, n);
}

/** The completion tokens a request may produce: its own max, else the configured default. */
export function completionReservation(route: Route, body: Record<string, unknown>, fallback: number): number {
  if (route === 'embeddings') return 0;
  const asked = body.max_completion_tokens ?? body.max_tokens;
  const n = typeof body.n === 'number' && body.n > 1 ? body.n : 1;
  return (typeof asked === 'number' && asked > 0 ? Math.floor(asked) : fallback) * n;
}
