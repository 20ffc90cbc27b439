// Connects the extraction monitor to a running gateway: what each exchange contributes, and where verdicts go
// (bans through the identity layer, throttles through the limiter, events into the audit log).
import { hash } from 'node:crypto';
import type { Logger } from 'pino';
import { type Principal, type Route, requestTexts } from '../core/context.js';
import type { IdentityAdmin } from '../identity/admin.js';
import type { Limiter } from '../limits/limiter.js';
import type { ExtractionStateStore } from '../store/extraction.js';
import type { AuditStore } from '../store/types.js';
import { type ExtractionConfig, monitorSettings } from './config.js';
import { createEmbedder } from './embedders/index.js';
import { ExtractionMonitor, type SubjectReport } from './monitor.js';
import type { ExtractionService } from './offthread.js';
import type { ProfileSettings } from './profile.js';
import { reading } from './reading.js';
import { followUpOf, harvestOf } from './shape.js';

export const EXTRACTION_ACTOR = 'extraction-detector';

/** What the detector's ban and throttle mean in this gateway: a ban through identity, a throttle in the limiter. */
export function extractionActions(admin: IdentityAdmin, limiter: Limiter) {
  return {
    ban: (principal: string, reason: string, expiresAt: Date) =>
      admin.addBan(principal, reason, Math.max(1, expiresAt.getTime() - Date.now()), EXTRACTION_ACTOR),
    throttle: (principal: string, until: Date) => limiter.throttle(principal, until),
  };
}

export function createExtractionMonitor(deps: {
  config: ExtractionConfig;
  /** The loaded `extraction.profile` (profileSettings), checked against the configured embedder. */
  profile: ProfileSettings;
  store: ExtractionStateStore;
  admin: IdentityAdmin;
  limiter: Limiter;
  audit: AuditStore;
  log: Logger;
  env?: NodeJS.ProcessEnv;
}): ExtractionMonitor {
  const actions = extractionActions(deps.admin, deps.limiter);
  const embedder = createEmbedder(deps.config.embedder, deps.env);
  return new ExtractionMonitor({
    embedder,
    store: deps.store,
    ...monitorSettings(deps.config),
    ...deps.profile,
    log: deps.log,
    audit: deps.audit,
    onBan: async (principal, reason, expiresAt) => {
      await actions.ban(principal, reason, expiresAt);
    },
    onThrottle: actions.throttle,
  });
}

/**
 * Recent exact texts per principal. Asking the same thing again teaches an attacker nothing new, while
 * health checks and retries repeat themselves by the thousand: exact repeats are not observed (near
 * duplicates still are, which is what perturbation chains look like).
 */
const recentTexts = new Map<string, string[]>();
const RECENT_PER_PRINCIPAL = 32;
const MAX_PRINCIPALS = 10_000;

function seenRecently(principal: string, text: string): boolean {
  const digest = hash('sha1', text, 'base64');
  let ring = recentTexts.get(principal);
  if (ring?.includes(digest)) return true;
  if (!ring) {
    if (recentTexts.size >= MAX_PRINCIPALS) recentTexts.delete(recentTexts.keys().next().value as string);
    ring = [];
    recentTexts.set(principal, ring);
  }
  ring.push(digest);
  if (ring.length > RECENT_PER_PRINCIPAL) ring.shift();
  return false;
}

/** What the monitor reads of a finished exchange (the gateway's ExchangeInfo is one; no import of the gateway). */
export interface ObservedExchange {
  principal: Principal;
  route: Route;
  body: Record<string, unknown>;
  status: number;
  usage?: { promptTokens?: number | undefined; completionTokens?: number | undefined } | undefined;
  ts: number;
}

/** What one exchange tells the monitor: the principal's latest own text and the non-content signals. */
export function observeExchange(monitor: Pick<ExtractionService, 'observe'>, info: ObservedExchange): void {
  if (info.status !== 200) return;
  const parts = requestTexts(info.route, info.body).filter((p) => p.trust !== 'operator');
  const text = parts.at(-1)?.text;
  if (!text || seenRecently(info.principal.id, text)) return;
  const b = info.body;
  monitor.observe({
    principal: info.principal.id,
    ...(info.principal.tenant ? { tenant: info.principal.tenant } : {}),
    text,
    ts: info.ts,
    ...(info.usage?.promptTokens !== undefined ? { promptTokens: info.usage.promptTokens } : {}),
    ...(info.usage?.completionTokens !== undefined ? { completionTokens: info.usage.completionTokens } : {}),
    usesLogprobs: b.logprobs === true || typeof b.top_logprobs === 'number' || typeof b.logprobs === 'number',
    usesLogitBias: typeof b.logit_bias === 'object' && b.logit_bias !== null,
    // the request's shape as two small integers (no text): continuity and harvesting settings
    followUp: followUpOf(b, text),
    harvest: harvestOf(b),
  });
}

/** The console's view of the monitor's report: one row per subject with its score and the signals behind it. */
export function extractionRows(reports: SubjectReport[]): Record<string, unknown>[] {
  return reports.map((r) => ({
    principal: r.subject,
    scope: r.scope,
    n: r.n,
    lastSeen: r.lastSeen,
    score: r.current ? Math.round((1 - r.current.combinedP) * 1e6) / 1e6 : null,
    combinedP: r.current?.combinedP ?? null,
    strongest: r.current?.strongest ?? null,
    action: r.lastVerdict?.action ?? 'none',
    verdictAt: r.lastVerdict?.n ?? null,
    reading: reading(r),
    signals: r.current?.pValues ?? {},
  }));
}
