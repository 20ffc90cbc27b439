// The identity gate: authenticates API keys and JWTs, enforces bans, scopes and model allow-lists, and
// hands admission to the limiter. No principal bypasses it, admins included.
import type { IncomingMessage } from 'node:http';
import type { Principal, Route } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import { matchesAny } from '../core/glob.js';
import { recordableName } from '../core/redact.js';
import type { Limiter } from '../limits/limiter.js';
import type { BanStore, KeyRecord, KeyStore } from '../store/types.js';
import type { AccessControl, Admission } from './access.js';
import type { JwtVerifier } from './jwt.js';
import { parseKey, secretMatches } from './keys.js';
import type { AuthThrottle } from './throttle.js';

export const ROUTE_SCOPE: Record<Route | 'models', string> = {
  chat: 'chat',
  completions: 'completions',
  embeddings: 'embeddings',
  models: 'models',
};

export interface IdentityGateOptions {
  keys: KeyStore;
  bans: BanStore;
  serverSecret: Buffer;
  jwt?: JwtVerifier;
  limiter?: Limiter;
  /** Failed attempts allowed per client address; without it nothing is throttled. */
  throttle?: AuthThrottle;
}

const NONE: Admission = { headers: {}, release() {} };
export function modelAllowed(patterns: readonly string[] | undefined, model: string): boolean {
  return patterns === undefined || matchesAny(patterns, model);
}

export class IdentityGate implements AccessControl {
  constructor(private readonly opts: IdentityGateOptions) {}

  async authenticate(req: IncomingMessage): Promise<Principal> {
    const address = req.socket?.remoteAddress;
    this.opts.throttle?.check(address);
    try {
      return await this.credential(req);
    } catch (err) {
      this.opts.throttle?.record(address, err);
      throw err;
    }
  }

  private async credential(req: IncomingMessage): Promise<Principal> {
    const header = req.headers.authorization;
    if (header === undefined || header === '') throw new WardenError('WARDEN_AUTH_MISSING');
    const m = /^Bearer +([^\s]+)$/i.exec(header);
    if (!m)
      throw new WardenError('WARDEN_AUTH_MALFORMED', { detail: 'expected "Authorization: Bearer <token>"' });
    const token = m[1]!;
    const principal = token.startsWith('wdn_') ? await this.fromKey(token) : await this.fromJwt(token);
    await this.checkBans(principal);
    return principal;
  }

  /** Authenticates a raw token (admin console sign-in, CLI) exactly as a request from `socket` would. */
  async authenticateToken(token: string, socket?: IncomingMessage['socket']): Promise<Principal> {
    return this.authenticate({ headers: { authorization: `Bearer ${token}` }, socket } as IncomingMessage);
  }

  private async fromKey(token: string): Promise<Principal> {
    const parsed = parseKey(token);
    if (!parsed)
      throw new WardenError('WARDEN_AUTH_MALFORMED', { detail: 'not a well-formed Warden API key' });
    const rec = await this.lookup(() => this.opts.keys.get(parsed.id));
    // Unknown id and wrong secret are the same answer, and the hash comparison runs either way.
    const ok = secretMatches(this.opts.serverSecret, parsed.secret, rec?.hash ?? '0'.repeat(64));
    if (!rec || !ok) throw new WardenError('WARDEN_AUTH_INVALID');
    return this.keyPrincipal(rec);
  }

  /**
   * Re-validates a signed-in console session's key on every request: revocation, expiry and rotation (the
   * old key's grace period is for API clients, not for console sessions) end the session at once.
   */
  async sessionPrincipal(keyId: string): Promise<Principal> {
    const rec = await this.lookup(() => this.opts.keys.get(keyId));
    if (!rec) throw new WardenError('WARDEN_AUTH_INVALID');
    if (rec.rotatedTo !== undefined) throw new WardenError('WARDEN_KEY_REVOKED');
    const p = this.keyPrincipal(rec);
    await this.checkBans(p);
    return p;
  }

  private keyPrincipal(rec: KeyRecord): Principal {
    if (rec.revokedAt !== undefined) throw new WardenError('WARDEN_KEY_REVOKED');
    if (rec.expiresAt !== undefined && rec.expiresAt <= Date.now())
      throw new WardenError('WARDEN_KEY_EXPIRED');
    return {
      id: rec.principal,
      kind: 'apiKey',
      scopes: rec.scopes,
      models: rec.models,
      name: rec.name,
      labels: rec.labels,
      keyId: rec.id,
      ...(rec.tenant ? { tenant: rec.tenant } : {}),
    };
  }

  private async fromJwt(token: string): Promise<Principal> {
    if (!this.opts.jwt) {
      throw new WardenError('WARDEN_AUTH_MALFORMED', { detail: 'expected a Warden API key (wdn_...)' });
    }
    if (token.split('.').length !== 3)
      throw new WardenError('WARDEN_JWT_INVALID', { detail: 'not a JWS compact token' });
    return this.opts.jwt.verify(token);
  }

  /** A key or ban store that fails is a 503 (fail closed), never a 500 and never an admission. */
  private async lookup<T>(read: () => T | Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (err) {
      throw new WardenError('WARDEN_IDENTITY_UNAVAILABLE', {}, { cause: err });
    }
  }

  private async checkBans(p: Principal): Promise<void> {
    const ban =
      (await this.lookup(() => this.opts.bans.get(p.id))) ??
      (p.tenant ? await this.lookup(() => this.opts.bans.get(`tenant:${p.tenant}`)) : undefined);
    if (ban) {
      throw new WardenError('WARDEN_BANNED', {
        until: ban.expiresAt ? new Date(ban.expiresAt).toISOString() : 'further notice',
        reason: ban.reason.slice(0, 200),
      });
    }
  }

  authorize(principal: Principal, route: Route, model: string): void {
    const scope = ROUTE_SCOPE[route];
    if (!principal.scopes.includes(scope)) throw new WardenError('WARDEN_SCOPE_DENIED', { scope });
    if (!modelAllowed(principal.models ?? [], model)) {
      throw new WardenError('WARDEN_MODEL_DENIED', { model: recordableName(model) });
    }
  }

  requireScope(principal: Principal, scope: string): void {
    if (!principal.scopes.includes(scope)) throw new WardenError('WARDEN_SCOPE_DENIED', { scope });
  }

  canSeeModel(principal: Principal, model: string): boolean {
    return modelAllowed(principal.models ?? [], model);
  }

  admit(principal: Principal, route: Route, body: Record<string, unknown>): Admission | Promise<Admission> {
    return this.opts.limiter ? this.opts.limiter.admit(principal, route, body) : NONE;
  }
}
