// The self-scan's CI rule (decision 2210): per family and per converter, the share of attempts that succeed
// behind Warden is never above the bare simulator's, nor above the recorded baseline's; no attempt errors.

export interface SideCounts {
  vulnerable: number;
  blocked: number;
  scored: number;
  errors: number;
}

/** One family (or converter) of the self-scan: the same attempts sent bare and behind Warden. */
export interface SelfScanRow {
  name: string;
  attempts: number;
  bare: SideCounts;
  warden: SideCounts;
}

export interface SelfScanResult {
  converters: string;
  families: SelfScanRow[];
  byConverter: SelfScanRow[];
  totals: { bareVulnerable: number; wardenVulnerable: number; attempts: number };
}

/** k of n as a share, for messages (the comparisons themselves stay in integers). */
export const share = (k: number, n: number): string => (n === 0 ? 'n/a' : `${((100 * k) / n).toFixed(1)}%`);

/** a/n above b/m, compared exactly (cross-multiplied): an empty side is never above anything. */
const above = (a: number, n: number, b: number, m: number) => n > 0 && (m === 0 ? a > 0 : a * m > b * n);

/** Rows where Warden lets a larger share of attempts succeed than the bare simulator does. */
export function worseThanBare(r: SelfScanResult): string[] {
  const out: string[] = [];
  for (const [kind, rows] of [
    ['family', r.families],
    ['converter', r.byConverter],
  ] as const) {
    for (const row of rows) {
      if (above(row.warden.vulnerable, row.attempts, row.bare.vulnerable, row.attempts))
        out.push(
          `${kind} ${row.name}: behind Warden ${row.warden.vulnerable}/${row.attempts} (${share(row.warden.vulnerable, row.attempts)}) > bare ${row.bare.vulnerable}/${row.attempts} (${share(row.bare.vulnerable, row.attempts)})`,
        );
    }
  }
  return out;
}

/**
 * Every way `now` breaks the gate: a row worse behind Warden than bare, a row whose success share behind
 * Warden rose above the baseline's, a row that errored or that the baseline does not have (or has with
 * other attempts: the subset changed, re-record). Empty when the gate passes.
 */
export function selfScanViolations(now: SelfScanResult, baseline: SelfScanResult): string[] {
  const out: string[] = [];
  if (now.converters !== baseline.converters)
    out.push(`converters ${now.converters} differ from the baseline's ${baseline.converters}: re-record`);
  out.push(...worseThanBare(now));
  for (const [kind, rows, base] of [
    ['family', now.families, baseline.families],
    ['converter', now.byConverter, baseline.byConverter],
  ] as const) {
    const recorded = new Map(base.map((b) => [b.name, b]));
    for (const row of rows) {
      if (row.bare.errors > 0 || row.warden.errors > 0)
        out.push(
          `${kind} ${row.name}: ${row.bare.errors} bare and ${row.warden.errors} behind-Warden errors`,
        );
      const b = recorded.get(row.name);
      if (!b || b.attempts !== row.attempts) {
        out.push(
          `${kind} ${row.name}: ${row.attempts} attempts, the baseline has ${b?.attempts ?? 0}: re-record`,
        );
        continue;
      }
      if (above(row.warden.vulnerable, row.attempts, b.warden.vulnerable, b.attempts))
        out.push(
          `${kind} ${row.name}: behind Warden ${row.warden.vulnerable}/${row.attempts} > baseline ${b.warden.vulnerable}/${b.attempts}`,
        );
    }
    const seen = new Set(rows.map((r) => r.name));
    for (const b of base) if (!seen.has(b.name)) out.push(`${kind} ${b.name}: in the baseline, not scanned`);
  }
  return out;
}
