// The JSON summary of a scan, and the markdown table of attack success per family used in docs.

import type { RuleVerdict } from '../fail-on.js';
import { probes } from '../probes/index.js';
import { type GroupStats, pct, type ScanStats } from '../stats.js';
import type { Attempt } from '../types.js';

export interface ScanMeta {
  tool: 'warden-scan';
  version: string;
  target: string;
  model: string;
  startedAt: string;
  finishedAt: string;
  /** Cases selected for this run (probes x seeds x converter chains). */
  plannedCases: number;
  /** Attempts taken over from an earlier, interrupted run. */
  resumedAttempts: number;
  interrupted: boolean;
  probes: string[];
  converterChains: string[];
}

/** Attempts that errored, grouped by cause, against the share a run may lose before it fails. */
export interface ErrorReport {
  count: number;
  /** count / attempts (0 when there were none). */
  share: number;
  maxShare: number;
  exceeded: boolean;
  /** Most frequent first, e.g. `HTTP 429 WARDEN_RATE_LIMITED`, `transport: ECONNREFUSED`. */
  causes: { cause: string; count: number }[];
}

/** How the scanner paced itself: 429 answers seen and the rate it ended at. */
export interface PacingReport {
  throttled: number;
  finalRatePerSecond: number | null;
}

export interface ScanSummary extends ScanMeta {
  stats: ScanStats;
  failOn: RuleVerdict[];
  errors: ErrorReport;
  pacing?: PacingReport;
  failed: boolean;
}

/** The default --max-error-share: a run that lost more than this share of attempts to errors fails. */
export const DEFAULT_MAX_ERROR_SHARE = 0.05;

export function errorReport(attempts: readonly Attempt[], maxShare = DEFAULT_MAX_ERROR_SHARE): ErrorReport {
  const byCause = new Map<string, number>();
  for (const a of attempts)
    if (a.outcome === 'error') byCause.set(a.reason, (byCause.get(a.reason) ?? 0) + 1);
  const count = [...byCause.values()].reduce((n, c) => n + c, 0);
  const share = attempts.length === 0 ? 0 : count / attempts.length;
  const causes = [...byCause].map(([cause, c]) => ({ cause, count: c })).sort((x, y) => y.count - x.count);
  return { count, share, maxShare, exceeded: share > maxShare, causes };
}

export function buildSummary(
  meta: ScanMeta,
  stats: ScanStats,
  failOn: RuleVerdict[],
  errors: ErrorReport = errorReport([]),
  pacing?: PacingReport,
): ScanSummary {
  return {
    ...meta,
    stats,
    failOn,
    errors,
    ...(pacing ? { pacing } : {}),
    failed: failOn.some((v) => v.failed) || errors.exceeded,
  };
}

/** The category of a family id; orchestrated families are named `orchestrator:family`. */
const categoryOf = (family: string) =>
  family.includes(':') ? `orchestrated-${family.split(':')[0]}` : (probes.get(family)?.category ?? '');

const ci = (g: GroupStats) =>
  g.scored === 0
    ? 'n/a'
    : `${pct(g.attackSuccess.rate)} (${pct(g.attackSuccess.low)}–${pct(g.attackSuccess.high)})`;

/** A markdown table: one row per family with outcome counts and attack success with its Wilson interval. */
export function familyTable(stats: ScanStats): string {
  const rows = stats.byFamily.map((g) => {
    const cat = categoryOf(g.name);
    const c = g.counts;
    return `| ${g.name} | ${cat} | ${g.total} | ${c.vulnerable} | ${c.resisted} | ${c.blocked} | ${c.error} | ${c.unscorable} | ${ci(g)} |`;
  });
  const o = stats.overall;
  return [
    '| family | category | attempts | vulnerable | resisted | blocked | error | unscorable | attack success (95% CI) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    `| **overall** | | ${o.total} | ${o.counts.vulnerable} | ${o.counts.resisted} | ${o.counts.blocked} | ${o.counts.error} | ${o.counts.unscorable} | ${ci(o)} |`,
  ].join('\n');
}

/** A markdown table comparing attack success per family across scans (e.g. bare model vs behind Warden). */
export function comparisonTable(columns: readonly { label: string; stats: ScanStats }[]): string {
  const families = [...new Set(columns.flatMap((c) => c.stats.byFamily.map((g) => g.name)))].sort();
  const cell = (g: GroupStats | undefined) =>
    !g
      ? '–'
      : `${g.counts.vulnerable}/${g.scored}${g.counts.blocked ? ` (${g.counts.blocked} blocked)` : ''} = ${g.scored ? ci(g) : 'n/a'}`;
  const rows = families.map(
    (f) =>
      `| ${f} | ${categoryOf(f)} | ${columns.map((c) => cell(c.stats.byFamily.find((g) => g.name === f))).join(' | ')} |`,
  );
  return [
    `| family | category | ${columns.map((c) => `${c.label}: vulnerable/scored = attack success (95% CI)`).join(' | ')} |`,
    `|---|---|${columns.map(() => '---').join('|')}|`,
    ...rows,
    `| **overall** | | ${columns.map((c) => cell(c.stats.overall)).join(' | ')} |`,
  ].join('\n');
}
