// The extraction monitor the gateway calls: observe() only enqueues (bounded, drops and counts when full);
// a background worker embeds in batches, folds each query into its key's and tenant's state, scores them
// at n = 50 * 2^j, and hands verdicts to the callback and the graduated actions.
import type { ExtractionStateRecord, ExtractionStateStore } from '../store/extraction.js';
import { MemoryExtractionStateStore } from '../store/memory/extraction.js';
import { type ActionSinks, carryOut, chooseAction } from './actions.js';
import { EmbedBudget, type EmbedBudgetSettings } from './budget.js';
import { type CalibrationTable, loadCalibration } from './calibration.js';
import { type ExtractionPolicy, extractionPolicySchema } from './config.js';
import type { Embedder } from './embedders/types.js';
import {
  type CheckResult,
  ExtractionScorer,
  parseSpaceId,
  type ScorerOptions,
  scoreState,
  spaceId,
} from './scorer.js';
import type { SignalName } from './signals.js';
import { PrincipalState } from './state.js';
import type { ExtractionObservation, ExtractionVerdict } from './types.js';

export interface ExtractionMonitorOptions extends ActionSinks, ScorerOptions {
  embedder: Embedder;
  /** Benign calibration for this embedder; defaults to the committed table for embedder.id. */
  calibration?: CalibrationTable;
  store?: ExtractionStateStore;
  policy?: Partial<ExtractionPolicy>;
  onVerdict?: (verdict: ExtractionVerdict) => void;
  queueLimit?: number;
  batchSize?: number;
  /** Milliseconds to collect observations before a batch starts (default 25; 0 = next turn). */
  batchWindowMs?: number;
  cacheLimit?: number;
  /** CPU budget for embedding and scoring; beyond it keys are embedded in runs (budget.ts). None: every query. */
  embedBudget?: EmbedBudgetSettings | EmbedBudget;
}

export interface SubjectReport {
  subject: string;
  scope: 'key' | 'tenant';
  embedder: string;
  /** The topic codebook of the traffic profile the state was made with, if any. */
  codebook?: string;
  n: number;
  lastSeen: string;
  stateBytes: number;
  /** Scores now, between checkpoints (the growth signal compares with the last checkpoint); absent without calibration. */
  current?: CheckResult;
  lastVerdict?: Omit<ExtractionVerdict, 'signals'>;
}

export interface MonitorStats {
  queued: number;
  dropped: number;
  processed: number;
  /** Of the processed: embedded and scored, and skipped by the embedding budget (counted, not embedded). */
  embedded: number;
  skipped: number;
  /** Share of later queries the embedding budget allows now (1 without a budget), and its cost estimate. */
  embedRate: number;
  msPerEmbeddedQuery: number;
  embedErrors: number;
  /** Batches lost because the state store failed. */
  storeErrors: number;
  verdicts: number;
}

const TENANT = 'tenant:';
/** Compare-and-set rounds per batch before a subject's share of it is given up (logged). */
const MAX_CAS_ATTEMPTS = 32;

function subjectsOf(obs: ExtractionObservation): string[] {
  return obs.tenant === undefined ? [obs.principal] : [obs.principal, `${TENANT}${obs.tenant}`];
}

export class ExtractionMonitor {
  private readonly embedder: Embedder;
  private readonly scorer: ExtractionScorer;
  private readonly store: ExtractionStateStore;
  private readonly policy: ExtractionPolicy;
  private readonly options: ExtractionMonitorOptions;
  private readonly space: string;
  private readonly queue: ExtractionObservation[] = [];
  private readonly cache = new Map<string, PrincipalState>();
  private readonly verdicts = new Map<string, string>();
  private readonly counters = {
    dropped: 0,
    processed: 0,
    embedded: 0,
    skipped: 0,
    embedErrors: 0,
    storeErrors: 0,
    verdicts: 0,
  };
  private readonly budget: EmbedBudget | undefined;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(options: ExtractionMonitorOptions) {
    this.options = options;
    this.embedder = options.embedder;
    const calibration = options.calibration ?? loadCalibration().get(options.embedder.id);
    // no calibration means no p-values: refuse to start rather than score against nothing
    if (!calibration) throw new Error(`no extraction calibration for embedder ${options.embedder.id}`);
    this.scorer = new ExtractionScorer(options.embedder, calibration, options);
    this.store = options.store ?? new MemoryExtractionStateStore();
    this.policy = extractionPolicySchema.parse(options.policy ?? {});
    if (options.codebook && calibration.codebook !== options.codebook.id)
      throw new Error('the extraction calibration was not made with this topic codebook');
    this.space = spaceId(this.embedder.id, this.scorer.shape, options.codebook?.id);
    const b = options.embedBudget;
    this.budget = b instanceof EmbedBudget ? b : b ? new EmbedBudget(b) : undefined;
  }

