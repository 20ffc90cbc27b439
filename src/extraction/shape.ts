// The shape of a request, as compact numbers for the extraction monitor: does it continue a conversation,
// does it ask for harvesting settings, and how does the query open (template regularity). No text leaves
// this module: the monitor receives two small integers per request and hashes the opening itself.
import { hash32 } from './random.js';
import { contentWords, words } from './text.js';

/** `followUp` values: a single-turn request, one carrying earlier assistant turns, one referring to them. */
export const FOLLOW_UP = { none: 0, carries: 1, refers: 2 } as const;

/** `harvest` bits: settings a harvester wants and an ordinary chat client seldom sends together. */
export const HARVEST = {
  temperatureZero: 1,
  manyChoices: 2,
  seed: 4,
  maxTokensAtLimit: 8,
} as const;

/** max_tokens at or above this counts as "at the limit" (a harvester asks for the whole answer). */
export const HARVEST_MAX_TOKENS = 4096;

/** Share of a follow-up's content words found in the last assistant turn that counts as referring to it. */
const REFERS_OVERLAP = 0.2;
/** Characters of the last assistant turn read for the overlap (its opening and end). */
const ASSISTANT_CHARS = 4000;

// openings of a follow-up that points at the previous answer rather than starting afresh
const DEICTIC =
  /^(?:and|but|also|ok(?:ay)?|thanks?|thank you|great|nice|now|then|so|what about|how about|why|wait|hmm|no[,.]|yes|right|same|again|instead|make it|can you (?:make|explain|add|change|fix|shorten|expand|rewrite)|could you (?:make|explain|add|change|fix)|that|this|it|these|those|the (?:above|previous|last|second|first|code|answer)|your (?:answer|code|example|last)|in (?:the|your) (?:above|previous|answer|code))\b/i;
const BACK_REFERENCE =
  /\b(?:you (?:said|wrote|mentioned|suggested)|(?:your|the) (?:previous|last|above) (?:answer|reply|message|code|example)|as above|from above)\b/i;

type Json = Record<string, unknown>;

function contentOf(m: unknown): string {
  if (!m || typeof m !== 'object') return '';
  const c = (m as Json).content;
  if (typeof c === 'string') return c;
  if (Array.isArray(c))
    return c
      .map((p) =>
        p && typeof p === 'object' && typeof (p as Json).text === 'string' ? (p as Json).text : '',
      )
      .join('\n');
  return '';
}

/** True when the query points back at the conversation: a deictic opening or an explicit back-reference. */
export function refersBack(query: string, lastAssistant: string): boolean {
  const q = query.trimStart();
  if (DEICTIC.test(q) || BACK_REFERENCE.test(q)) return true;
  const mine = contentWords(q.slice(0, 2000));
  if (mine.size === 0) return false;
  const a =
    lastAssistant.length > ASSISTANT_CHARS
      ? `${lastAssistant.slice(0, ASSISTANT_CHARS / 2)} ${lastAssistant.slice(-ASSISTANT_CHARS / 2)}`
      : lastAssistant;
  const theirs = contentWords(a);
  let shared = 0;
  for (const w of mine) if (theirs.has(w)) shared++;
  return shared / mine.size >= REFERS_OVERLAP;
}

/**
 * The follow-up class of a request body (chat `messages`, Responses `input`) given the query the monitor
 * observes: 0 single-turn, 1 carries earlier assistant turns, 2 also refers to them.
 */
export function followUpOf(body: Json, query: string): number {
  const turns = Array.isArray(body.messages) ? body.messages : Array.isArray(body.input) ? body.input : [];
  let last: unknown;
  for (const m of turns) if (m && typeof m === 'object' && (m as Json).role === 'assistant') last = m;
  if (last === undefined) return FOLLOW_UP.none;
  return refersBack(query, contentOf(last)) ? FOLLOW_UP.refers : FOLLOW_UP.carries;
}

/** The harvesting bits of a request body (OpenAI chat, completions and Responses fields). */
export function harvestOf(body: Json): number {
  let bits = 0;
  if (body.temperature === 0) bits |= HARVEST.temperatureZero;
  if (typeof body.n === 'number' && body.n > 1) bits |= HARVEST.manyChoices;
  if (typeof body.seed === 'number') bits |= HARVEST.seed;
  const max = [body.max_tokens, body.max_completion_tokens, body.max_output_tokens].find(
    (v) => typeof v === 'number',
  );
  if (typeof max === 'number' && max >= HARVEST_MAX_TOKENS) bits |= HARVEST.maxTokensAtLimit;
  return bits;
}

/** Harvesting bits that count: two or more together (one alone, such as temperature 0, is ordinary). */
export function isHarvesting(bits: number): boolean {
  let c = 0;
  for (let b = bits; b > 0; b >>= 1) c += b & 1;
  return c >= 2;
}

/**
 * A hash of how a query opens: its first four words and its number of blank-line parts. Template-driven traffic (a batch job, an app's prompt) repeats it; a corpus sampler does not.
 */
export function openingHash(text: string): number {
  const head = words(text.slice(0, 200)).slice(0, 4).join(' ');
  const parts = Math.min(4, text.split(/\n[ \t]*\n/).length);
  return hash32(`${head}|${parts}`, 0x0be7) >>> 0;
}
