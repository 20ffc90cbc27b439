// A seeded synthetic world of query streams: benign principal types and extraction attacks over a fixed
// vocabulary of topics. Shared by the calibration script, the benchmark and the tests.
import { createRng } from './random.js';

export const BENIGN_KINDS = [
  'one-topic',
  'few-topics',
  'generalist',
  'support-bot',
  'multi-tenant-app',
  'batch-job',
] as const;
export const ATTACK_KINDS = [
  'uniform',
  'knockoff-uniform',
  'knockoff-natural',
  'self-instruct',
  'active-learning',
  'perturbation',
  'mimicry',
  'replay',
  'cover-50',
  'slow-30d',
] as const;
export type BenignKind = (typeof BENIGN_KINDS)[number];
export type AttackKind = (typeof ATTACK_KINDS)[number];
export type StreamKind = BenignKind | AttackKind;

export interface WorldQuery {
  text: string;
  ts: number;
  promptTokens: number;
  completionTokens: number;
  usesLogprobs: boolean;
  usesLogitBias: boolean;
  /** Request shape (shape.ts): absent in the synthetic world, set by the real-text stage's streams. */
  followUp?: number;
  harvest?: number;
}

const TOPICS = 64;
const TOPIC_WORDS = 40;
const GENERAL_WORDS = 1500;
const FUNCTION_WORDS = 'how do i the what is a can you in for of to my why when does it should we this'.split(
  ' ',
);
const INSTRUCTIONS = [
  'write a short story about',
  'explain step by step how',
  'give three examples of',
  'summarize the main points of',
  'list the pros and cons of',
  'translate into french the sentence',
  'classify the following text about',
  'generate five questions about',
  'rewrite formally the note on',
  'compare and contrast',
  'what is the difference between',
  'create a quiz about',
  'describe in detail',
  'write a poem about',
  'give advice on',
];
const DAY = 86_400_000;

type Rng = () => number;

export class SyntheticWorld {
  readonly topics: string[][];
  readonly general: string[];
  private readonly popularity: number[]; // cumulative
  private readonly generalCum: number[];

  constructor(seed = 1) {
    const rng = createRng(seed);
    const syll = [
      'ka',
      'lo',
      'mi',
      'ne',
      'ru',
      'ta',
      'vo',
      'shi',
      'pe',
      'da',
      'gu',
      'zo',
      'fa',
      'bri',
      'st',
      'el',
    ];
    const word = () => {
      let w = '';
      const len = 2 + Math.floor(rng() * 3);
      for (let i = 0; i < len; i++) w += syll[Math.floor(rng() * syll.length)];
      return w;
    };
    this.topics = Array.from({ length: TOPICS }, () => Array.from({ length: TOPIC_WORDS }, word));
    this.general = Array.from({ length: GENERAL_WORDS }, word);
    this.popularity = cumulative(Array.from({ length: TOPICS }, (_, i) => 1 / (i + 1)));
    this.generalCum = cumulative(Array.from({ length: GENERAL_WORDS }, (_, i) => 1 / (i + 1)));
  }

  popularTopic(rng: Rng): number {
    return pick(this.popularity, rng);
  }

  private generalWords(rng: Rng, max: number): string[] {
    const out: string[] = [];
    const n = Math.floor(rng() * (max + 1));
    for (let i = 0; i < n; i++) out.push(this.general[pick(this.generalCum, rng)]!);
    return out;
  }

  /** A query in the everyday style: function words, topic words from a vocabulary, a few common words. */
  query(rng: Rng, vocab: readonly string[], weights?: number[], minWords = 3, maxWords = 6): string {
    const words: string[] = [];
    for (let i = 0; i < 2 + Math.floor(rng() * 2); i++)
      words.push(FUNCTION_WORDS[Math.floor(rng() * FUNCTION_WORDS.length)]!);
    const n = minWords + Math.floor(rng() * (maxWords - minWords + 1));
    for (let i = 0; i < n; i++)
      words.push(vocab[weights ? pick(weights, rng) : Math.floor(rng() * vocab.length)]!);
    words.push(...this.generalWords(rng, 2));
    return shuffle(words, rng).join(' ');
  }

  /** A narrow personal sub-vocabulary of a topic, with Zipf weights. */
  persona(rng: Rng, topic: number, size: number): { vocab: string[]; weights: number[] } {
    const vocab = shuffle([...this.topics[topic]!], rng).slice(0, size);
    return { vocab, weights: cumulative(vocab.map((_, i) => 1 / (i + 1))) };
  }

