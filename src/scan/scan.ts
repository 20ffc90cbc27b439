// One scan from start to finish: select cases, resume, run, orchestrate, score, write reports, judge --fail-on.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultChains, parseConverterChains } from './converters/index.js';
import { evaluateFailRules, parseFailRules } from './fail-on.js';
import { type OrchestratorName, orchestrate } from './orchestrators/index.js';
import { attackerChat } from './orchestrators/shared.js';
import { caseRefs, selectProbes } from './probes/index.js';
import type { Progress } from './progress.js';
import { REPORT_FILES, writeReports } from './report/index.js';
import { attemptLog, readAttemptLog } from './report/jsonl.js';
import { buildSummary, errorReport, type ScanSummary } from './report/summary.js';
import { runCases } from './runner.js';
import { scanStats } from './stats.js';
import type { ChatTarget } from './targets/openai.js';
import type { Attempt } from './types.js';

export const SCANNER_VERSION = '0.1.0';

export interface ScanOptions {
  target: ChatTarget;
  model: string;
  attacker?: ChatTarget;
  probes?: string;
  converters?: string;
  orchestrators?: readonly OrchestratorName[];
  concurrency?: number;
  ratePerSecond?: number;
  reportDir?: string;
  failOn?: string;
  resume?: boolean;
  /** Share of attempts (0..1) that may error before the run fails (default 5%). */
  maxErrorShare?: number;
  signal?: AbortSignal;
  progress?: (total: number) => Progress;
}

export interface ScanRun {
  summary: ScanSummary;
  attempts: Attempt[];
}

export async function runScan(opts: ScanOptions): Promise<ScanRun> {
  const startedAt = new Date().toISOString();
  const selected = selectProbes(opts.probes);
  const chains = opts.converters
    ? parseConverterChains(opts.converters)
    : defaultChains(opts.attacker !== undefined);
  const rules = parseFailRules(opts.failOn ?? '');
  const refs = [...caseRefs(selected, chains)];
  if (opts.reportDir) mkdirSync(opts.reportDir, { recursive: true });
  const logFile = opts.reportDir ? join(opts.reportDir, REPORT_FILES.attempts) : undefined;
  const previous = opts.resume && logFile ? readAttemptLog(logFile) : [];
  const skip = new Set(previous.map((a) => a.caseId));
  const append = logFile ? attemptLog(logFile, { append: opts.resume === true }) : undefined;
  const orchestrators = opts.orchestrators ?? [];
  const firstSeeds = selected.map((p) => refs.find((r) => r.probe === p)!).filter(Boolean);
  const progress = opts.progress?.(
    refs.filter((r) => !skip.has(r.id)).length + orchestrators.length * firstSeeds.length,
  );
  const record = (a: Attempt) => {
    append?.(a);
    progress?.tick(a.outcome);
  };
  const attackerFn = opts.attacker ? attackerChat(opts.attacker) : undefined;
  const run = await runCases({
    target: opts.target,
    refs,
    skip,
    concurrency: opts.concurrency ?? 8,
    ...(opts.ratePerSecond ? { ratePerSecond: opts.ratePerSecond } : {}),
    ...(attackerFn
      ? { attacker: (p: string, s?: AbortSignal) => attackerFn([{ role: 'user', content: p }], s) }
      : {}),
    onAttempt: record,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const adaptive =
    orchestrators.length > 0 && !run.interrupted
      ? await orchestrate({
          target: opts.target,
          ...(attackerFn ? { attacker: attackerFn } : {}),
          names: orchestrators,
          refs: firstSeeds,
          skip,
          onAttempt: record,
          ...(opts.signal ? { signal: opts.signal } : {}),
        })
      : [];
  progress?.done();
  const attempts = [...previous, ...run.attempts, ...adaptive];
  const stats = scanStats(attempts);
  const summary = buildSummary(
    {
      tool: 'warden-scan',
      version: SCANNER_VERSION,
      target: opts.target.label,
      model: opts.model,
      startedAt,
      finishedAt: new Date().toISOString(),
      plannedCases: refs.length,
      resumedAttempts: previous.length,
      interrupted: opts.signal?.aborted ?? false,
      probes: selected.map((p) => p.id),
      converterChains: chains.map((c) => (c.length === 0 ? 'none' : c.join('+'))),
    },
    stats,
    evaluateFailRules(rules, stats),
    errorReport(attempts, opts.maxErrorShare),
    { throttled: run.pacing.throttled, finalRatePerSecond: run.pacing.ratePerSecond ?? null },
  );
  if (opts.reportDir) writeReports(opts.reportDir, summary, attempts);
  return { summary, attempts };
}
