// A traffic profile: a topic codebook and a benign calibration table made together from a sample of the
// deployment's own traffic (`warden extraction calibrate`), loaded with `extraction.profile` (decision 0510).
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { type CalibrationTable, tableFromChecks } from './calibration.js';
import {
  type CodebookJson,
  codebookFromJson,
  codebookToJson,
  fitCodebook,
  type TopicCodebook,
} from './codebook.js';
import type { Embedder } from './embedders/types.js';
import { ExtractionScorer } from './scorer.js';
import type { SignalName, SignalValues } from './signals.js';
import { segmentsOf } from './text.js';

export interface ExtractionProfile {
  embedder: string;
  codebook: TopicCodebook;
  calibration: CalibrationTable;
}

/** One sampled request: whose it was, what it asked, when. Token counts and probing flags are optional. */
export const trafficRowSchema = z.object({
  principal: z.string().min(1).max(256),
  text: z.string().min(1),
  ts: z.union([z.number().finite(), z.string().datetime({ offset: true })]).optional(),
  promptTokens: z.number().int().min(0).optional(),
  completionTokens: z.number().int().min(0).optional(),
  logprobs: z.boolean().optional(),
  logitBias: z.boolean().optional(),
  /** Request shape (shape.ts): 0 single-turn, 1 carries assistant turns, 2 refers to them. */
  followUp: z.number().int().min(0).max(2).optional(),
  /** Harvesting-settings bits (shape.ts HARVEST). */
  harvest: z.number().int().min(0).max(15).optional(),
});
export type TrafficRow = z.infer<typeof trafficRowSchema>;

