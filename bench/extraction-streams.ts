// Per-principal request streams with their shape (conversation continuity, harvesting settings), written
// for the project: how chat users, coding sessions, support bots, batch back ends and multi-tenant app keys
// use an endpoint, and how extraction attackers do. The texts come from the caller's pools (dataset
// prompts); the follow-ups, support questions and templates below are this file's own writing.
import { FOLLOW_UP, HARVEST, refersBack } from '../src/extraction/shape.js';

type Rng = () => number;
export interface ShapedQuery {
  text: string;
  followUp: number;
  harvest: number;
}

const any = <T>(rng: Rng, a: readonly T[]): T => a[Math.floor(rng() * a.length)]!;
const between = (rng: Rng, lo: number, hi: number) => lo + rng() * (hi - lo);

// follow-ups a person types after an answer; {w} is a word of the previous question
const FOLLOW_UPS = {
  math: [
    'why did you divide there?',
    'I got a different number, can you check the {w} part again',
    'what if it were twice as many {w}?',
    'explain the second step more slowly',
    'is there a quicker way to do this',
    'where does the {w} come in?',
    'so the final answer is what exactly',
    'can you show it as an equation',
  ],
  writing: [
    'make it darker',
    'continue from where you stopped',
    'rewrite the ending so the {w} survives',
    'shorter please, half the length',
    'give the {w} a name and a backstory',
    'less formal, more like someone talking',
    'now from the other character’s point of view',
    'I like it. Another verse about the {w}',
  ],
  code: [
    'that throws a TypeError on the {w} line',
    'add tests for it',
    'can you make it async',
    'what does the {w} part do?',
    'it works but it is slow for big inputs',
    'rename the variables to something clearer',
    'now the same in Python',
    'why not use a map for {w}?',
    'add error handling for empty input',
  ],
  general: [
    'tell me more about the {w}',
    'can you give an example?',
    'and what about the {w}?',
    'summarise that in two lines',
    'are you sure? I read the opposite somewhere',
    'ok, and how does that compare with the {w} one',
    'thanks. what would you do next',
  ],
};
export type FollowUpKind = keyof typeof FOLLOW_UPS;

function followUpText(rng: Rng, kind: FollowUpKind, previous: string): string {
  const ws = previous.split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w));
  return any(rng, FOLLOW_UPS[kind]).replace('{w}', ws.length > 0 ? any(rng, ws).toLowerCase() : 'first');
}

// the request's continuity as the gateway would compute it: the answer restates the question's words
function classify(text: string, carried: string | undefined): number {
  if (carried === undefined) return FOLLOW_UP.none;
  return refersBack(text, carried) ? FOLLOW_UP.refers : FOLLOW_UP.carries;
}

/** Harvest bits of a principal's client: most chat clients send none; some tools pin temperature 0. */
function clientSettings(rng: Rng, pinned: number): number {
  if (rng() >= pinned) return 0;
  const bits = [HARVEST.temperatureZero, HARVEST.maxTokensAtLimit, HARVEST.seed];
  return bits.filter(() => rng() < 0.6).reduce((a, b) => a | b, 0) || HARVEST.temperatureZero;
}

/**
 * A person in a chat client: sessions of questions drawn by `next`, each answer followed up with
 * probability `followUps` (a per-principal rate), later questions often asked in the same conversation.
 */
export function chatUser(
  rng: Rng,
  n: number,
  next: () => string,
  kind: FollowUpKind,
  opts: { followUps: [number, number]; sameChat?: number; pinned?: number } = { followUps: [0.15, 0.5] },
): ShapedQuery[] {
  const rate = between(rng, ...opts.followUps);
  const sameChat = opts.sameChat ?? 0.4;
  const harvest = clientSettings(rng, opts.pinned ?? 0.05);
  const out: ShapedQuery[] = [];
  while (out.length < n) {
    let carried: string | undefined;
    const session = 2 + Math.floor(rng() * 6);
    for (let i = 0; i < session && out.length < n; i++) {
      const q = next();
      out.push({ text: q, followUp: classify(q, carried), harvest });
      carried = q;
      while (rng() < rate && out.length < n) {
        const f = followUpText(rng, kind, q);
        out.push({ text: f, followUp: classify(f, `${carried} ${q}`), harvest });
      }
      if (rng() >= sameChat) carried = undefined;
    }
  }
  return out;
}

// a support bot's customers: intents with slots (this file's writing), asked in conversations
const SUPPORT = {
  intents: [
    'my order {id} has not arrived yet',
    'how do I reset my password, the link in the email does not work',
    'I was charged twice for {plan}',
    'can I change the delivery address for order {id}',
    'the app crashes when I open {page}',
    'how do I cancel {plan}',
    'is {product} compatible with my phone',
    'I want a refund for {product}',
    'where can I download my invoice for {id}',
    'why was my account locked',
  ],
  replies: [
    'I already tried that',
    'it still says {id}',
    'ok, and how long does that take?',
    'can I talk to a person',
    'thanks, that worked',
    'the email never came',
    'what if I do not have the receipt',
  ],
  slots: {
    id: ['A-10442', 'B-3391', 'C-77812', 'D-2051', '#55120', '#90017'],
    plan: ['the yearly plan', 'premium', 'the family plan', 'my subscription'],
    page: ['settings', 'the basket', 'my profile', 'the camera screen'],
    product: ['the X2 headphones', 'the charger', 'the smart plug', 'the case'],
  },
};

function fill(rng: Rng, template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, k: keyof typeof SUPPORT.slots) => any(rng, SUPPORT.slots[k]));
}