  /** Enqueues one request for scoring; never blocks and never throws. Returns false when dropped. */
  observe(obs: ExtractionObservation): boolean {
    if (this.closed || this.queue.length >= (this.options.queueLimit ?? 10_000)) {
      this.counters.dropped++;
      return false;
    }
    // a bad timestamp would poison the decay of the subject's state: use the arrival time instead
    this.queue.push(Number.isFinite(obs.ts) ? obs : { ...obs, ts: Date.now() });
    this.budget?.arrive();
    this.running ??= new Promise<void>((resolve) => {
      const window = this.options.batchWindowMs ?? 25;
      if (window > 0) setTimeout(resolve, window);
      else setImmediate(resolve);
    }).then(() => this.drain());
    return true;
  }

  stats(): MonitorStats {
    const budget = this.budget?.stats();
    return {
      queued: this.queue.length,
      ...this.counters,
      embedRate: budget?.rate ?? 1,
      msPerEmbeddedQuery: budget?.msPerQuery ?? 0,
    };
  }

  /** Resolves once everything queued so far is scored and persisted. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await this.embedder.close?.();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const { taken, batch, restarts } = this.take(this.options.batchSize ?? 64);
        if (batch.length === 0) {
          this.counters.processed += taken;
          this.counters.skipped += taken;
          continue;
        }
        const started = this.budget?.clock() ?? 0;
        let vectors: Float32Array[];
        let parts: (Float32Array[] | undefined)[];
        try {
          ({ vectors, parts } = await this.embedBatch(batch));
        } catch (err) {
          this.counters.embedErrors++;
          this.options.log?.error(
            { err: err instanceof Error ? err.message : String(err) },
            'extraction embedder failed',
          );
          continue;
        }
        const shared = this.store.getVersioned && this.store.putIfUnchanged;
        let due: ExtractionVerdict[];
        try {
          due = shared
            ? await this.foldShared(batch, vectors, parts, restarts)
            : await this.foldCached(batch, vectors, parts, restarts);
        } catch (err) {
          // a shared store's outage (Redis down) must cost this batch, never the gateway process
          this.counters.storeErrors++;
          this.options.log?.error(
            { err: err instanceof Error ? err.message : String(err) },
            'extraction state store failed; batch not counted',
          );
          continue;
        }
        if (this.budget) this.budget.spent(this.budget.clock() - started, batch.length);
        this.counters.processed += taken;
        this.counters.embedded += batch.length;
        this.counters.skipped += taken - batch.length;
        for (const v of due) {
          this.counters.verdicts++;
          this.options.onVerdict?.(v);
          await carryOut(v, this.policy, this.options);
        }
        this.evict();
        // yield to I/O between batches so a backlog never holds the event loop for more than one batch
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.running = undefined;
    }
  }

  /**
   * Takes the next batch from the queue: `size` observations, or with an embedding budget as many as it takes
   * to fill `size` embedded ones (at most 64 x size), so that skipped queries never slow the queue down.
   * Returns what was taken, what is embedded, and which of those open a run (their key's ring is emptied).
   */
  private take(size: number): {
    taken: number;
    batch: ExtractionObservation[];
    restarts: Set<number>;
  } {
    const restarts = new Set<number>();
    if (!this.budget) {
      const batch = this.queue.splice(0, size);
      return { taken: batch.length, batch, restarts };
    }
    const batch: ExtractionObservation[] = [];
    let i = 0;
    while (i < this.queue.length && batch.length < size && i < 64 * size) {
      const obs = this.queue[i++]!;
      const admission = this.budget.admit(obs.principal);
      if (admission === 'skip') continue;
      if (admission === 'start-run') restarts.add(batch.length);
      batch.push(obs);
    }
    this.queue.splice(0, i);
    return { taken: i, batch, restarts };
  }

