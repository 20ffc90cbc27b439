// Runs guards phase by phase: stages in order, guards of a stage concurrently, each under a deadline, failing closed.
import type { Logger } from 'pino';
import type { GuardContext } from './context.js';
import { type Decision, type Phase, strongest } from './decision.js';
import type { Guard } from './guard.js';

export interface GuardObserver {
  onDecision(guard: Guard, decision: Decision): void;
}

export interface PipelineOptions {
  defaultDeadlineMs: number;
  log: Logger;
  observer?: GuardObserver;
}

export interface PhaseOutcome {
  /** The strongest decision of the phase, undefined when no guard ran. */
  verdict: Decision | undefined;
  decisions: Decision[];
}

const EMPTY: PhaseOutcome = Object.freeze({ verdict: undefined, decisions: [] }) as PhaseOutcome;

function byStage(guards: readonly Guard[]): Guard[][] {
  const stages = new Map<number, Guard[]>();
  for (const g of guards) {
    const s = g.stage ?? 0;
    const list = stages.get(s) ?? [];
    list.push(g);
    stages.set(s, list);
  }
  return [...stages.entries()].sort((a, b) => a[0] - b[0]).map(([, list]) => list);
}

export class GuardPipeline {
  private readonly stages: Record<Phase, Guard[][]>;
  /** Characters the response window holds back: the longest span any response guard can match. */
  readonly holdBack: number;
  readonly guards: readonly Guard[];
  private readonly controllers = new WeakMap<AbortSignal, AbortController>();

  constructor(
    guards: readonly Guard[],
    private readonly opts: PipelineOptions,
  ) {
    const ids = new Set<string>();
    for (const g of guards) {
      if (ids.has(g.id)) throw new Error(`duplicate guard id '${g.id}': give each guard instance its own id`);
      ids.add(g.id);
    }
    this.guards = guards;
    this.stages = {
      request: byStage(guards.filter((g) => g.phase === 'request')),
      response: [guards.filter((g) => g.phase === 'response')].filter((s) => s.length > 0),
      toolCall: byStage(guards.filter((g) => g.phase === 'toolCall')),
    };
    this.holdBack = Math.max(0, ...guards.filter((g) => g.phase === 'response').map((g) => g.holdBack ?? 0));
  }

  /** Closes every guard that holds resources (the gateway's shutdown). */
  async close(): Promise<void> {
    await Promise.all(this.guards.map((g) => g.close?.()));
  }

  has(phase: Phase): boolean {
    return this.stages[phase].length > 0;
  }

  /** Runs one phase. Stops after a stage that blocks; applies transform patches in guard order after each stage. */
  run(phase: Phase, ctx: GuardContext, signal?: AbortSignal): Promise<PhaseOutcome> {
    const stages = this.stages[phase];
    if (stages.length === 0) return Promise.resolve(EMPTY);
    return this.runStages(stages, phase, ctx, this.controllerFor(signal), []);
  }

  /**
   * The controller whose signal guards get. Aborted when the request's signal is, or when a closed guard times
   * out (its stage then blocks and no later stage of that run goes on). Until then one serves every stage and
   * phase run of a request: creating an AbortSignal costs microseconds. An aborted one is replaced for the
   * next run, which so starts unaborted as a fresh controller per run did.
   */
  private controllerFor(signal: AbortSignal | undefined): AbortController {
    if (!signal) return new AbortController();
    const current = this.controllers.get(signal);
    if (current && !current.signal.aborted) return current;
    const ac = new AbortController();
    signal.addEventListener('abort', () => ac.abort(signal.reason), { once: true });
    this.controllers.set(signal, ac);
    return ac;
  }

  private async runStages(
    stages: Guard[][],
    phase: Phase,
    ctx: GuardContext,
    ac: AbortController,
    decisions: Decision[],
  ): Promise<PhaseOutcome> {
    for (const stage of stages) {
      // Guards of a stage start together; only a stage with an asynchronous guard waits on promises.
      const started = stage.map((g) => this.runGuard(g, phase, ctx, ac));
      const results = started.some((r) => r instanceof Promise)
        ? await Promise.all(started)
        : (started as Decision[]);
      decisions.push(...results);
      if (results.some((d) => d.action === 'block')) break;
      if (phase !== 'response') {
        for (const d of results) {
          if (d.action !== 'transform' || !d.patch) continue;
          try {
            d.patch(ctx);
          } catch (err) {
            this.opts.log.error({ guardId: d.guardId, err: errorName(err) }, 'guard patch failed');
            const failed = failure(this.find(d.guardId), phase, 'error', 'patch failed');
            decisions.push(failed);
            if (failed.action === 'block') return { verdict: failed, decisions };
          }
        }
      }
    }
    return { verdict: strongest(decisions), decisions };
  }

