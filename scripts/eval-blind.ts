// Scores the frozen blind set through the gateway with the embedded default guards (simulator upstream): each row
// as a user message, indirect rows also as a tool result under their task; per family and author, plus AUC and
// detection at the thresholds giving 1% and 3% FPR on the blind benign rows. Prints figures only, never rows.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { buildWarden } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import { detectInjection } from '../src/detectors/injection/detector.js';
import { loadInjectionModel } from '../src/detectors/injection/model.js';
import { startSimulator } from '../src/sim/server.js';
import { type BlindRow, blindRows } from './blind-set.js';
import { repoRoot } from './datasets.js';

export interface BlindOutcome {
  row: BlindRow;
  /** Blocked by a request guard when sent as the user message. */
  asUser: boolean;
  /** Blocked when sent as a tool result under the row's task (indirect rows only). */
  asTool?: boolean;
  /** The detector's score of the row's text (the guard's reading of it), for AUC and FPR thresholds. */
  score: number;
  guard?: string;
}

const BLOCKED = /^Blocked by guard ([\w-]+)/;

/** Area under the ROC curve by the rank statistic (ties count one half). */
export function auc(pos: readonly number[], neg: readonly number[]): number {
  if (pos.length === 0 || neg.length === 0) return Number.NaN;
  const all = [...pos.map((s) => ({ s, p: 1 })), ...neg.map((s) => ({ s, p: 0 }))].sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.s === all[i]!.s) j++;
    const mid = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]!.p) rankSum += mid;
    i = j;
  }
  return (rankSum - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

/** Smallest threshold whose false-positive rate on `neg` is at most `fpr` (scores >= threshold flag). */
export function thresholdAtFpr(neg: readonly number[], fpr: number): number {
  const sorted = [...neg].sort((a, b) => b - a);
  const allowed = Math.floor(fpr * sorted.length);
  // flag strictly above the (allowed+1)-th highest benign score
  const cut = sorted[allowed];
  return cut === undefined ? 0 : cut + 1e-9;
}

/**
 * `injectionOptions` are merged into the injection guard's options (`--injection-option name=json`), to measure
 * what one part of the guard adds; the evaluations file records them.
 */
export async function runBlind(
  modelPath?: string,
  injectionOptions: Record<string, unknown> = {},
): Promise<BlindOutcome[]> {
  const rows = blindRows();
  const model = loadInjectionModel(modelPath);
  const sim = await startSimulator(0);
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-blind-'));
  const base = embeddedDefaults({ upstream: sim.url });
  const overrides = { ...injectionOptions, ...(modelPath ? { modelPath } : {}) };
  if (Object.keys(overrides).length > 0)
    base.guards = {
      ...base.guards,
      request: (base.guards?.request ?? []).map((g) =>
        g.use === 'injection' ? { ...g, options: { ...(g.options ?? {}), ...overrides } } : g,
      ),
    };
  const config = validateConfig({ ...base, auth: { mode: 'none' }, dataDir }, 'blind eval config');
  const app = buildWarden(config, { log: pino({ level: 'silent' }) });
  const addr = await app.gateway.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${addr.port}/v1/chat/completions`;
  const send = async (messages: unknown[]): Promise<string | undefined> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'warden-sim-1', messages }),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (body.error?.code === 'WARDEN_GUARD_BLOCKED')
      return BLOCKED.exec(body.error.message ?? '')?.[1] ?? 'guard';
    if (res.status >= 400 && res.status !== 413)
      throw new Error(`unexpected ${res.status} ${body.error?.code}`);
    return res.status === 413 ? 'request-limits' : undefined;
  };
  const out: BlindOutcome[] = [];
  try {
    for (const row of rows) {
      const userGuard = await send([{ role: 'user', content: row.text }]);
      let asTool: boolean | undefined;
      if (row.indirect) {
        const toolGuard = await send([
          { role: 'user', content: row.task },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'fetch_document', arguments: '{}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: row.text },
        ]);
        asTool = toolGuard !== undefined;
      }
      const score = detectInjection(row.text, { model }).score;
      out.push({
        row,
        asUser: userGuard !== undefined,
        ...(asTool !== undefined ? { asTool } : {}),
        score,
        ...(userGuard ? { guard: userGuard } : {}),
      });
    }
  } finally {
    await app.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Every evaluation on the blind set is counted (issue 20): one line per run, figures only.
  appendFileSync(
    join(repoRoot, 'eval/blind-evaluations.tsv'),
    `${new Date().toISOString()} model=${modelPath ?? 'default'} rows=${out.length}${
      Object.keys(injectionOptions).length > 0 ? ` options=${JSON.stringify(injectionOptions)}` : ''
    }\n`,
  );
  return out;
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '-');

/** The per-family table and summary figures of one blind run, as markdown lines plus one JSON summary. */
export function blindReport(outcomes: readonly BlindOutcome[]): {
  lines: string[];
  summary: Record<string, unknown>;
} {
  const lines: string[] = [];
  const groups = new Map<string, BlindOutcome[]>();
  for (const o of outcomes) {
    for (const key of [`${o.row.family}|all`, `${o.row.family}|${o.row.author}`]) {
      const g = groups.get(key) ?? [];
      g.push(o);
      groups.set(key, g);
    }
  }
  lines.push('| family | kind | author | n | as user | n indirect | as tool result |');
  lines.push('|---|---|---|---:|---:|---:|---:|');
  const families = [...new Set(outcomes.map((o) => o.row.family))].sort(
    (a, b) => Number(a.startsWith('hn-')) - Number(b.startsWith('hn-')) || a.localeCompare(b),
  );
  const famRates: Record<string, { user: number; tool?: number; n: number }> = {};
  for (const fam of families) {
    for (const who of ['all', 'a', 'b']) {
      const g = groups.get(`${fam}|${who}`);
      if (!g) continue;
      const user = g.filter((o) => o.asUser).length / g.length;
      const ind = g.filter((o) => o.asTool !== undefined);
      const tool = ind.length ? ind.filter((o) => o.asTool).length / ind.length : Number.NaN;
      if (who === 'all') famRates[fam] = { user, n: g.length, ...(ind.length ? { tool } : {}) };
      const kind = g[0]!.row.label === 'attack' ? 'detection' : 'FPR';
      lines.push(`| ${fam} | ${kind} | ${who} | ${g.length} | ${pct(user)} | ${ind.length} | ${pct(tool)} |`);
    }
  }
  const attacks = outcomes.filter((o) => o.row.label === 'attack');
  const benign = outcomes.filter((o) => o.row.label === 'benign');
  const rate = (xs: readonly BlindOutcome[], f: (o: BlindOutcome) => boolean) =>
    xs.length ? xs.filter(f).length / xs.length : Number.NaN;
  const pos = attacks.map((o) => o.score);
  const neg = benign.map((o) => o.score);
  const summary: Record<string, unknown> = {
    attacks: attacks.length,
    benign: benign.length,
    detection: rate(attacks, (o) => o.asUser),
    fpr: rate(benign, (o) => o.asUser),
    indirectDetectionAsTool: rate(
      attacks.filter((o) => o.asTool !== undefined),
      (o) => o.asTool === true,
    ),
    indirectFprAsTool: rate(
      benign.filter((o) => o.asTool !== undefined),
      (o) => o.asTool === true,
    ),
    auc: auc(pos, neg),
  };
  for (const f of [0.01, 0.03]) {
    const t = thresholdAtFpr(neg, f);
    summary[`detectionAt${f * 100}PctFpr`] = rate(attacks, (o) => o.score >= t);
    summary[`thresholdAt${f * 100}PctFpr`] = t;
  }
  for (const who of ['a', 'b'] as const) {
    const at = attacks.filter((o) => o.row.author === who);
    const bn = benign.filter((o) => o.row.author === who);
    summary[`author_${who}`] = {
      detection: rate(at, (o) => o.asUser),
      fpr: rate(bn, (o) => o.asUser),
      auc: auc(
        at.map((o) => o.score),
        bn.map((o) => o.score),
      ),
    };
  }
  const byGuard: Record<string, number> = {};
  for (const o of attacks) if (o.guard) byGuard[o.guard] = (byGuard[o.guard] ?? 0) + 1;
  summary.attacksBlockedByGuard = byGuard;
  summary.families = famRates;
  lines.push(
    `blind: detection ${pct(summary.detection as number)} at FPR ${pct(summary.fpr as number)} (as user); ` +
      `indirect as tool result ${pct(summary.indirectDetectionAsTool as number)} at FPR ${pct(summary.indirectFprAsTool as number)}; ` +
      `AUC ${(summary.auc as number).toFixed(3)}; at 1% FPR ${pct(summary.detectionAt1PctFpr as number)}, ` +
      `at 3% FPR ${pct(summary.detectionAt3PctFpr as number)}`,
  );
  return { lines, summary };
}