  /**
   * Embeds a batch in one call: every query and, with a topic codebook, the segments of the queries that
   * have several (they count separately for topics).
   */
  private async embedBatch(
    batch: readonly ExtractionObservation[],
  ): Promise<{ vectors: Float32Array[]; parts: (Float32Array[] | undefined)[] }> {
    const segs = batch.map((o) => this.scorer.topicSegments(o.text));
    const texts = [...batch.map((o) => o.text), ...segs.flat()];
    const all = await this.embedder.embed(texts);
    if (all.length !== texts.length) throw new Error('embedder returned the wrong number of vectors');
    let at = batch.length;
    const parts = segs.map((s) => {
      if (s.length === 0) return undefined;
      const mine = all.slice(at, at + s.length);
      at += s.length;
      return mine;
    });
    return { vectors: all.slice(0, batch.length), parts };
  }

  private verdict(subject: string, ts: number, c: CheckResult): ExtractionVerdict {
    const scope = subject.startsWith(TENANT) ? 'tenant' : 'key';
    const v: ExtractionVerdict = {
      principal: subject,
      scope,
      n: c.n,
      ts,
      score: 1 - c.combinedP,
      signals: c.signals,
      pValues: c.pValues,
      combinedP: c.combinedP,
      strongest: c.strongest,
      action: chooseAction(this.policy, c.combinedP, c.n, scope),
      calibration: this.scorer.codebook ? `${this.embedder.id}+${this.scorer.codebook.id}` : this.embedder.id,
    };
    const { signals: _signals, ...rest } = v;
    this.verdicts.set(subject, JSON.stringify(rest));
    return v;
  }

  private async load(subject: string): Promise<PrincipalState> {
    const cached = this.cache.get(subject);
    if (cached) {
      this.cache.delete(subject); // re-insert: the map's order is the LRU order
      this.cache.set(subject, cached);
      return cached;
    }
    const state = this.decode(await this.store.get(subject));
    this.cache.set(subject, state);
    return state;
  }

  private decode(rec: ExtractionStateRecord | undefined): PrincipalState {
    try {
      return rec && rec.space === this.space ? this.scorer.newState(rec.state) : this.scorer.newState();
    } catch {
      return this.scorer.newState(); // a corrupt or outdated blob restarts the subject's statistics
    }
  }

  /** One process owns its subjects: fold into the cached states, then persist the changed ones. */
  private async foldCached(
    batch: ExtractionObservation[],
    vectors: Float32Array[],
    parts: (Float32Array[] | undefined)[],
    restarts: ReadonlySet<number>,
  ): Promise<ExtractionVerdict[]> {
    const dirty = new Set<string>();
    const due: ExtractionVerdict[] = [];
    for (let i = 0; i < batch.length; i++) {
      const obs = batch[i]!;
      for (const subject of subjectsOf(obs)) {
        const state = await this.load(subject);
        if (restarts.has(i) && subject === obs.principal) state.startRun();
        this.scorer.update(state, obs, vectors[i]!, parts[i]);
        dirty.add(subject);
        const check = this.scorer.checkIfDue(state);
        if (check) due.push(this.verdict(subject, obs.ts, check));
      }
    }
    await this.persist(dirty);
    return due;
  }