  private find(id: string): Guard {
    return this.guards.find((g) => g.id === id)!;
  }

  /** Runs one guard; a guard that answers synchronously gets its decision back without a promise. */
  private runGuard(
    guard: Guard,
    phase: Phase,
    ctx: GuardContext,
    ac: AbortController,
  ): Decision | Promise<Decision> {
    const started = performance.now();
    let decision: Decision;
    try {
      const result = guard.check(ctx, ac.signal);
      if (result instanceof Promise) return this.awaitGuard(guard, phase, result, ac, started);
      decision = checked(guard, phase, result);
    } catch (err) {
      decision = failure(guard, phase, 'error', errorName(err));
    }
    return this.settle(guard, phase, decision, started);
  }

  private async awaitGuard(
    guard: Guard,
    phase: Phase,
    result: Promise<Decision>,
    ac: AbortController,
    started: number,
  ): Promise<Decision> {
    let decision: Decision;
    let timer: NodeJS.Timeout | undefined;
    let late: Decision | undefined;
    try {
      const deadline = guard.deadlineMs ?? this.opts.defaultDeadlineMs;
      const timeout = new Promise<Decision>((resolve) => {
        timer = setTimeout(() => {
          // Decided before the abort: a guard that answers (even `allow`) from its abort listener is too late.
          late = failure(guard, phase, 'timeout', `deadline of ${deadline} ms exceeded`, deadline);
          resolve(late);
          // A late fail-open guard is ignored, not allowed to abort its neighbours.
          if (guard.failMode === 'closed') ac.abort(new Error('deadline exceeded'));
        }, deadline);
      });
      const answer = await Promise.race([result, timeout]);
      decision = late ?? checked(guard, phase, answer);
    } catch (err) {
      decision = failure(guard, phase, 'error', errorName(err));
    } finally {
      if (timer) clearTimeout(timer);
    }
    return this.settle(guard, phase, decision, started);
  }

  private settle(guard: Guard, phase: Phase, given: Decision, started: number): Decision {
    const decision = {
      ...given,
      guardId: guard.id,
      phase,
      startedAt: started,
      latencyMs: performance.now() - started,
    };
    if (decision.status === 'error') {
      this.opts.log.warn(
        {
          guardId: guard.id,
          phase,
          failMode: guard.failMode,
          action: decision.action,
          reason: decision.reason,
        },
        guard.failMode === 'open' ? 'guard failed open (configured failMode: open)' : 'guard failed closed',
      );
    }
    this.opts.observer?.onDecision(guard, decision);
    return decision;
  }
}

/** The guard's answer if it is a decision at all, else an error decision (may throw on a hostile object). */
function checked(guard: Guard, phase: Phase, decision: Decision): Decision {
  if (!decision || typeof decision !== 'object' || typeof decision.action !== 'string') {
    return failure(guard, phase, 'error', 'guard returned no decision');
  }
  return decision;
}

function errorName(err: unknown): string {
  // Only the error's class and code: messages may quote request text.
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' ? `${err.name} (${code})` : err.name;
  }
  return typeof err;
}

function failure(
  guard: Guard,
  phase: Phase,
  kind: 'error' | 'timeout',
  reason: string,
  deadlineMs?: number,
): Decision {
  if (guard.failMode === 'open') {
    return {
      guardId: guard.id,
      phase,
      status: 'error',
      action: 'allow',
      reason: `${kind}: ${reason} (failed open)`,
    };
  }
  const code = kind === 'timeout' ? 'WARDEN_GUARD_TIMEOUT' : 'WARDEN_GUARD_ERROR';
  const message =
    kind === 'timeout'
      ? `Guard ${guard.id} exceeded its deadline of ${deadlineMs} ms; the request was blocked (fail closed)`
      : `Guard ${guard.id} failed (${reason}); the request was blocked (fail closed)`;
  return {
    guardId: guard.id,
    phase,
    status: 'error',
    action: 'block',
    code,
    httpStatus: 503,
    message,
    reason,
  };
}
