// How much of the observed traffic the extraction monitor embeds. While embedding and scoring fit in the CPU
// budget, every query; beyond it, each key is embedded in runs of consecutive queries with skipped stretches
// between them, sized so that the monitor's spending stays within the budget. Runs, not single queries: the
// ring-based signals (novelty, redundancy, templates, framing) compare a query with the ones just before it,
// and a sparse random sample would make every user look novel. Every run after a skip starts with empty rings,
// so it reads like the start of a subject, which the calibration has seen. No skip is longer than the floor
// allows, so no busy principal goes unobserved (decision 2710).

export interface EmbedBudgetSettings {
  /** Milliseconds of embedding and scoring the monitor may spend per second of wall time (1000: one core). */
  msPerSecond: number;
  /** Consecutive queries of a key embedded together (a key seen first within the budget starts with one). */
  run: number;
  /** Lowest share of a key's queries embedded, whatever the load (0 < floor <= 1): the longest skip. */
  floor: number;
}

export const DEFAULT_EMBED_BUDGET: EmbedBudgetSettings = { msPerSecond: 1000, run: 64, floor: 1 / 64 };

/** What the budget decided for one observation. */
export type Admission = 'skip' | 'embed' | 'start-run';

interface KeyRuns {
  /** Queries left in the current run; 0 while skipping. */
  left: number;
  /** Queries skipped since the last run ended (or since the key was first seen over budget). */
  skipped: number;
  /**
   * The run began within the budget and goes on while the budget holds; once it does not, it ends at once
   * (its queries were consecutive, so it needs no completing), so that the keys seen before the first
   * measurement cannot commit the monitor to a run each.
   */
  open: boolean;
}

/**
 * Arrivals are measured over windows of a second: a stall of the thread that delivers many observations at once
 * (a long batch of a semantic embedder, a pause of the gateway) is then no burst of ten times the real rate.
 */
const WINDOW_MS = 1000;
/** Keys whose run state is remembered (least recent forgotten first); a forgotten key starts as a new one. */
const MAX_KEYS = 100_000;
/**
 * Queries timed before the cost is trusted: the first batches of a process are small and cold (JIT, the state
 * store's first reads), and a few milliseconds over one query would read as a load far over the budget.
 */
const MIN_TIMED = 32;
/** How fast old timings fade, per query timed: a batch of 64 keeps 0.8 of what came before it. */
const FADE_PER_QUERY = 0.8 ** (1 / 64);

export class EmbedBudget {
  readonly settings: EmbedBudgetSettings;
  private readonly keys = new Map<string, KeyRuns>();
  private readonly now: () => number;
  private readonly random: () => number;
  /**
   * What the batches took and how many queries they held, both fading with each query: their ratio is the cost
   * per embedded query (cost()), so that a batch counts by its size (a batch of one carries the fixed cost of a
   * batch) and the cost follows the recent batches.
   */
  private timedMs = 0;
  private timedQueries = 0;
  private timedTotal = 0;
  /** Arrivals per second (EWMA over windows), and the arrivals of the current window. */
  private arrivalRate = 0;
  private windowStart: number;
  private windowArrivals = 0;

  constructor(
    settings: EmbedBudgetSettings,
    /** The clock spending and arrivals are measured with (milliseconds), and the draw of skip lengths. */
    now: () => number = () => performance.now(),
    random: () => number = Math.random,
  ) {
    if (!(settings.msPerSecond > 0)) throw new Error('embedding budget must be positive');
    if (!(settings.floor > 0 && settings.floor <= 1)) throw new Error('embedding floor must be in (0, 1]');
    if (!(Number.isInteger(settings.run) && settings.run >= 1)) throw new Error('embedding run must be >= 1');
    this.settings = settings;
    this.now = now;
    this.random = random;
    this.windowStart = now();
  }

  /** The share of queries the budget allows now: what it affords over what every arrival would cost. */
  rate(): number {
    this.roll();
    // until a first window is complete, the part of it that has passed (a quarter of a second at least)
    const elapsed = this.now() - this.windowStart;
    const arrivals =
      this.arrivalRate > 0 || elapsed < WINDOW_MS / 4
        ? this.arrivalRate
        : (this.windowArrivals * 1000) / elapsed;
    const cost = this.cost();
    if (cost === 0 || arrivals === 0) return 1;
    return Math.min(1, Math.max(this.settings.floor, this.settings.msPerSecond / (cost * arrivals)));
  }

  /**
   * Counts queries as they arrive (at observe(), not when a batch is taken: a backlog taken at once is no
   * burst of arrivals).
   */
  arrive(queries = 1): void {
    this.roll();
    this.windowArrivals += queries;
  }

  /**
   * Decides for one observation of `key`: `embed` continues a run, `start-run` opens one after a skip (embed it
   * after emptying the key's ring), `skip` counts it without embedding.
   */
  admit(key: string): Admission {
    const r = this.rate();
    let runs = this.keys.get(key);
    if (runs) {
      this.keys.delete(key); // re-insert: the map's order is the LRU order
    } else {
      if (this.keys.size >= MAX_KEYS) this.keys.delete(this.keys.keys().next().value as string);
      // a key seen first within the budget starts with a run; over it, with a skip like every other key
      runs = { left: r >= 1 ? this.settings.run : 0, skipped: 0, open: r >= 1 };
    }
    this.keys.set(key, runs);
    if (runs.open && runs.left > 0 && r < 1) {
      runs.left = 0;
      runs.open = false;
    }
    let admission: Admission = 'embed';
    if (runs.left === 0) {
      // skipping: each query ends the skip with the chance that makes its mean length run * (1/r - 1) at the
      // rate allowed now (so a skip begun in a burst ends soon after it), and none is longer than the floor allows
      const mean = this.settings.run * (1 / r - 1);
      const longest = Math.floor(this.settings.run * (1 / this.settings.floor - 1));
      if (runs.skipped < longest && this.random() * (mean + 1) >= 1) {
        runs.skipped++;
        return 'skip';
      }
      // after a real skip the next run must not be compared with the queries before it
      admission = runs.skipped > 0 ? 'start-run' : 'embed';
      runs.left = this.settings.run;
      runs.open = r >= 1;
      runs.skipped = 0;
    }
    runs.left--;
    return admission;
  }

  /** The budget's clock: the monitor times a batch with it. */
  clock(): number {
    return this.now();
  }

  /** Records what embedding and scoring `queries` queries took. */
  spent(ms: number, queries: number): void {
    if (queries <= 0 || !(ms >= 0)) return;
    const fade = FADE_PER_QUERY ** queries;
    this.timedMs = this.timedMs * fade + ms;
    this.timedQueries = this.timedQueries * fade + queries;
    this.timedTotal += queries;
  }

  /** Milliseconds per embedded query; 0 until MIN_TIMED queries are timed. */
  private cost(): number {
    return this.timedTotal >= MIN_TIMED ? this.timedMs / this.timedQueries : 0;
  }

  /** The share allowed now and the cost per embedded query (what was embedded and skipped, the monitor counts). */
  stats(): { rate: number; msPerQuery: number } {
    return { rate: this.rate(), msPerQuery: this.cost() };
  }

  private roll(): void {
    const elapsed = this.now() - this.windowStart;
    if (elapsed < WINDOW_MS) return;
    const rate = (this.windowArrivals * 1000) / elapsed;
    this.arrivalRate = this.arrivalRate === 0 ? rate : 0.5 * this.arrivalRate + 0.5 * rate;
    this.windowStart = this.now();
    this.windowArrivals = 0;
  }
}