  /**
   * Replicas share the subjects: read each with its version, fold this batch's queries in, and write it
   * back only if no other replica wrote it meanwhile; a subject that changed is re-read and refolded (its
   * verdicts are taken from the fold that was written), so concurrent replicas never lose each other's queries.
   */
  private async foldShared(
    batch: ExtractionObservation[],
    vectors: Float32Array[],
    parts: (Float32Array[] | undefined)[],
    restarts: ReadonlySet<number>,
  ): Promise<ExtractionVerdict[]> {
    const store = this.store as Required<Pick<ExtractionStateStore, 'getVersioned' | 'putIfUnchanged'>>;
    const bySubject = new Map<string, number[]>();
    for (const [i, obs] of batch.entries())
      for (const subject of subjectsOf(obs)) bySubject.set(subject, [...(bySubject.get(subject) ?? []), i]);
    const due: ExtractionVerdict[] = [];
    let todo = [...bySubject.keys()];
    for (let attempt = 0; todo.length > 0; attempt++) {
      if (attempt === MAX_CAS_ATTEMPTS) {
        this.options.log?.warn(
          { subjects: todo.length },
          'extraction state kept changing on other replicas; this batch is not counted for these subjects',
        );
        break;
      }
      // after a conflict, wait a random few ms so contending replicas stop colliding in lockstep
      if (attempt > 0)
        await new Promise<void>((r) => setTimeout(r, Math.random() * Math.min(2 * attempt, 20)));
      const folded = await Promise.all(
        todo.map(async (subject) => {
          const { record, version } = await store.getVersioned(subject);
          const state = this.decode(record);
          const verdicts: ExtractionVerdict[] = [];
          for (const i of bySubject.get(subject)!) {
            const obs = batch[i]!;
            if (restarts.has(i) && subject === obs.principal) state.startRun();
            this.scorer.update(state, obs, vectors[i]!, parts[i]);
            const check = this.scorer.checkIfDue(state);
            if (check) verdicts.push(this.verdict(subject, obs.ts, check));
          }
          const lastVerdict = this.verdicts.get(subject);
          this.verdicts.delete(subject);
          const next: ExtractionStateRecord = {
            subject,
            space: this.space,
            state: state.toBytes(),
            updatedAt: state.lastTs,
            ...(lastVerdict ? { lastVerdict } : {}),
          };
          return { subject, verdicts, version, record: next };
        }),
      );
      const conflicts = new Set(await store.putIfUnchanged(folded));
      for (const f of folded) if (!conflicts.has(f.subject)) due.push(...f.verdicts);
      todo = [...conflicts];
    }
    return due;
  }

  private async persist(subjects: Set<string>): Promise<void> {
    const records = [...subjects].map((subject) => {
      const state = this.cache.get(subject)!;
      const verdict = this.verdicts.get(subject);
      this.verdicts.delete(subject);
      return {
        subject,
        space: this.space,
        state: state.toBytes(),
        updatedAt: state.lastTs,
        ...(verdict ? { lastVerdict: verdict } : {}),
      };
    });
    if (records.length > 0) await this.store.putMany(records);
  }

  private evict(): void {
    const limit = this.options.cacheLimit ?? 10_000;
    for (const subject of this.cache.keys()) {
      if (this.cache.size <= limit) break;
      this.cache.delete(subject); // already persisted at the end of its batch
    }
  }

  /** Current scores and the last verdict of one subject, or of every stored subject. */
  async report(principal?: string): Promise<SubjectReport[]> {
    await this.flush();
    const table = this.scorer.calibration;
    return reportFromStore(
      this.store,
      (id, codebook) =>
        id === this.embedder.id && codebook === this.scorer.codebook?.id ? table : undefined,
      principal,
      this.options.actingSignals,
    );
  }
}

/**
 * Builds reports straight from a store (the monitor's report and the CLI): each blob is decoded with the
 * shape recorded in its space id and scored against the calibration of its embedder, when there is one.
 */
export async function reportFromStore(
  store: ExtractionStateStore,
  calibrationFor: (embedderId: string, codebookId: string | undefined) => CalibrationTable | undefined,
  principal?: string,
  actingSignals?: readonly SignalName[],
): Promise<SubjectReport[]> {
  const records = await store.list(principal);
  const out: SubjectReport[] = [];
  for (const rec of records) {
    const space = parseSpaceId(rec.space);
    if (!space) continue;
    let state: PrincipalState;
    try {
      state = new PrincipalState(space.shape, rec.state);
    } catch {
      continue;
    }
    const table = calibrationFor(space.embedderId, space.codebookId);
    const report: SubjectReport = {
      subject: rec.subject,
      scope: rec.subject.startsWith(TENANT) ? 'tenant' : 'key',
      embedder: space.embedderId,
      ...(space.codebookId ? { codebook: space.codebookId } : {}),
      n: state.n,
      lastSeen: new Date(rec.updatedAt).toISOString(),
      stateBytes: state.byteLength(),
      ...(table ? { current: scoreState(state, table, actingSignals) } : {}),
    };
    if (rec.lastVerdict) report.lastVerdict = JSON.parse(rec.lastVerdict) as SubjectReport['lastVerdict'];
    out.push(report);
  }
  return out;
}
