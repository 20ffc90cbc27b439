// Read-only admin API data for operators: audit records (filterable, paged) with aggregates, the scan reports,
// and key names by principal (approvers too, so that pages show who asks).
import { z } from 'zod';
import { WardenError } from '../core/errors.js';
import { sendJson } from '../http/reply.js';
import { route } from '../http/route-table.js';
import type { IdentityAdmin } from '../identity/admin.js';
import {
  TRAFFIC_OUTCOMES,
  type TrafficFilter,
  type TrafficPage,
  type TrafficPageQuery,
  type TrafficStats,
} from '../store/audit-traffic.js';

type AuditRow = {
  principal?: string;
  requestId?: string;
  clientRequestId?: string;
  decisions?: { guardId: string; action: string }[];
};

const instant = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO date-time such as 2026-12-02T05:00:00Z')
  .transform((v) => new Date(v).toISOString());

const trafficQuery = z
  .object({
    principal: z.string().min(1).max(300).optional(),
    outcome: z.enum(TRAFFIC_OUTCOMES).optional(),
    route: z.string().min(1).max(200).optional(),
    from: instant.optional(),
    to: instant.optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** The query string as an object; empty values count as absent (an HTML form sends every field). */
function queryParams<T extends z.ZodType>(query: URLSearchParams, schema: T): z.output<T> {
  const raw: Record<string, string> = {};
  for (const [k, v] of query) if (v !== '') raw[k] = v;
  const r = schema.safeParse(raw);
  if (!r.success) {
    throw new WardenError('WARDEN_BAD_REQUEST', {
      detail: r.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '),
    });
  }
  return r.data;
}

export function observabilityRoutes(deps: {
  recentAudit: (limit: number) => unknown[] | Promise<unknown[]>;
  traffic?: (q: TrafficPageQuery) => Promise<TrafficPage>;
  trafficStats?: (f: TrafficFilter) => Promise<TrafficStats>;
  scans: () => unknown[];
  /** Where the scan reports are read from (shown in the console's empty state). */
  scansDir?: string;
}) {
  const { traffic, trafficStats } = deps;
  return [
    ...(traffic && trafficStats
      ? [
          route({
            method: 'GET',
            path: '/admin/api/traffic',
            scope: ['admin'],
            auth: 'session',
            name: 'gateway.traffic.page',
            handler: async ({ res, query }) => {
              const { page, pageSize, ...filter } = queryParams(query, trafficQuery);
              const r = await traffic({ ...filter, limit: pageSize, offset: (page - 1) * pageSize });
              sendJson(res, 200, { data: r.rows, total: r.total, page, pageSize });
            },
          }),
          route({
            method: 'GET',
            path: '/admin/api/traffic/stats',
            scope: ['admin'],
            auth: 'session',
            name: 'gateway.traffic.stats',
            handler: async ({ res, query }) => {
              const { page: _page, pageSize: _size, ...filter } = queryParams(query, trafficQuery);
              sendJson(res, 200, await trafficStats(filter));
            },
          }),
        ]
      : []),
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
      handler: ({ res }) =>
        sendJson(res, 200, { data: deps.scans(), ...(deps.scansDir ? { dir: deps.scansDir } : {}) }),
    }),
  ];
}

/** Key names by principal, so that pages show a name beside each id (approvers see who asks). */
export function principalNamesRoutes(admin: IdentityAdmin) {
  return [
    route({
      method: 'GET',
      path: '/admin/api/principals',
      scope: ['approver', 'admin'],
      auth: 'session',
      name: 'gateway.principals.names',
      handler: async ({ res }) => {
        const keys = await admin.listKeys();
        sendJson(res, 200, {
          data: keys.map((k) => ({ principal: k.principal, keyId: k.id, name: k.name, status: k.status })),
        });
      },
    }),
  ];
}
