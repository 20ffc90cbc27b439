// JWT / OIDC bearer tokens verified with jose: JWKS (cached, refreshed on unknown kid) or static keys,
// issuer, audience, time claims with bounded skew, and an algorithm allow-list checked before anything else.
import { createHash } from 'node:crypto';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  importJWK,
  importSPKI,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../core/context.js';
import { WardenError } from '../core/errors.js';

export interface JwtOptions {
  issuer: string | string[];
  audience: string | string[];
  jwksUrl?: string;
  /** Static public keys: PEM (SPKI) or JWK objects, optionally with a kid. */
  keys?: { kid?: string; pem?: string; jwk?: Record<string, unknown>; alg?: string }[];
  algorithms: string[];
  clockToleranceSec: number;
  claims: { principal: string; tenant?: string; scopes: string; models?: string };
  /** Models allowed when the token carries no models claim. */
  models: string[];
  defaultScopes: string[];
}

export type JwtPrincipal = Principal & { models: readonly string[] };

const SYMMETRIC = /^HS/;
type ImportedKey = Awaited<ReturnType<typeof importJWK>>;

export class JwtVerifier {
  private readonly getKey: JWTVerifyGetKey;
  /** Verified tokens (by hash) until the earlier of their expiry and a minute; least recently used go first. */
  private readonly cache = new LRUCache<string, JwtPrincipal>({ max: 10_000, ttl: 60_000 });

  constructor(private readonly opts: JwtOptions) {
    if (opts.algorithms.length === 0) throw new Error('auth.jwt.algorithms must name at least one algorithm');
    if (opts.algorithms.some((a) => a.toLowerCase() === 'none'))
      throw new Error("auth.jwt.algorithms may not contain 'none'");
    if (opts.algorithms.some((a) => SYMMETRIC.test(a))) {
      throw new Error(
        'auth.jwt.algorithms: HMAC algorithms are not supported; use asymmetric keys (RS*, PS*, ES*, EdDSA)',
      );
    }
    if (opts.jwksUrl) {
      this.getKey = createRemoteJWKSet(new URL(opts.jwksUrl), {
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
      });
    } else if (opts.keys && opts.keys.length > 0) {
      this.getKey = staticKeyResolver(opts.keys, opts.algorithms);
    } else {
      throw new Error('auth.jwt needs jwksUrl or keys');
    }
  }

  async verify(token: string): Promise<JwtPrincipal> {
    const cacheKey = createHash('sha256').update(token).digest('base64url');
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    let header: { alg?: string; kid?: string };
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new WardenError('WARDEN_JWT_INVALID', { detail: 'not a JWS compact token' });
    }
    if (!header.alg || !this.opts.algorithms.includes(header.alg)) {
      throw new WardenError('WARDEN_JWT_ALGORITHM', { allowed: this.opts.algorithms.join(', ') });
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.getKey, {
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        algorithms: this.opts.algorithms,
        clockTolerance: this.opts.clockToleranceSec,
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      throw mapJoseError(err, this.opts.algorithms);
    }
    const principal = this.toPrincipal(payload);
    const ttl = Math.min(60_000, (payload.exp ?? 0) * 1000 - Date.now());
    if (ttl > 0) this.cache.set(cacheKey, principal, { ttl });
    return principal;
  }

  private toPrincipal(payload: JWTPayload): JwtPrincipal {
    const c = this.opts.claims;
    const sub = payload[c.principal];
    if (typeof sub !== 'string' || sub.length === 0) {
      throw new WardenError('WARDEN_JWT_INVALID', { detail: `missing '${c.principal}' claim` });
    }
    const rawScopes = payload[c.scopes];
    const scopes =
      typeof rawScopes === 'string'
        ? rawScopes.split(/\s+/).filter(Boolean)
        : Array.isArray(rawScopes)
          ? rawScopes.filter((s): s is string => typeof s === 'string')
          : this.opts.defaultScopes;
    const tenant = c.tenant ? payload[c.tenant] : undefined;
    const rawModels = c.models ? payload[c.models] : undefined;
    const models = Array.isArray(rawModels)
      ? rawModels.filter((m): m is string => typeof m === 'string')
      : this.opts.models;
    return {
      id: `jwt:${sub}`,
      kind: 'jwt',
      scopes,
      models,
      ...(typeof tenant === 'string' && tenant ? { tenant } : {}),
    };
  }
}

function staticKeyResolver(keys: NonNullable<JwtOptions['keys']>, algorithms: string[]): JWTVerifyGetKey {
  const imported = new Map<string, Promise<ImportedKey>>();
  const load = (k: (typeof keys)[number], alg: string) => {
    const id = `${k.kid ?? ''}|${alg}`;
    let p = imported.get(id);
    if (!p) {
      p = k.pem ? importSPKI(k.pem, alg) : importJWK(k.jwk as Parameters<typeof importJWK>[0], alg);
      imported.set(id, p as Promise<ImportedKey>);
    }
    return p;
  };
  return async (header) => {
    const alg = header.alg ?? algorithms[0]!;
    const match = header.kid
      ? keys.find((k) => k.kid === header.kid)
      : keys.length === 1
        ? keys[0]
        : undefined;
    if (!match) throw new joseErrors.JWKSNoMatchingKey();
    return load(match, alg);
  };
}

function mapJoseError(err: unknown, algorithms: string[]): WardenError {
  if (err instanceof WardenError) return err;
  if (err instanceof joseErrors.JWTExpired) return new WardenError('WARDEN_JWT_EXPIRED');
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf' || err.claim === 'iat') return new WardenError('WARDEN_JWT_NOT_YET_VALID');
    if (err.claim === 'aud') return new WardenError('WARDEN_JWT_AUDIENCE');
    if (err.claim === 'iss') return new WardenError('WARDEN_JWT_ISSUER');
    return new WardenError('WARDEN_JWT_INVALID', { detail: `claim '${err.claim}' is not valid` });
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed)
    return new WardenError('WARDEN_JWT_ALGORITHM', { allowed: algorithms.join(', ') });
  if (err instanceof joseErrors.JWKSNoMatchingKey || err instanceof joseErrors.JWKSMultipleMatchingKeys) {
    return new WardenError('WARDEN_JWT_UNKNOWN_KEY');
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new WardenError('WARDEN_JWT_INVALID', { detail: 'signature verification failed' });
  }
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JOSEError) {
    return new WardenError('WARDEN_JWT_INVALID', { detail: (err as { code?: string }).code ?? 'rejected' });
  }
  // Key type mismatch (e.g. an HMAC token against an RSA key) surfaces as a TypeError from key import/use.
  return new WardenError('WARDEN_JWT_INVALID', { detail: 'token could not be verified' });
}
