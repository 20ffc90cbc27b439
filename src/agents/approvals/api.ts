// HTTP faces of the approval queue: the approvers' admin API and the requester's poll endpoint.
import { z } from 'zod';
import { WardenError } from '../../core/errors.js';
import { sendJson } from '../../http/reply.js';
import { route } from '../../http/route-table.js';
import type { ApprovalRecord, ApprovalStatus } from '../../store/types.js';
import { summary } from './gate.js';
import type { ApprovalQueue } from './queue.js';

const STATUSES: readonly ApprovalStatus[] = ['pending', 'approved', 'denied', 'expired'];
const ID = /^apr_[A-Za-z0-9_-]{1,40}$/;

/** What an approver sees: the call (tool and arguments), who asked, why, and the redacted context. */
export function approverView(r: ApprovalRecord): Record<string, unknown> {
  let args: unknown = r.arguments;
  try {
    args = JSON.parse(r.arguments);
  } catch {
    // Arguments that were not JSON are shown as the raw string.
  }
  return {
    id: r.id,
    status: r.status,
    tool: r.tool,
    arguments: args,
    requester: r.requester,
    ...(r.tenant ? { tenant: r.tenant } : {}),
    route: r.route,
    ...(r.model ? { model: r.model } : {}),
    reason: r.reason,
    context: r.context,
    createdAt: new Date(r.createdAt).toISOString(),
    expiresAt: new Date(r.expiresAt).toISOString(),
    ...(r.decidedBy ? { decidedBy: r.decidedBy } : {}),
    ...(r.decidedAt ? { decidedAt: new Date(r.decidedAt).toISOString() } : {}),
    ...(r.decisionReason ? { decisionReason: r.decisionReason } : {}),
    ...(r.usedAt ? { usedAt: new Date(r.usedAt).toISOString() } : {}),
  };
}

const decisionBody = z.object({ reason: z.string().max(500).optional() });
const REVIEWERS = ['approver', 'admin'] as const;

function approvalId(raw: string | undefined): string {
  if (raw === undefined || !ID.test(raw))
    throw new WardenError('WARDEN_ADMIN_NOT_FOUND', { what: 'approval' });
  return raw;
}

/** The approvers' admin API (approver or admin scope) and the requester's poll endpoint. */
export function approvalRoutes(queue: ApprovalQueue) {
  return [
    route({
      method: 'GET',
      path: '/admin/api/approvals',
      scope: REVIEWERS,
      auth: 'session',
      name: 'approvals.list',
      handler: async ({ res, query, principal }) => {
        const status = query.get('status') ?? undefined;
        if (status !== undefined && !STATUSES.includes(status as ApprovalStatus))
          throw new WardenError('WARDEN_BAD_REQUEST', { detail: `status: one of ${STATUSES.join(', ')}` });
        const limit = Math.min(Math.max(Number(query.get('limit') ?? 100) || 100, 1), 1000);
        const list = await queue.list(principal, {
          ...(status ? { status: status as ApprovalStatus } : {}),
          limit,
        });
        sendJson(res, 200, { data: list.map(approverView) }, { 'cache-control': 'no-store' });
      },
    }),
    route({
      method: 'GET',
      path: '/admin/api/approvals/:id',
      scope: REVIEWERS,
      auth: 'session',
      name: 'approvals.get',
      handler: async ({ res, params, principal }) => {
        const r = await queue.get(approvalId(params.id));
        if (!r || !queue.canReview(principal, r))
          throw new WardenError('WARDEN_ADMIN_NOT_FOUND', { what: 'approval' });
        sendJson(res, 200, approverView(r), { 'cache-control': 'no-store' });
      },
    }),
    ...(['approve', 'deny'] as const).map((action) =>
      route({
        method: 'POST',
        path: `/admin/api/approvals/:id/${action}`,
        scope: REVIEWERS,
        auth: 'session',
        body: { schema: decisionBody, limit: 16 * 1024 },
        name: `approvals.${action}`,
        handler: async ({ res, params, body, principal }) => {
          const decided = await queue.decide(
            approvalId(params.id),
            principal,
            action === 'approve' ? 'approved' : 'denied',
            body.reason,
          );
          sendJson(res, 200, approverView(decided));
        },
      }),
    ),
    route({
      method: 'GET',
      path: '/v1/approvals/:id',
      // Any caller may poll; another principal's approval is indistinguishable from a missing one.
      scope: 'authenticated',
      name: 'approvals.poll',
      handler: async ({ res, params, principal }) => {
        const r = await queue.get(approvalId(params.id));
        if (!r || r.requester !== principal.id)
          throw new WardenError('WARDEN_ADMIN_NOT_FOUND', { what: 'approval' });
        sendJson(
          res,
          200,
          {
            ...summary(r),
            ...(r.decidedAt ? { decided_at: new Date(r.decidedAt).toISOString() } : {}),
            ...(r.decisionReason ? { decision_reason: r.decisionReason } : {}),
            used: r.usedAt !== undefined,
          },
          { 'cache-control': 'no-store' },
        );
      },
    }),
  ];
}
