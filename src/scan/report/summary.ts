// The JSON summary of a scan, and the markdown table of attack success per family used in docs.

import type { RuleVerdict } from '../fail-on.js';
import { probes } from '../probes/index.js';
import { type GroupStats, pct, type ScanStats } from '../stats.js';

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

export interface ScanSummary extends ScanMeta {
  stats: ScanStats;
  failOn: RuleVerdict[];
  failed: boolean;
}

export function buildSummary(meta: ScanMeta, stats: ScanStats, failOn: RuleVerdict[]): ScanSummary {
  return { ...meta, stats, failOn, failed: failOn.some((v) => v.failed) };
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
