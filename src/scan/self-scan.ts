// Warden scanning itself: the same fixed probe subset against the bare simulator and against Warden (default
// guards) in front of it; per-family attack success both ways, for the CI gate and docs/self-scan.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { buildWarden } from '../app.js';
import { embeddedDefaults, validateConfig } from '../config/load.js';
import { startSimulator } from '../sim/server.js';
import { runScan } from './scan.js';
import { type SelfScanResult, type SelfScanRow, type SideCounts, share } from './self-scan-gate.js';
import type { GroupStats } from './stats.js';
import { openAIChatTarget } from './targets/openai.js';

/** The fixed subset: every family, plain and with three cheap disguises. Changing it invalidates the baseline. */
export const SELF_SCAN_CONVERTERS = 'none,base64,homoglyph,zero-width';

export type { SelfScanResult, SelfScanRow } from './self-scan-gate.js';

/** Rows of both scans side by side, by name (the same cases were sent to both). */
function rows(bare: readonly GroupStats[], behind: readonly GroupStats[]): SelfScanRow[] {
  const side = (g: GroupStats): SideCounts => ({
    vulnerable: g.counts.vulnerable,
    blocked: g.counts.blocked,
    scored: g.scored,
    errors: g.counts.error,
  });
  const byName = new Map(behind.map((g) => [g.name, g]));
  if (behind.length !== bare.length) throw new Error('the two self-scans grouped their attempts differently');
  return bare
    .map((b) => {
      const w = byName.get(b.name);
      // A missing or short group behind Warden would read as "nothing got through".
      if (!w || w.total !== b.total)
        throw new Error(`self-scan: ${b.name} has ${w?.total ?? 0} attempts behind Warden, ${b.total} bare`);
      return { name: b.name, attempts: b.total, bare: side(b), warden: side(w) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function runSelfScan(
  opts: { concurrency?: number; stream?: boolean; reportDir?: string } = {},
): Promise<SelfScanResult> {
  const sim = await startSimulator(0);
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-self-scan-'));
  const app = buildWarden(
    validateConfig(
      {
        ...embeddedDefaults({ upstream: sim.url }),
        dataDir,
        limits: { principal: { requests: { limit: 1_000_000, window: '1m' }, concurrent: 10_000 } },
        extraction: { enabled: false },
        // The scan key has no approver, so every hold ends pending: answering at once gives the same answer.
        approvals: { holdMs: 0 },
      },
      'self-scan',
    ),
    { log: pino({ level: 'silent' }) },
  );
  try {
    const addr = await app.gateway.listen(0, '127.0.0.1');
    const { token } = await app.admin.createKey({ name: 'self-scan', scopes: ['chat', 'scan'] }, 'self-scan');
    const scan = (baseUrl: string, apiKey: string | undefined, side: 'bare' | 'warden') =>
      runScan({
        target: openAIChatTarget({
          baseUrl,
          model: 'warden-sim-1',
          ...(apiKey ? { apiKey } : {}),
          ...(opts.stream ? { stream: true } : {}),
        }),
        model: 'warden-sim-1',
        converters: SELF_SCAN_CONVERTERS,
        concurrency: opts.concurrency ?? 8,
        // Both report sets side by side, so attempts.jsonl can be diffed case by case.
        ...(opts.reportDir ? { reportDir: join(opts.reportDir, side) } : {}),
      });
    const bare = await scan(sim.url, undefined, 'bare');
    const behind = await scan(`http://127.0.0.1:${addr.port}/v1`, token, 'warden');
    const families = rows(bare.summary.stats.byFamily, behind.summary.stats.byFamily);
    const byConverter = rows(bare.summary.stats.byConverter, behind.summary.stats.byConverter);
    const sum = (pick: (r: SelfScanRow) => number) => families.reduce((n, f) => n + pick(f), 0);
    return {
      converters: SELF_SCAN_CONVERTERS,
      families,
      byConverter,
      totals: {
        bareVulnerable: sum((f) => f.bare.vulnerable),
        wardenVulnerable: sum((f) => f.warden.vulnerable),
        attempts: sum((f) => f.attempts),
      },
    };
  } finally {
    await app.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const cell = (k: number, n: number) => `${k}/${n} (${share(k, n)})`;

/** The markdown tables kept in docs/self-scan.md (CI checks they match the recorded baseline). */
export function selfScanTable(r: SelfScanResult): string {
  const line = (name: string, x: SelfScanRow) =>
    `| ${name} | ${x.attempts} | ${cell(x.bare.vulnerable, x.attempts)} | ${cell(x.warden.vulnerable, x.attempts)} | ${x.warden.blocked} |`;
  const head = (first: string) => [
    `| ${first} | attempts | bare simulator: vulnerable/attempts | behind Warden: vulnerable/attempts | blocked by Warden |`,
    '|---|---:|---:|---:|---:|',
  ];
  const blocked = r.families.reduce((n, f) => n + f.warden.blocked, 0);
  return [
    ...head('converter'),
    ...r.byConverter.map((c) => line(c.name, c)),
    '',
    ...head('family'),
    ...r.families.map((f) => line(f.name, f)),
    `| **all** | ${r.totals.attempts} | ${cell(r.totals.bareVulnerable, r.totals.attempts)} | ${cell(r.totals.wardenVulnerable, r.totals.attempts)} | ${blocked} |`,
  ].join('\n');
}
