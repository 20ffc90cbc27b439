// Graduated actions: maps a checkpoint's combined p-value to none/log/alert/throttle/ban and carries them
// out through callbacks (the identity layer bans, the limits layer throttles) and an alert webhook.
import type { AuditRecord } from '../store/types.js';
import type { ExtractionPolicy } from './config.js';
import type { ExtractionAction, ExtractionVerdict } from './types.js';

const ORDER: readonly ExtractionAction[] = ['none', 'log', 'alert', 'throttle', 'ban'];

export function chooseAction(
  policy: ExtractionPolicy,
  combinedP: number,
  n: number,
  scope: 'key' | 'tenant',
): ExtractionAction {
  let action: ExtractionAction = 'none';
  if (combinedP <= policy.ban) action = n >= policy.minQueriesToBan ? 'ban' : 'throttle';
  else if (combinedP <= policy.throttle) action = 'throttle';
  else if (combinedP <= policy.alert) action = 'alert';
  else if (combinedP <= policy.log) action = 'log';
  if (scope === 'tenant' && ORDER.indexOf(action) > ORDER.indexOf(policy.tenantMaxAction))
    action = policy.tenantMaxAction;
  return action;
}

export interface ActionSinks {
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  onBan?: (principal: string, reason: string, expiresAt: Date) => void | Promise<void>;
  onThrottle?: (principal: string, until: Date, reason: string) => void | Promise<void>;
  alertWebhook?: string;
  fetch?: typeof fetch;
  audit?: { append(record: AuditRecord): unknown };
}

/** A one-line reason with the score and the strongest signal; never any query text. */
export function verdictReason(v: ExtractionVerdict): string {
  return `extraction suspected: combined p=${v.combinedP.toExponential(2)} at n=${v.n} (strongest signal ${v.strongest}, p=${v.pValues[v.strongest].toExponential(2)})`;
}

/** Carries out a verdict's action; failures are logged and never thrown into the monitor's worker. */
export async function carryOut(
  v: ExtractionVerdict,
  policy: ExtractionPolicy,
  sinks: ActionSinks,
): Promise<void> {
  if (v.action === 'none') return;
  const reason = verdictReason(v);
  const at = ORDER.indexOf(v.action);
  sinks.log?.warn({ extraction: summary(v) }, reason);
  try {
    sinks.audit?.append({
      ts: new Date(v.ts).toISOString(),
      requestId: `extraction:${v.principal}:${v.n}`,
      kind: 'extraction.verdict',
      principal: v.principal,
      outcome: 'event',
      detail: summary(v),
    });
    if (at >= ORDER.indexOf('alert') && sinks.alertWebhook) {
      const res = await (sinks.fetch ?? fetch)(sinks.alertWebhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'warden.extraction', reason, verdict: summary(v) }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) sinks.log?.error({ status: res.status }, 'extraction alert webhook failed');
    }
    if (v.action === 'throttle')
      await sinks.onThrottle?.(v.principal, new Date(v.ts + policy.throttleMinutes * 60_000), reason);
    if (v.action === 'ban')
      await sinks.onBan?.(v.principal, reason, new Date(v.ts + policy.banHours * 3_600_000));
  } catch (err) {
    sinks.log?.error({ err: err instanceof Error ? err.message : String(err) }, 'extraction action failed');
  }
}

function summary(v: ExtractionVerdict): Record<string, unknown> {
  return {
    principal: v.principal,
    scope: v.scope,
    n: v.n,
    score: v.score,
    combinedP: v.combinedP,
    strongest: v.strongest,
    action: v.action,
    signals: v.signals,
    pValues: v.pValues,
    calibration: v.calibration,
  };
}
