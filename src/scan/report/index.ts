// Writes the report set into one directory: summary.json, report.html, junit.xml, results.sarif (+ attempts.jsonl).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attempt } from '../types.js';
import { renderHtml } from './html.js';
import { renderJUnit } from './junit.js';
import { renderSarif } from './sarif.js';
import type { ScanSummary } from './summary.js';

export const REPORT_FILES = {
  attempts: 'attempts.jsonl',
  summary: 'summary.json',
  html: 'report.html',
  junit: 'junit.xml',
  sarif: 'results.sarif',
} as const;

export function writeReports(dir: string, summary: ScanSummary, attempts: readonly Attempt[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, REPORT_FILES.summary), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(dir, REPORT_FILES.html), renderHtml(summary, attempts));
  writeFileSync(join(dir, REPORT_FILES.junit), renderJUnit(attempts, summary.stats));
  writeFileSync(
    join(dir, REPORT_FILES.sarif),
    `${JSON.stringify(renderSarif(attempts, summary.stats, summary), null, 2)}\n`,
  );
}