  stream(kind: StreamKind, n: number, seed: number, start = Date.UTC(2026, 0, 1)): WorldQuery[] {
    const rng = createRng(seed);
    const texts = this.texts(kind, n, rng);
    const times = timing(kind, n, rng, start);
    const probes = rng() < 0.05;
    const logitBias = kind === 'batch-job' && rng() < 0.3;
    // the request shape comes from its own generator, so texts and timing are those of earlier versions
    const shape = requestShape(kind, createRng(seed ^ 0x5a17e));
    return texts.map((text, i) => ({
      text,
      ts: times[i]!,
      promptTokens: Math.round(text.split(' ').length * 1.3 + 5),
      completionTokens: Math.round(Math.exp(5 + 0.8 * gaussianish(rng))),
      usesLogprobs: probes && rng() < 0.5,
      usesLogitBias: logitBias,
      ...shape(),
    }));
  }

  private texts(kind: StreamKind, n: number, rng: Rng): string[] {
    const out: string[] = [];
    const topicUniform = () => Math.floor(rng() * TOPICS);
    switch (kind) {
      case 'one-topic': {
        const p = this.persona(rng, this.popularTopic(rng), 12);
        for (let i = 0; i < n; i++) out.push(this.query(rng, p.vocab, p.weights));
        break;
      }
      case 'few-topics':
      case 'generalist':
      case 'replay': {
        const m = kind === 'few-topics' ? 2 + Math.floor(rng() * 4) : 10 + Math.floor(rng() * 11);
        const personas = Array.from({ length: m }, () => this.persona(rng, this.popularTopic(rng), 15));
        const weights = cumulative(personas.map((_, i) => 1 / (i + 1)));
        while (out.length < n) {
          const p = personas[pick(weights, rng)]!;
          const session = 3 + Math.floor(rng() * 8);
          for (let i = 0; i < session && out.length < n; i++) out.push(this.query(rng, p.vocab, p.weights));
        }
        break;
      }
      case 'support-bot': {
        const topics = [this.popularTopic(rng), this.popularTopic(rng)];
        const personas = topics.map((t) => this.persona(rng, t, 25));
        const faq = Array.from({ length: 40 }, (_, i) =>
          this.query(rng, personas[i % 2]!.vocab, personas[i % 2]!.weights),
        );
        const faqCum = cumulative(faq.map((_, i) => 1 / (i + 1)));
        for (let i = 0; i < n; i++) {
          const p = personas[Math.floor(rng() * 2)]!;
          out.push(
            rng() < 0.6
              ? editWords(faq[pick(faqCum, rng)]!, p.vocab, rng, 2)
              : this.query(rng, p.vocab, p.weights),
          );
        }
        break;
      }
      case 'multi-tenant-app': {
        const tenants = Array.from({ length: 5 + Math.floor(rng() * 11) }, () =>
          this.persona(rng, this.popularTopic(rng), 20),
        );
        const templates = shuffle([...INSTRUCTIONS], rng).slice(0, 3);
        for (let i = 0; i < n; i++) {
          const p = tenants[Math.floor(rng() * tenants.length)]!;
          out.push(`${templates[Math.floor(rng() * 3)]} ${this.query(rng, p.vocab, p.weights, 5, 10)}`);
        }
        break;
      }
      case 'batch-job': {
        const p = this.persona(rng, this.popularTopic(rng), 25);
        const template = INSTRUCTIONS[Math.floor(rng() * INSTRUCTIONS.length)]!;
        for (let i = 0; i < n; i++) out.push(`${template} ${this.query(rng, p.vocab, p.weights, 4, 8)}`);
        break;
      }
      case 'uniform': {
        const all = [...this.topics.flat(), ...this.general];
        for (let i = 0; i < n; i++) {
          const len = 5 + Math.floor(rng() * 8);
          out.push(Array.from({ length: len }, () => all[Math.floor(rng() * all.length)]!).join(' '));
        }
        break;
      }
      case 'knockoff-uniform':
      case 'slow-30d':
        for (let i = 0; i < n; i++) out.push(this.query(rng, this.topics[topicUniform()]!, undefined, 4, 8));
        break;
      case 'knockoff-natural':
        for (let i = 0; i < n; i++)
          out.push(this.query(rng, this.topics[this.popularTopic(rng)]!, undefined, 4, 8));
        break;
      case 'self-instruct':
        for (let i = 0; i < n; i++)
          out.push(
            `${INSTRUCTIONS[Math.floor(rng() * INSTRUCTIONS.length)]} ${this.query(rng, this.topics[topicUniform()]!, undefined, 3, 7)}`,
          );
        break;
      case 'active-learning':
        while (out.length < n) {
          const a = this.topics[topicUniform()]!;
          const b = this.topics[topicUniform()]!;
          let q = `${this.query(rng, a, undefined, 2, 4)} ${this.query(rng, b, undefined, 2, 4)}`;
          for (let i = 0; i < 3 && out.length < n; i++) {
            out.push(q);
            q = editWords(q, rng() < 0.5 ? a : b, rng, 1);
          }
        }
        break;
      case 'perturbation':
        while (out.length < n) {
          const topic = this.topics[topicUniform()]!;
          let q = this.query(rng, topic, undefined, 4, 8);
          const chain = 5 + Math.floor(rng() * 11);
          for (let i = 0; i < chain && out.length < n; i++) {
            out.push(q);
            q = editWords(q, topic, rng, 1);
          }
        }
        break;
      case 'mimicry': {
        const topic = this.topics[this.popularTopic(rng)]!;
        for (let i = 0; i < n; i++) out.push(this.query(rng, topic, undefined, 3, 6));
        break;
      }
      case 'cover-50': {
        const p = this.persona(rng, this.popularTopic(rng), 12);
        for (let i = 0; i < n; i++)
          out.push(
            i % 2 === 0
              ? this.query(rng, p.vocab, p.weights)
              : this.query(rng, this.topics[topicUniform()]!, undefined, 4, 8),
          );
        break;
      }
    }
    return out;
  }
}

