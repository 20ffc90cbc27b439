// HTTP faces of the approval queue: the approvers' admin API and the requester's poll endpoint.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../../core/context.js';
import { isWardenError, WardenError } from '../../core/errors.js';
import type { AdminRoute } from '../../gateway/admin-api.js';
import { readBody, sendError, sendJson } from '../../gateway/http.js';
import type { ApprovalRecord, ApprovalStatus } from '../../store/types.js';
import { summary } from './gate.js';
import type { ApprovalQueue } from './queue.js';

const STATUSES: readonly ApprovalStatus[] = ['pending', 'approved', 'denied', 'expired'];
const ID = '(apr_[A-Za-z0-9_-]{1,40})';

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

async function decisionReason(req: IncomingMessage): Promise<string | undefined> {
  const raw = (await readBody(req, 16 * 1024)).toString('utf8').trim();
  if (!raw) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (err) {
    throw new WardenError('WARDEN_BAD_JSON', { detail: (err as Error).message.slice(0, 120) });
  }
  const reason = (body as { reason?: unknown } | null)?.reason;
  if (reason === undefined) return undefined;
  if (typeof reason !== 'string' || reason.length > 500)
    throw new WardenError('WARDEN_BAD_REQUEST', { detail: 'reason: a string of at most 500 characters' });
  return reason;
}

/** Admin API routes for approvers (mounted for the 'approver' and 'admin' scopes). */
export function approvalAdminRoutes(queue: ApprovalQueue): AdminRoute {
  return async (req, res, url, principal) => {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/admin/api/approvals' && method === 'GET') {
      const status = url.searchParams.get('status') ?? undefined;
      if (status !== undefined && !STATUSES.includes(status as ApprovalStatus))
        throw new WardenError('WARDEN_BAD_REQUEST', { detail: `status: one of ${STATUSES.join(', ')}` });
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 100) || 100, 1), 1000);
      const list = await queue.list(principal, {
        ...(status ? { status: status as ApprovalStatus } : {}),
        limit,
      });
      sendJson(res, 200, { data: list.map(approverView) }, { 'cache-control': 'no-store' });
      return true;
    }
    const one = new RegExp(`^/admin/api/approvals/${ID}$`).exec(path);
    if (one && method === 'GET') {
      const r = await queue.get(one[1]!);
      if (!r || !queue.canReview(principal, r))
        throw new WardenError('WARDEN_ADMIN_NOT_FOUND', { what: 'approval' });
      sendJson(res, 200, approverView(r), { 'cache-control': 'no-store' });
      return true;
    }
    const act = new RegExp(`^/admin/api/approvals/${ID}/(approve|deny)$`).exec(path);
    if (act && method === 'POST') {
      const reason = await decisionReason(req);
      const decided = await queue.decide(
        act[1]!,
        principal,
        act[2] === 'approve' ? 'approved' : 'denied',
        reason,
      );
      sendJson(res, 200, approverView(decided));
      return true;
    }
    return false;
  };
}

/** GET /v1/approvals/:id for the principal that asked: the status of its own approval. */
export function approvalPollRoute(
  queue: ApprovalQueue,
  authenticate: (req: IncomingMessage) => Principal | Promise<Principal>,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  return async (req, res, url) => {
    const m = new RegExp(`^/v1/approvals/${ID}$`).exec(url.pathname);
    if (!m) return false;
    try {
      if (req.method !== 'GET')
        throw new WardenError('WARDEN_METHOD_NOT_ALLOWED', {
          method: req.method ?? '-',
          path: '/v1/approvals/:id',
        });
      const principal = await authenticate(req);
      const r = await queue.get(m[1]!);
      // Another principal's approval is indistinguishable from a missing one.
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
    } catch (err) {
      sendError(
        res,
        isWardenError(err)
          ? err
          : new WardenError('WARDEN_INTERNAL', { requestId: 'approvals' }, { cause: err }),
        'approvals',
      );
    }
    return true;
  };
}
