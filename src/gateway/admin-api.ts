// The admin API under /admin/api: keys and bans over the same operations as the CLI; admin scope only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Principal } from '../core/context.js';
import { isWardenError, WardenError } from '../core/errors.js';
import type { IdentityAdmin } from '../identity/admin.js';
import { parseDuration } from '../identity/keys.js';
import {
  TRAFFIC_OUTCOMES,
  type TrafficFilter,
  type TrafficPage,
  type TrafficPageQuery,
  type TrafficStats,
} from '../store/audit-traffic.js';
import { readBody, sendError, sendJson } from './http.js';

export type AdminRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  principal: Principal,
) => Promise<boolean> | boolean;

const durationField = z
  .string()
  .refine((v) => {
    try {
      parseDuration(v);
      return true;
    } catch {
      return false;
    }
  }, 'a duration such as 90s, 15m, 1h, 7d')
  .transform(parseDuration);

const createKeyBody = z
  .object({
    name: z.string().min(1).max(100),
    owner: z.string().max(200).optional(),
    tenant: z.string().max(200).optional(),
    scopes: z.array(z.string()).optional(),
    models: z.array(z.string().min(1)).optional(),
    expires: durationField.optional(),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const rotateBody = z.object({ grace: durationField.optional() }).strict();
const banBody = z
  .object({
    principal: z.string().min(1).max(300),
    reason: z.string().max(500).default(''),
    expires: durationField.optional(),
  })
  .strict();

async function jsonBody<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.output<T>> {
  const raw = (await readBody(req, 64 * 1024)).toString('utf8');
  let parsed: unknown = {};
  if (raw.trim()) {
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      throw new WardenError('WARDEN_BAD_JSON', { detail: (err as Error).message.slice(0, 120) });
    }
  }
  const r = schema.safeParse(parsed);
  if (!r.success) {
    throw new WardenError('WARDEN_BAD_REQUEST', {
      detail: r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    });
  }
  return r.data;
}

export function identityAdminRoutes(admin: IdentityAdmin): AdminRoute {
  return async (req, res, url, principal) => {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/admin/api/keys' && method === 'GET') {
      sendJson(res, 200, { data: await admin.listKeys() });
      return true;
    }
    if (path === '/admin/api/keys' && method === 'POST') {
      const b = await jsonBody(req, createKeyBody);
      const created = await admin.createKey(
        {
          name: b.name,
          ...(b.owner ? { owner: b.owner } : {}),
          ...(b.tenant ? { tenant: b.tenant } : {}),
          ...(b.scopes ? { scopes: b.scopes } : {}),
          ...(b.models ? { models: b.models } : {}),
          ...(b.expires ? { expiresInMs: b.expires } : {}),
          ...(b.labels ? { labels: b.labels } : {}),
        },
        principal.id,
      );
      // The secret appears in this response only; it is never stored or logged.
      sendJson(res, 201, { key: created.token, ...created.key }, { 'cache-control': 'no-store' });
      return true;
    }
    const keyAction = /^\/admin\/api\/keys\/([a-z0-9]{1,40})\/(revoke|rotate)$/.exec(path);
    if (keyAction && method === 'POST') {
      const [, id, action] = keyAction;
      if (action === 'revoke') {
        sendJson(res, 200, await admin.revokeKey(id!, principal.id));
      } else {
        const b = await jsonBody(req, rotateBody);
        const r = await admin.rotateKey(id!, b.grace ?? 3_600_000, principal.id);
        sendJson(res, 201, { key: r.token, ...r.key, previous: r.previous }, { 'cache-control': 'no-store' });
      }
      return true;
    }
    if (path === '/admin/api/bans' && method === 'GET') {
      sendJson(res, 200, { data: await admin.listBans() });
      return true;
    }
    if (path === '/admin/api/bans' && method === 'POST') {
      const b = await jsonBody(req, banBody);
      sendJson(res, 201, await admin.addBan(b.principal, b.reason, b.expires, principal.id));
      return true;
    }
    const ban = /^\/admin\/api\/bans\/(.+)$/.exec(path);
    if (ban && method === 'DELETE') {
      const who = pathParam(ban[1]!);
      if (!(await admin.removeBan(who, principal.id)))
        throw new WardenError('WARDEN_ADMIN_NOT_FOUND', { what: 'ban' });
      sendJson(res, 200, { removed: who });
      return true;
    }
    return false;
  };
}

/** A percent-encoded path segment, decoded; a malformed escape is the caller's 400, never a 500. */
export function pathParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new WardenError('WARDEN_BAD_REQUEST', { detail: 'malformed percent-escape in the path' });
  }
}