export interface ProfileOptions {
  /** Cells of the codebook (default 64). */
  topics?: number;
  seed?: number;
  /** Principals with at least 50 queries that the calibration needs (default 20). */
  minPrincipals?: number;
  /** Texts embedded per call (default 64). */
  batchSize?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

const FIRST_CHECK = 50;

/**
 * Fits the codebook on every distinct text of the sample, then replays each principal's requests in time
 * order through a fresh state with that codebook and builds the table from the signals at each checkpoint.
 * The sample must be benign traffic: whatever it holds becomes "normal".
 */
export async function buildProfile(
  embedder: Embedder,
  rows: readonly TrafficRow[],
  options: ProfileOptions = {},
): Promise<ExtractionProfile> {
  const minPrincipals = options.minPrincipals ?? 20;
  const byPrincipal = new Map<string, { row: TrafficRow; ts: number; i: number }[]>();
  rows.forEach((row, i) => {
    const ts = typeof row.ts === 'string' ? Date.parse(row.ts) : (row.ts ?? i);
    const list = byPrincipal.get(row.principal) ?? [];
    if (list.length === 0) byPrincipal.set(row.principal, list);
    list.push({ row, ts, i });
  });
  const eligible = [...byPrincipal.values()].filter((l) => l.length >= FIRST_CHECK);
  if (eligible.length < minPrincipals)
    throw new Error(
      `calibration needs at least ${minPrincipals} principals with ${FIRST_CHECK} or more requests each (the sample has ${eligible.length})`,
    );
  const distinct = [...new Set(rows.map((r) => r.text))];
  const segments = new Map(distinct.map((t) => [t, segmentsOf(t)]));
  const toEmbed = [...new Set([...distinct, ...[...segments.values()].flat()])];
  const vectors = new Map<string, Float32Array>();
  const batch = options.batchSize ?? 64;
  for (let i = 0; i < toEmbed.length; i += batch) {
    const texts = toEmbed.slice(i, i + batch);
    const out = await embedder.embed(texts);
    texts.forEach((t, j) => {
      vectors.set(t, out[j]!);
    });
    options.onProgress?.('embed', Math.min(toEmbed.length, i + batch), toEmbed.length);
  }
  // the codebook is fitted on whole queries; segments are only assigned to its cells
  const codebook = fitCodebook(
    embedder.id,
    distinct.map((t) => vectors.get(t)!),
    {
      k: options.topics ?? 64,
      seed: options.seed ?? 0xc0de,
    },
  );
  options.onProgress?.('codebook', codebook.k, codebook.k);
  const scorer = new ExtractionScorer(embedder, undefined, { codebook });
  const checks: SignalValues[][] = [];
  for (const list of eligible) {
    list.sort((a, b) => a.ts - b.ts || a.i - b.i);
    const state = scorer.newState();
    const mine: SignalValues[] = [];
    for (const { row, ts } of list) {
      scorer.update(
        state,
        {
          text: row.text,
          ts,
          ...(row.promptTokens !== undefined ? { promptTokens: row.promptTokens } : {}),
          ...(row.completionTokens !== undefined ? { completionTokens: row.completionTokens } : {}),
          usesLogprobs: row.logprobs === true,
          usesLogitBias: row.logitBias === true,
          ...(row.followUp !== undefined ? { followUp: row.followUp } : {}),
          ...(row.harvest !== undefined ? { harvest: row.harvest } : {}),
        },
        vectors.get(row.text)!,
        segments.get(row.text)!.map((p) => vectors.get(p)!),
      );
      const values = scorer.signalsIfDue(state);
      if (values) mine.push(values);
    }
    checks.push(mine);
    options.onProgress?.('replay', checks.length, eligible.length);
  }
  // signals whose inputs the sample lacks would calibrate to a constant and flag everyone: leave them out
  const unmeasured: SignalName[] = [];
  if (!rows.some((r) => r.promptTokens !== undefined && r.completionTokens !== undefined))
    unmeasured.push('tokenRatio');
  if (!rows.some((r) => r.ts !== undefined)) unmeasured.push('regularity');
  if (!rows.some((r) => r.logprobs !== undefined || r.logitBias !== undefined)) unmeasured.push('probing');
  if (!rows.some((r) => r.followUp !== undefined)) unmeasured.push('continuity');
  if (!rows.some((r) => r.harvest !== undefined)) unmeasured.push('settings');
  const source = `warden extraction calibrate: ${rows.length} requests, ${distinct.length} distinct texts, ${eligible.length} principals with ${FIRST_CHECK}+ requests${unmeasured.length ? `; not in the sample, so never extreme: ${unmeasured.join(', ')}` : ''}`;
  const calibration = tableFromChecks(checks, embedder.id, source, codebook.id);
  for (const level of calibration.levels) for (const s of unmeasured) delete level[s];
  return { embedder: embedder.id, codebook, calibration };
}

const profileFileSchema = z.object({
  kind: z.literal('warden.extraction-profile'),
  version: z.literal(1),
  embedder: z.string(),
  codebook: z.object({
    id: z.string(),
    embedder: z.string(),
    dim: z.number(),
    k: z.number(),
    mean: z.string(),
    centroids: z.string(),
  }),
  calibration: z.object({
    embedder: z.string(),
    codebook: z.string(),
    source: z.string(),
    levels: z.array(z.record(z.string(), z.unknown())).min(1),
  }),
});

export function profileToJson(p: ExtractionProfile): string {
  return JSON.stringify({
    kind: 'warden.extraction-profile',
    version: 1,
    embedder: p.embedder,
    codebook: codebookToJson(p.codebook),
    calibration: p.calibration,
  });
}

/** Parses a profile and checks that its codebook, table and embedder belong together. */
export function profileFromJson(text: string): ExtractionProfile {
  const raw = profileFileSchema.parse(JSON.parse(text));
  const codebook = codebookFromJson(raw.codebook as CodebookJson);
  if (codebook.embedder !== raw.embedder || raw.calibration.embedder !== raw.embedder)
    throw new Error('profile parts were made for different embedders');
  if (raw.calibration.codebook !== codebook.id)
    throw new Error('profile calibration was not made with its codebook');
  return { embedder: raw.embedder, codebook, calibration: raw.calibration as unknown as CalibrationTable };
}

export function loadProfile(file: string): ExtractionProfile {
  try {
    return profileFromJson(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`extraction profile ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function saveProfile(file: string, p: ExtractionProfile): void {
  writeFileSync(file, `${profileToJson(p)}\n`, { mode: 0o600 });
}

/**
 * What `extraction.profile` adds to a monitor: its codebook and table, after checking that it was made
 * with the configured embedder (a mismatch refuses to start rather than score against the wrong table).
 */
export interface ProfileSettings {
  codebook?: TopicCodebook;
  calibration?: CalibrationTable;
}

export function profileSettings(file: string | undefined, embedderId: string): ProfileSettings {
  if (!file) return {};
  const p = loadProfile(file);
  if (p.embedder !== embedderId)
    throw new Error(`extraction profile ${file} was made with embedder ${p.embedder}, not ${embedderId}`);
  return { codebook: p.codebook, calibration: p.calibration };
}
