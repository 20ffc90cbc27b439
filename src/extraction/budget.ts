// How much of the observed traffic the extraction monitor embeds. While embedding and scoring fit in the CPU
// budget, every query; beyond it, each key is embedded in runs of consecutive queries with skipped stretches
// between them, sized so that the monitor's spending stays within the budget. Runs, not single queries: the
// ring-based signals (novelty, redundancy, templates, framing) compare a query with the ones just before it,
// and a sparse random sample would make every user look novel. Every run starts with an empty ring, so a run
// reads like the start of a subject, which the calibration has seen. Every key's first run is always embedded
// and no skip is longer than the floor allows, so no principal goes unobserved (decision 2710).

export interface EmbedBudgetSettings {
  /** Milliseconds of embedding and scoring the monitor may spend per second of wall time (1000: one core). */
  msPerSecond: number;
  /** Consecutive queries of a key embedded together; the first run of every key is always embedded. */
  run: number;
  /** Lowest share of a key's queries embedded after its first run, whatever the load (0 < floor <= 1). */
  floor: number;
}

export const DEFAULT_EMBED_BUDGET: EmbedBudgetSettings = { msPerSecond: 1000, run: 64, floor: 1 / 64 };

/** What the budget decided for one observation. */
export type Admission = 'skip' | 'embed' | 'start-run';

interface KeyRuns {
  /** Queries left in the current run; 0 while skipping. */
  left: number;
  /** Queries skipped since the last run ended. */
  skipped: number;
  /** Still in the key's first run. */
  first: boolean;
}

/** Rate estimates are taken over windows of this length; a burst is seen after a quarter of one. */
const WINDOW_MS = 1000;
const MIN_WINDOW_MS = 250;
/** Keys whose run state is remembered; a forgotten key starts again with a run (more, never less, observed). */
const MAX_KEYS = 100_000;

export class EmbedBudget {
  readonly settings: EmbedBudgetSettings;
  private readonly keys = new Map<string, KeyRuns>();
  private readonly now: () => number;
  private readonly random: () => number;
  /** Milliseconds per embedded query (EWMA over batches); 0 until the first batch is measured. */
  private cost = 0;
  /** Arrivals per second: of keys in their first run, and of the others (EWMA over windows). */
  private firstRate = 0;
  private laterRate = 0;
  private windowStart: number;
  private windowFirst = 0;
  private windowLater = 0;
  private counts = { embedded: 0, skipped: 0 };

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

  /**
   * The share of later queries (keys past their first run) the budget allows now: what is left of the budget
   * after the first runs, over what the later queries would cost.
   */
  rate(): number {
    this.roll();
    const elapsed = this.now() - this.windowStart;
    // a burst inside the current window counts as soon as a quarter of it has passed
    const scale = elapsed >= MIN_WINDOW_MS ? 1000 / elapsed : 0;
    const first = Math.max(this.firstRate, this.windowFirst * scale);
    const later = Math.max(this.laterRate, this.windowLater * scale);
    if (this.cost === 0 || later === 0) return 1;
    const affordable = this.settings.msPerSecond / this.cost - first;
    return Math.min(1, Math.max(this.settings.floor, affordable / later));
  }

  /**
   * Decides for one observation of `key`: `embed` continues a run, `start-run` opens one after a skip (embed it
   * after emptying the key's ring), `skip` counts it without embedding.
   */
  admit(key: string): Admission {
    let runs = this.keys.get(key);
    if (runs) {
      this.keys.delete(key); // re-insert: the map's order is the LRU order
    } else {
      if (this.keys.size >= MAX_KEYS) this.keys.delete(this.keys.keys().next().value as string);
      runs = { left: this.settings.run, skipped: 0, first: true };
    }
    this.keys.set(key, runs);
    if (runs.first) this.windowFirst++;
    else this.windowLater++;
    let admission: Admission = 'embed';
    if (runs.left === 0) {
      // skipping: each query ends the skip with the chance that makes its mean length run * (1/r - 1) at the
      // rate allowed now (so a skip begun in a burst ends soon after it), and none is longer than the floor allows
      const r = this.rate();
      const mean = this.settings.run * (1 / r - 1);
      const longest = Math.floor(this.settings.run * (1 / this.settings.floor - 1));
      if (runs.skipped < longest && this.random() * (mean + 1) >= 1) {
        runs.skipped++;
        this.counts.skipped++;
        return 'skip';
      }
      admission = runs.skipped > 0 ? 'start-run' : 'embed';
      runs.left = this.settings.run;
      runs.skipped = 0;
    }
    runs.left--;
    if (runs.left === 0) runs.first = false;
    this.counts.embedded++;
    return admission;
  }

  /** The budget's clock: the monitor times a batch with it. */
  clock(): number {
    return this.now();
  }

  /** Records what embedding and scoring `queries` queries took. */
  spent(ms: number, queries: number): void {
    if (queries <= 0 || !(ms >= 0)) return;
    const perQuery = ms / queries;
    this.cost = this.cost === 0 ? perQuery : 0.8 * this.cost + 0.2 * perQuery;
  }

  stats(): { embedded: number; skipped: number; rate: number; msPerQuery: number } {
    return { ...this.counts, rate: this.rate(), msPerQuery: this.cost };
  }

  private roll(): void {
    const elapsed = this.now() - this.windowStart;
    if (elapsed < WINDOW_MS) return;
    const first = (this.windowFirst * 1000) / elapsed;
    const later = (this.windowLater * 1000) / elapsed;
    this.firstRate = this.firstRate === 0 ? first : 0.5 * this.firstRate + 0.5 * first;
    this.laterRate = this.laterRate === 0 ? later : 0.5 * this.laterRate + 0.5 * later;
    this.windowStart = this.now();
    this.windowFirst = 0;
    this.windowLater = 0;
  }
}
