// Who is calling the admin surface: a Bearer credential, or a console session cookie (with CSRF on writes)
// naming a session that is still open server-side.
import type { IncomingMessage } from 'node:http';
import type { Principal } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import type { IdentityGate } from '../identity/gate.js';
import type { ConsoleSessionStore } from '../store/sessions.js';
import {
  csrfValid,
  decodeSession,
  encodeSession,
  newSession,
  readCookie,
  SESSION_COOKIE,
  type SessionData,
} from './session.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ConsoleAuth {
  /** Bearer first; else the session cookie, whose key is re-validated; writes need the CSRF header. */
  authenticate(req: IncomingMessage): Promise<Principal>;
  session(req: IncomingMessage): Promise<{ session: SessionData; principal: Principal } | undefined>;
  /** Opens a server-side session for a signed-in key; returns the cookie value. */
  open(keyId: string): Promise<string>;
  /** Ends the session (sign-out); the cookie is worthless afterwards, wherever it was copied. */
  end(session: SessionData): Promise<void>;
}

export function consoleAuth(gate: IdentityGate, secret: Buffer, store: ConsoleSessionStore): ConsoleAuth {
  const session = async (req: IncomingMessage) => {
    const s = decodeSession(secret, readCookie(req, SESSION_COOKIE));
    if (!s) return undefined;
    try {
      const open = await store.get(s.sid);
      if (!open || open.keyId !== s.keyId) return undefined;
      return { session: s, principal: await gate.sessionPrincipal(s.keyId) };
    } catch {
      return undefined;
    }
  };
  return {
    session,
    async open(keyId) {
      const s = newSession(keyId);
      await store.create({ sid: s.sid, keyId: s.keyId, exp: s.exp });
      return encodeSession(secret, s);
    },
    async end(s) {
      await store.end(s.sid);
    },
    async authenticate(req) {
      if (req.headers.authorization) return gate.authenticate(req);
      const found = await session(req);
      if (!found) throw new WardenError('WARDEN_AUTH_MISSING');
      if (!SAFE.has(req.method ?? 'GET')) {
        if (!originAllowed(req)) throw new WardenError('WARDEN_CSRF_INVALID');
        const token = req.headers['x-csrf-token'];
        if (!csrfValid(secret, found.session, Array.isArray(token) ? token[0] : token)) {
          throw new WardenError('WARDEN_CSRF_INVALID');
        }
      }
      return found.principal;
    },
  };
}

/** A write may come without an Origin (non-browser clients) or from this very host; "null" or another host fails. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function canUseConsole(p: Principal): boolean {
  return p.scopes.includes('admin') || p.scopes.includes('approver');
}