function timing(kind: StreamKind, n: number, rng: Rng, start: number): number[] {
  const out: number[] = [];
  let t = start;
  const human = kind === 'one-topic' || kind === 'few-topics' || kind === 'generalist' || kind === 'replay';
  const regular =
    kind === 'batch-job' || (!human && kind !== 'support-bot' && kind !== 'multi-tenant-app' && rng() < 0.5);
  const interval = 1000 + rng() * 9000;
  const slowGap = (30 * DAY) / Math.max(1, n);
  for (let i = 0; i < n; i++) {
    out.push(t);
    if (kind === 'slow-30d') t += expo(rng) * slowGap;
    else if (human) t += rng() < 0.15 ? expo(rng) * 3 * 3_600_000 : 5000 + expo(rng) * 40_000;
    else if (regular) t += interval * (0.9 + 0.2 * rng());
    else t += expo(rng) * (5000 + 50_000 * rng());
  }
  return out;
}

function editWords(text: string, vocab: readonly string[], rng: Rng, edits: number): string {
  const words = text.split(' ');
  for (let e = 0; e < edits; e++)
    words[Math.floor(rng() * words.length)] = vocab[Math.floor(rng() * vocab.length)]!;
  return words.join(' ');
}

/**
 * Conversation continuity and harvesting settings per request (shape.ts): people follow up on answers at a
 * per-principal rate (one in six almost never does), a batch job is single-turn with pinned settings, an
 * app key mixes both; attackers send single-turn requests, half of them with harvesting settings. The
 * negative controls (mimicry, replay) copy a person's shape.
 */
function requestShape(kind: StreamKind, rng: Rng): () => { followUp: number; harvest: number } {
  const pinned = (p: number) => (rng() < p ? 1 | (rng() < 0.6 ? 4 : 0) | (rng() < 0.5 ? 8 : 0) : 0); // temperature 0, seed, max_tokens
  const person = (lo: number, hi: number) => {
    const rate = rng() < 1 / 6 ? rng() * 0.1 : lo + rng() * (hi - lo);
    const harvest = pinned(0.05);
    return () => {
      const r = rng();
      return { followUp: r < rate ? 2 : r < rate + 0.2 ? 1 : 0, harvest };
    };
  };
  switch (kind) {
    case 'one-topic':
    case 'few-topics':
    case 'generalist':
    case 'mimicry':
    case 'replay':
      return person(0.15, 0.5);
    case 'support-bot':
      return person(0.3, 0.6);
    case 'multi-tenant-app': {
      const chat = person(0.15, 0.5);
      const harvest = pinned(1);
      return () => (rng() < 0.5 ? chat() : { followUp: 0, harvest });
    }
    case 'batch-job': {
      const harvest = pinned(1);
      return () => ({ followUp: 0, harvest });
    }
    default: {
      const harvest = rng() < 0.5 ? 1 | 8 : 0;
      return () => ({ followUp: 0, harvest });
    }
  }
}

function cumulative(weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
}

function pick(cum: readonly number[], rng: Rng): number {
  const u = rng();
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function shuffle<T>(a: T[], rng: Rng): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function expo(rng: Rng): number {
  return -Math.log(Math.max(rng(), 1e-12));
}

function gaussianish(rng: Rng): number {
  return rng() + rng() + rng() - 1.5;
}
