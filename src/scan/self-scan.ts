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
import { openAIChatTarget } from './targets/openai.js';

/** The fixed subset: every family, plain and with three cheap disguises. Changing it invalidates the baseline. */
export const SELF_SCAN_CONVERTERS = 'none,base64,homoglyph,zero-width';

export interface FamilyResult {
  family: string;
  attempts: number;
  bare: { vulnerable: number; scored: number };
  warden: { vulnerable: number; blocked: number; scored: number; errors: number };
}

export interface ConverterResult {
  converter: string;
  attempts: number;
  bareVulnerable: number;
  wardenVulnerable: number;
  wardenBlocked: number;
}

export interface SelfScanResult {
  converters: string;
  families: FamilyResult[];
  byConverter: ConverterResult[];
  totals: { bareVulnerable: number; wardenVulnerable: number; attempts: number };
}

export async function runSelfScan(
  opts: { concurrency?: number; stream?: boolean } = {},
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
      },
      'self-scan',
    ),
    { log: pino({ level: 'silent' }) },
  );
  try {
    const addr = await app.gateway.listen(0, '127.0.0.1');
    const { token } = await app.admin.createKey({ name: 'self-scan', scopes: ['chat', 'scan'] }, 'self-scan');
    const scan = (baseUrl: string, apiKey?: string) =>
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
      });
    const bare = await scan(sim.url);
    const behind = await scan(`http://127.0.0.1:${addr.port}/v1`, token);
    const byName = new Map(behind.summary.stats.byFamily.map((g) => [g.name, g]));
    const families = bare.summary.stats.byFamily.map((b): FamilyResult => {
      const w = byName.get(b.name);
      return {
        family: b.name,
        attempts: b.total,
        bare: { vulnerable: b.counts.vulnerable, scored: b.scored },
        warden: {
          vulnerable: w?.counts.vulnerable ?? 0,
          blocked: w?.counts.blocked ?? 0,
          scored: w?.scored ?? 0,
          errors: w?.counts.error ?? 0,
        },
      };
    });
    families.sort((a, b) => a.family.localeCompare(b.family));
    const wByConv = new Map(behind.summary.stats.byConverter.map((g) => [g.name, g]));
    const byConverter = bare.summary.stats.byConverter
      .map((b) => ({
        converter: b.name,
        attempts: b.total,
        bareVulnerable: b.counts.vulnerable,
        wardenVulnerable: wByConv.get(b.name)?.counts.vulnerable ?? 0,
        wardenBlocked: wByConv.get(b.name)?.counts.blocked ?? 0,
      }))
      .sort((a, b) => a.converter.localeCompare(b.converter));
    return {
      converters: SELF_SCAN_CONVERTERS,
      families,
      byConverter,
      totals: {
        bareVulnerable: families.reduce((n, f) => n + f.bare.vulnerable, 0),
        wardenVulnerable: families.reduce((n, f) => n + f.warden.vulnerable, 0),
        attempts: families.reduce((n, f) => n + f.attempts, 0),
      },
    };
  } finally {
    await app.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pct = (v: number, n: number) => (n === 0 ? 'n/a' : `${((100 * v) / n).toFixed(1)}%`);

/** The markdown table kept in docs/self-scan.md (CI checks it matches the recorded baseline). */
export function selfScanTable(r: SelfScanResult): string {
  const rows = r.families.map(
    (f) =>
      `| ${f.family} | ${f.attempts} | ${f.bare.vulnerable}/${f.bare.scored} (${pct(f.bare.vulnerable, f.bare.scored)}) | ${f.warden.vulnerable}/${f.warden.scored} (${pct(f.warden.vulnerable, f.warden.scored)}) | ${f.warden.blocked} |`,
  );
  const conv = r.byConverter.map(
    (c) =>
      `| ${c.converter} | ${c.attempts} | ${c.bareVulnerable} | ${c.wardenVulnerable} | ${c.wardenBlocked} |`,
  );
  return [
    '| converter | attempts | bare simulator: vulnerable | behind Warden: vulnerable | blocked by Warden |',
    '|---|---:|---:|---:|---:|',
    ...conv,
    '',
    '| family | attempts | bare simulator: vulnerable/scored | behind Warden: vulnerable/scored | blocked by Warden |',
    '|---|---:|---:|---:|---:|',
    ...rows,
    `| **all** | ${r.totals.attempts} | ${r.totals.bareVulnerable} | ${r.totals.wardenVulnerable} | ${r.families.reduce((n, f) => n + f.warden.blocked, 0)} |`,
  ].join('\n');
}