/** Mounts admin routes: authenticates, requires a scope, maps errors to the OpenAI error shape. */
export function mountAdmin(
  authenticate: (req: IncomingMessage) => Principal | Promise<Principal>,
  routes: readonly { scope: string; route: AdminRoute }[],
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  return async (req, res, url) => {
    if (!url.pathname.startsWith('/admin/api/')) return false;
    try {
      const principal = await authenticate(req);
      for (const { scope, route } of routes) {
        if (!principal.scopes.includes(scope)) continue;
        if (await route(req, res, url, principal)) return true;
      }
      if (!routes.some((r) => principal.scopes.includes(r.scope))) {
        throw new WardenError('WARDEN_SCOPE_DENIED', { scope: routes[0]?.scope ?? 'admin' });
      }
      throw new WardenError('WARDEN_NOT_FOUND', {
        method: req.method ?? 'GET',
        path: url.pathname.slice(0, 100),
      });
    } catch (err) {
      const werr = isWardenError(err)
        ? err
        : err instanceof URIError
          ? new WardenError('WARDEN_BAD_REQUEST', { detail: 'malformed percent-escape in the path' })
          : new WardenError('WARDEN_INTERNAL', { requestId: 'admin' }, { cause: err });
      sendError(res, werr, 'admin');
      return true;
    }
  };
}

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
function queryParams<T extends z.ZodType>(url: URL, schema: T): z.output<T> {
  const raw: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (v !== '') raw[k] = v;
  const r = schema.safeParse(raw);
  if (!r.success) {
    throw new WardenError('WARDEN_BAD_REQUEST', {
      detail: r.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '),
    });
  }
  return r.data;
}

/** Read-only data for operators: audit records (filterable, paged) with aggregates, and the scan reports. */
export function observabilityRoutes(deps: {
  recentAudit: (limit: number) => unknown[] | Promise<unknown[]>;
  traffic?: (q: TrafficPageQuery) => Promise<TrafficPage>;
  trafficStats?: (f: TrafficFilter) => Promise<TrafficStats>;
  scans: () => unknown[];
  /** Where the scan reports are read from (shown in the console's empty state). */
  scansDir?: string;
}): AdminRoute {
  return async (req, res, url) => {
    if ((req.method ?? 'GET') !== 'GET') return false;
    if (url.pathname === '/admin/api/traffic' || url.pathname === '/admin/api/traffic/stats') {
      const { page, pageSize, ...filter } = queryParams(url, trafficQuery);
      if (!deps.traffic || !deps.trafficStats)
        throw new WardenError('WARDEN_NOT_FOUND', { method: 'GET', path: url.pathname });
      if (url.pathname.endsWith('/stats')) {
        sendJson(res, 200, await deps.trafficStats(filter));
      } else {
        const r = await deps.traffic({ ...filter, limit: pageSize, offset: (page - 1) * pageSize });
        sendJson(res, 200, { data: r.rows, total: r.total, page, pageSize });
      }
      return true;
    }
    if (url.pathname === '/admin/api/audit') {
      const limit = Math.min(2000, Math.max(1, Number(url.searchParams.get('limit')) || 200));
      const principal = url.searchParams.get('principal');
      const guard = url.searchParams.get('guard');
      const action = url.searchParams.get('action');
      const requestId = url.searchParams.get('requestId');
      type Rec = {
        principal?: string;
        requestId?: string;
        clientRequestId?: string;
        decisions?: { guardId: string; action: string }[];
      };
      const rows = ((await deps.recentAudit(limit)) as Rec[]).filter(
        (r) =>
          (!principal || r.principal === principal) &&
          // Warden's id, or the id the client sent (kept beside it; not unique).
          (!requestId || r.requestId === requestId || r.clientRequestId === requestId) &&
          (!guard || (r.decisions ?? []).some((d) => d.guardId === guard)) &&
          (!action ||
            (r.decisions ?? []).some((d) => d.action === action && (!guard || d.guardId === guard))),
      );
      sendJson(res, 200, { data: rows });
      return true;
    }
    if (url.pathname === '/admin/api/scans') {
      sendJson(res, 200, { data: deps.scans(), ...(deps.scansDir ? { dir: deps.scansDir } : {}) });
      return true;
    }
    return false;
  };
}

/** Key names by principal, so that pages show a name beside each id (approvers see who asks). */
export function principalNamesRoute(admin: IdentityAdmin): AdminRoute {
  return async (req, res, url) => {
    if (url.pathname !== '/admin/api/principals' || (req.method ?? 'GET') !== 'GET') return false;
    const keys = await admin.listKeys();
    sendJson(res, 200, {
      data: keys.map((k) => ({ principal: k.principal, keyId: k.id, name: k.name, status: k.status })),
    });
    return true;
  };
}
