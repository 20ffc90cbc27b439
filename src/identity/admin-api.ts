// The identity admin API under /admin/api: keys and bans over the same operations as the CLI; admin scope only.
import { z } from 'zod';
import { WardenError } from '../core/errors.js';
import { sendJson } from '../http/reply.js';
import { route } from '../http/route-table.js';
import type { IdentityAdmin } from './admin.js';
import { parseDuration } from './keys.js';

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

const ADMIN = ['admin'] as const;
const AUTH = 'session';
const LIMIT = 64 * 1024;
const KEY_ID = /^[a-z0-9]{1,40}$/;

/** A key id from the path; anything else is a key that does not exist. */
function keyId(raw: string | undefined): string {
  if (raw === undefined || !KEY_ID.test(raw))
    throw new WardenError('WARDEN_ADMIN_NOT_FOUND', { what: 'key' });
  return raw;
}

export function identityAdminRoutes(admin: IdentityAdmin) {
  return [
    route({
      method: 'GET',
      path: '/admin/api/keys',
      scope: ADMIN,
      auth: AUTH,
      name: 'identity.keys.list',
      handler: async ({ res }) => sendJson(res, 200, { data: await admin.listKeys() }),
    }),
    route({
      method: 'POST',
      path: '/admin/api/keys',
      scope: ADMIN,
      auth: AUTH,
      body: { schema: createKeyBody, limit: LIMIT },
      name: 'identity.keys.create',
      handler: async ({ res, body: b, principal }) => {
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
      },
    }),
    route({
      method: 'POST',
      path: '/admin/api/keys/:id/revoke',
      scope: ADMIN,
      auth: AUTH,
      name: 'identity.keys.revoke',
      handler: async ({ res, params, principal }) =>
        sendJson(res, 200, await admin.revokeKey(keyId(params.id), principal.id)),
    }),
    route({
      method: 'POST',
      path: '/admin/api/keys/:id/rotate',
      scope: ADMIN,
      auth: AUTH,
      body: { schema: rotateBody, limit: LIMIT },
      name: 'identity.keys.rotate',
      handler: async ({ res, params, body, principal }) => {
        const r = await admin.rotateKey(keyId(params.id), body.grace ?? 3_600_000, principal.id);
        sendJson(res, 201, { key: r.token, ...r.key, previous: r.previous }, { 'cache-control': 'no-store' });
      },
    }),
    route({
      method: 'GET',
      path: '/admin/api/bans',
      scope: ADMIN,
      auth: AUTH,
      name: 'identity.bans.list',
      handler: async ({ res }) => sendJson(res, 200, { data: await admin.listBans() }),
    }),
    route({
      method: 'POST',
      path: '/admin/api/bans',
      scope: ADMIN,
      auth: AUTH,
      body: { schema: banBody, limit: LIMIT },
      name: 'identity.bans.create',
      handler: async ({ res, body: b, principal }) =>
        sendJson(res, 201, await admin.addBan(b.principal, b.reason, b.expires, principal.id)),
    }),
    route({
      method: 'DELETE',
      // Principal ids may hold '/' (JWT subjects): the rest of the path, decoded by the router.
      path: '/admin/api/bans/*',
      scope: ADMIN,
      auth: AUTH,
      name: 'identity.bans.remove',
      handler: async ({ res, params, principal }) => {
        const who = params['*'] ?? '';
        if (!who || !(await admin.removeBan(who, principal.id)))
          throw new WardenError('WARDEN_ADMIN_NOT_FOUND', { what: 'ban' });
        sendJson(res, 200, { removed: who });
      },
    }),
  ];
}
