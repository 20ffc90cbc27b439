// Read-only admin API data for operators (admin scope): recent audit records, filterable, and the scan reports.
import { sendJson } from '../http/reply.js';
import { route } from '../http/route-table.js';

type AuditRow = {
  principal?: string;
  requestId?: string;
  clientRequestId?: string;
  decisions?: { guardId: string; action: string }[];
};

export function observabilityRoutes(deps: {
  recentAudit: (limit: number) => unknown[] | Promise<unknown[]>;
  scans: () => unknown[];
}) {
  return [
    route({
      method: 'GET',
      path: '/admin/api/audit',
      scope: ['admin'],
      auth: 'session',
      name: 'gateway.audit.recent',
      handler: async ({ res, query }) => {
        const limit = Math.min(2000, Math.max(1, Number(query.get('limit')) || 200));
        const principal = query.get('principal');
        const guard = query.get('guard');
        const action = query.get('action');
        const requestId = query.get('requestId');
        const rows = ((await deps.recentAudit(limit)) as AuditRow[]).filter(
          (r) =>
            (!principal || r.principal === principal) &&
            // Warden's id, or the id the client sent (kept beside it; not unique).
            (!requestId || r.requestId === requestId || r.clientRequestId === requestId) &&
            (!guard || (r.decisions ?? []).some((d) => d.guardId === guard)) &&
            (!action ||
              (r.decisions ?? []).some((d) => d.action === action && (!guard || d.guardId === guard))),
        );
        sendJson(res, 200, { data: rows });
      },
    }),
    route({
      method: 'GET',
      path: '/admin/api/scans',
      scope: ['admin'],
      auth: 'session',
      name: 'gateway.scans.list',
      handler: ({ res }) => sendJson(res, 200, { data: deps.scans() }),
    }),
  ];
}
