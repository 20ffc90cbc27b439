// Renders `warden extraction report` for a person: one row per subject, rounded figures, words not 17 decimals.
import type { SubjectReport } from '../extraction/monitor.js';
import { formatP, reading } from '../extraction/reading.js';

function pad(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
}

/** A fixed-width table with a header; empty input says so instead of printing nothing. */
export function extractionTable(reports: readonly SubjectReport[]): string {
  if (reports.length === 0) return 'no subjects in the extraction state yet';
  const head = [
    'subject',
    'scope',
    'requests',
    'last seen',
    'combined p',
    'strongest signal',
    'last verdict',
    'reading',
  ];
  const rows = reports.map((r) => [
    r.subject,
    r.scope,
    String(r.n),
    r.lastSeen.replace(/\.\d+Z$/, 'Z'),
    r.current ? formatP(r.current.combinedP) : '–',
    r.current ? `${r.current.strongest} (p ${formatP(r.current.pValues[r.current.strongest])})` : '–',
    r.lastVerdict ? `${r.lastVerdict.action} at n=${r.lastVerdict.n}` : 'none',
    reading(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  return [
    pad(head, widths),
    pad(
      widths.map((w) => '-'.repeat(w)),
      widths,
    ),
    ...rows.map((r) => pad(r, widths)),
  ].join('\n');
}
