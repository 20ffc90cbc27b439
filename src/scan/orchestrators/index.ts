// Orchestrator registry: PAIR, TAP and Crescendo with an attacker LLM; deterministic mutation search without one.
import type { CaseRef } from '../probes/index.js';
import type { ChatTarget } from '../targets/openai.js';
import type { Attempt } from '../types.js';
import { runCrescendo } from './crescendo.js';
import { runMutationSearch } from './mutation.js';
import { runPair } from './pair.js';
import { type AttackerChat, objectiveFor } from './shared.js';
import { runTap } from './tap.js';

export const ORCHESTRATORS = ['pair', 'tap', 'crescendo', 'mutation'] as const;
export type OrchestratorName = (typeof ORCHESTRATORS)[number];

export function parseOrchestrators(spec: string): OrchestratorName[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      if (!(ORCHESTRATORS as readonly string[]).includes(s)) throw new Error(`unknown orchestrator '${s}'`);
      return s as OrchestratorName;
    });
}

export interface OrchestrateOptions {
  target: ChatTarget;
  attacker?: AttackerChat;
  names: readonly OrchestratorName[];
  /** One objective per family: the first seed of each selected probe. */
  refs: readonly CaseRef[];
  skip?: ReadonlySet<string>;
  onAttempt?: (a: Attempt) => void;
  signal?: AbortSignal;
}

/**
 * Runs each orchestrator on each objective, one at a time (they are sequential by nature).
 * Without an attacker, LLM orchestrators fall back to the mutation search (reported under `mutation`).
 */
export async function orchestrate(opts: OrchestrateOptions): Promise<Attempt[]> {
  const out: Attempt[] = [];
  const names = opts.attacker
    ? opts.names
    : [...new Set(opts.names.map((n): OrchestratorName => (n === 'mutation' ? n : 'mutation')))];
  for (const name of names) {
    for (const ref of opts.refs) {
      if (opts.signal?.aborted) return out;
      const obj = objectiveFor(ref, name);
      if (opts.skip?.has(obj.ref.id)) continue;
      const signal = opts.signal ? { signal: opts.signal } : {};
      let attempt: Attempt;
      try {
        if (name === 'mutation' || !opts.attacker)
          attempt = await runMutationSearch(opts.target, obj, signal);
        else if (name === 'pair') attempt = await runPair(opts.target, opts.attacker, obj, signal);
        else if (name === 'tap') attempt = await runTap(opts.target, opts.attacker, obj, signal);
        else attempt = await runCrescendo(opts.target, opts.attacker, obj, signal);
      } catch (err) {
        if (opts.signal?.aborted) return out;
        attempt = {
          caseId: obj.ref.id,
          probeId: ref.probe.id,
          category: ref.probe.category,
          tags: ref.probe.tags,
          converters: [],
          outcome: 'error',
          reason: `orchestrator failed: ${err instanceof Error ? err.message.slice(0, 160) : 'error'}`,
          detectors: {},
          excerpt: '',
          latencyMs: 0,
          at: new Date().toISOString(),
          orchestrator: { name, queries: 0, turns: 0 },
        };
      }
      // Adaptive attacks are reported as their own families so they do not dilute the static rates.
      attempt = { ...attempt, probeId: `${name}:${ref.probe.id}`, category: `orchestrated-${name}` };
      out.push(attempt);
      opts.onAttempt?.(attempt);
    }
  }
  return out;
}