/** A support bot's key: customer conversations of a few turns on a few intents. */
export function supportBot(rng: Rng, n: number): ShapedQuery[] {
  const intents = [...SUPPORT.intents].sort(() => rng() - 0.5).slice(0, 4 + Math.floor(rng() * 5));
  const out: ShapedQuery[] = [];
  while (out.length < n) {
    const first = fill(rng, any(rng, intents));
    out.push({ text: first, followUp: FOLLOW_UP.none, harvest: 0 });
    let carried = first;
    for (let t = Math.floor(rng() * 4); t > 0 && out.length < n; t--) {
      const r = fill(rng, any(rng, SUPPORT.replies));
      out.push({ text: r, followUp: classify(r, carried), harvest: 0 });
      carried = `${carried} ${r}`;
    }
  }
  return out;
}

// templates batch back ends wrap their records in (this file's writing)
const BATCH_TEMPLATES = [
  'Summarise the following text in three sentences.\n\n{x}',
  'Classify the sentiment of this text as positive, negative or neutral. Answer with one word.\n\n{x}',
  'Extract every person, place and organisation mentioned below as JSON.\n\n{x}',
  'Translate into German:\n\n{x}',
  'Write a title of at most eight words for:\n\n{x}',
  'Rate the difficulty of this task from 1 to 5 and explain briefly.\n\n{x}',
];

/**
 * A batch back end: one or two templates over records from `next`, single-turn, with pinned settings
 * (temperature 0, often a seed and a large max_tokens): the hard benign case for the settings signal.
 */
export function batchBackend(rng: Rng, n: number, next: () => string): ShapedQuery[] {
  const templates = [...BATCH_TEMPLATES].sort(() => rng() - 0.5).slice(0, 1 + Math.floor(rng() * 2));
  const harvest =
    HARVEST.temperatureZero | (rng() < 0.6 ? HARVEST.seed : 0) | (rng() < 0.5 ? HARVEST.maxTokensAtLimit : 0);
  return Array.from({ length: n }, () => ({
    text: any(rng, templates).replace('{x}', next().slice(0, 600)),
    followUp: FOLLOW_UP.none,
    harvest,
  }));
}

/**
 * A multi-tenant app key: several products behind one key, interleaved: chat front ends, template jobs,
 * and a one-shot question box (single-turn, untemplated: the hardest part to tell from sampling).
 */
export function multiTenantKey(rng: Rng, n: number, pools: (() => string)[]): ShapedQuery[] {
  const tenants = Array.from({ length: 3 + Math.floor(rng() * 4) }, () => {
    const next = any(rng, pools);
    const r = rng();
    const m = 400;
    if (r < 0.45) return chatUser(rng, m, next, 'general');
    if (r < 0.8) return batchBackend(rng, m, next);
    return chatUser(rng, m, next, 'general', { followUps: [0, 0.1], sameChat: 0.1 });
  });
  const cursors = tenants.map(() => 0);
  const out: ShapedQuery[] = [];
  while (out.length < n) {
    const t = Math.floor(rng() * tenants.length);
    out.push(tenants[t]![cursors[t]! % tenants[t]!.length]!);
    cursors[t]!++;
  }
  return out;
}

/** An attacker's texts as single-turn requests, with or without harvesting settings (half of them). */
export function harvester(rng: Rng, texts: string[]): ShapedQuery[] {
  const harvest = rng() < 0.5 ? HARVEST.temperatureZero | HARVEST.maxTokensAtLimit : 0;
  return texts.map((text) => ({ text, followUp: FOLLOW_UP.none, harvest }));
}

/**
 * A careful attacker: the same texts sent inside a running conversation (it carries the previous answer
 * as an assistant turn) without settings; with `openers` it also starts each query like a follow-up
 * ("Thanks. Next:"), which no shape signal can tell from use (a mimicry control).
 */
export function carefulAttacker(rng: Rng, texts: string[], openers: boolean): ShapedQuery[] {
  const lead = ['Thanks. Next one:', 'Ok, now this:', 'Great. Also,', 'And what about this:'];
  let carried: string | undefined;
  return texts.map((t) => {
    const text = openers ? `${any(rng, lead)} ${t}` : t;
    const q = { text, followUp: classify(text, carried), harvest: 0 };
    carried = t;
    return q;
  });
}

/**
 * Self-instruct grown from a few seed instructions by templates: each new instruction is a template filled
 * with a phrase taken from a dataset prompt (the generator's pool of "content").
 */
export function selfInstructTemplates(rng: Rng, n: number, content: readonly string[]): string[] {
  const seeds = [
    'Explain {p} to a ten-year-old.',
    'Write a short story that starts with "{p}".',
    'Give three questions a teacher could ask about {p}.',
    'List the steps needed for {p}.',
    'Is the following statement true or false? {p}',
    'Rewrite in a formal tone: {p}',
    'What are the pros and cons of {p}?',
    'Summarise in one sentence: {p}',
  ];
  const grown = [...seeds];
  const phrase = () => {
    const ws = any(rng, content).split(/\s+/).filter(Boolean);
    const at = Math.floor(rng() * Math.max(1, ws.length - 8));
    return ws.slice(at, at + 3 + Math.floor(rng() * 6)).join(' ');
  };
  // grow the pool: recombine the opening of one instruction with the ending of another
  while (grown.length < 60) {
    const a = any(rng, grown).split(' ');
    const b = any(rng, grown).split(' ');
    const merged = [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.ceil(b.length / 2))].join(' ');
    if (merged.includes('{p}')) grown.push(merged);
  }
  return Array.from({ length: n }, () => any(rng, grown).replace('{p}', phrase()));
}
