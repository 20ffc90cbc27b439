// Announces a new approval to a configured webhook: the tool, who asked and why, never the arguments or secrets.
import type { Logger } from 'pino';
import type { ApprovalRecord } from '../../store/types.js';
import { safeName } from '../policy.js';

export function webhookPayload(r: ApprovalRecord): Record<string, unknown> {
  return {
    event: 'approval.created',
    approval: {
      id: r.id,
      tool: safeName(r.tool),
      requester: r.requester,
      ...(r.tenant ? { tenant: r.tenant } : {}),
      route: r.route,
      reason: r.reason,
      created_at: new Date(r.createdAt).toISOString(),
      expires_at: new Date(r.expiresAt).toISOString(),
      review_url: `/admin/api/approvals/${r.id}`,
    },
  };
}

/** Fire and forget: a slow or failing webhook never holds up the gateway; failures are logged. */
export function notifyWebhook(
  hook: { url: string; timeoutMs: number },
  r: ApprovalRecord,
  log: Logger,
): void {
  fetch(hook.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(webhookPayload(r)),
    signal: AbortSignal.timeout(hook.timeoutMs),
  })
    .then(async (res) => {
      await res.body?.cancel().catch(() => {});
      if (!res.ok)
        log.warn({ approvalId: r.id, status: res.status }, 'approval webhook answered with an error');
    })
    .catch((err: unknown) => {
      log.warn({ approvalId: r.id, err: (err as Error)?.name }, 'approval webhook failed');
    });
}
