// Rate limits and token quotas per principal and tenant: requests (GCRA), tokens (reserve, then settle),
// and concurrent requests; OpenAI-style x-ratelimit-* headers; fail closed when the store is down.
import { randomUUID } from 'node:crypto';
import type { Principal, Route } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import type { Admission } from '../identity/access.js';
import type { GcraResult, RateSpec } from './gcra.js';
import type { LimitStore } from './store.js';
import { completionMaximum, completionReservation, promptTokens } from './tokens.js';

export interface LimitPolicy {
  requests?: RateSpec;
  tokens?: RateSpec;
  concurrent?: number;
}

export interface LimiterOptions {
  principal: LimitPolicy;
  tenant: LimitPolicy;
  /** Per principal id (or `tenant:<id>`) replacements of the defaults. */
  overrides: Record<string, LimitPolicy>;
  defaultCompletionTokens: number;
  leaseTtlMs?: number;
}

interface Charge {
  key: string;
  cost: number;
  spec: RateSpec;
}

function fmtDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'never';
  return ms < 1000 ? `${Math.max(0, Math.ceil(ms))}ms` : `${Math.ceil(ms / 100) / 10}s`;
}

function fmtWindow(ms: number): string {
  return ms % 3_600_000 === 0
    ? `${ms / 3_600_000}h`
    : ms % 60_000 === 0
      ? `${ms / 60_000}m`
      : `${ms / 1000}s`;
}

const NONE: Admission = { headers: {}, release() {} };

/** While a principal is throttled (e.g. by the extraction detector) it may make this many requests a minute. */
export const THROTTLED_POLICY: LimitPolicy = { requests: { limit: 6, windowMs: 60_000 } };

export class Limiter {
  /** Principal id -> throttled until (ms). In-process: each replica applies the throttles it was told of. */
  private readonly throttled = new Map<string, number>();

  constructor(
    private readonly store: LimitStore,
    private readonly opts: LimiterOptions,
  ) {}

  /** Restricts a principal to THROTTLED_POLICY until the given time. */
  throttle(principal: string, until: Date): void {
    this.throttled.set(principal, until.getTime());
  }

  private policies(principal: Principal): { scope: string; policy: LimitPolicy }[] {
    const out = [
      { scope: `p:${principal.id}`, policy: this.opts.overrides[principal.id] ?? this.opts.principal },
    ];
    const until = this.throttled.get(principal.id);
    if (until !== undefined && until <= Date.now()) this.throttled.delete(principal.id);
    else if (until !== undefined) out.push({ scope: `x:${principal.id}`, policy: THROTTLED_POLICY });
    if (principal.tenant) {
      out.push({
        scope: `t:${principal.tenant}`,
        policy: this.opts.overrides[`tenant:${principal.tenant}`] ?? this.opts.tenant,
      });
    }
    return out;
  }

  /** Admits a request or throws a 429/503 WardenError; may set max_tokens on the body to bound a reservation. */
  async admit(principal: Principal, route: Route, body: Record<string, unknown>): Promise<Admission> {
    const scopes = this.policies(principal).filter(
      ({ policy }) => policy.requests || policy.tokens || policy.concurrent !== undefined,
    );
    if (scopes.length === 0) return NONE;
    // Read (and refuse a malformed) completion maximum before anything is charged or leased.
    if (route !== 'embeddings' && scopes.some((s) => s.policy.tokens)) completionMaximum(body);
    const lease = randomUUID();
    const leases: string[] = [];
    const charged: Charge[] = [];
    const headers: Record<string, string> = {};
    let reserved = 0;
    const rollback = async () => {
      for (const c of charged) await this.store.adjust(c.key, -c.cost, c.spec);
      for (const k of leases) await this.store.release(k, lease);
    };
    try {
      for (const { scope, policy } of scopes) {
        if (policy.concurrent !== undefined) {
          const key = `c:${scope}`;
          if (!(await this.store.acquire(key, lease, policy.concurrent, this.opts.leaseTtlMs ?? 600_000))) {
            await rollback();
            throw new WardenError('WARDEN_CONCURRENCY_LIMIT', {
              principal: scope.slice(2),
              limit: policy.concurrent,
            });
          }
          leases.push(key);
        }
        if (policy.requests) {
          const r = await this.store.consume(`r:${scope}`, 1, policy.requests);
          if (!r.allowed) {
            await rollback();
            throw this.denied('WARDEN_RATE_LIMITED', scope, policy.requests, r);
          }
          charged.push({ key: `r:${scope}`, cost: 1, spec: policy.requests });
          if (scope === scopes[0]!.scope) this.headers(headers, 'requests', policy.requests, r);
        }
        if (policy.tokens) {
          if (reserved === 0) {
            const completion = completionReservation(route, body, this.opts.defaultCompletionTokens);
            // Bound what the upstream may produce to what was reserved, so concurrent streams cannot overrun.
            // (completionMaximum has removed null maxima and refused malformed ones.)
            if (
              route !== 'embeddings' &&
              body.max_tokens === undefined &&
              body.max_completion_tokens === undefined
            ) {
              body.max_tokens = this.opts.defaultCompletionTokens;
            }
            reserved = promptTokens(route, body) + completion;
          }
          const r = await this.store.consume(`k:${scope}`, reserved, policy.tokens);
          if (!r.allowed) {
            await rollback();
            throw this.denied('WARDEN_TOKEN_QUOTA', scope, policy.tokens, r);
          }
          charged.push({ key: `k:${scope}`, cost: reserved, spec: policy.tokens });
          if (scope === scopes[0]!.scope) this.headers(headers, 'tokens', policy.tokens, r);
        }
      }
    } catch (err) {
      if (err instanceof WardenError) throw err;
      throw new WardenError('WARDEN_LIMITS_UNAVAILABLE', {}, { cause: err });
    }
    let released = false;
    return {
      headers,
      release: (usage) => {
        if (released) return;
        released = true;
        const actual =
          usage && (usage.promptTokens !== undefined || usage.completionTokens !== undefined)
            ? (usage.promptTokens ?? 0) + (usage.completionTokens ?? 0)
            : undefined;
        const work: Promise<void>[] = [];
        for (const k of leases) work.push(Promise.resolve(this.store.release(k, lease)));
        if (actual !== undefined) {
          for (const c of charged) {
            if (c.key.startsWith('k:') && actual !== c.cost) {
              work.push(Promise.resolve(this.store.adjust(c.key, actual - c.cost, c.spec)));
            }
          }
        }
        void Promise.all(work).catch(() => {
          // A lease left behind expires by its TTL; a missed settlement keeps the (upper-bound) reservation.
        });
      },
    };
  }

  private denied(
    code: 'WARDEN_RATE_LIMITED' | 'WARDEN_TOKEN_QUOTA',
    scope: string,
    spec: RateSpec,
    r: GcraResult,
  ): WardenError {
    const retryAfter = Number.isFinite(r.retryAfterMs) ? Math.max(1, Math.ceil(r.retryAfterMs / 1000)) : 3600;
    return new WardenError(
      code,
      { principal: scope.slice(2), limit: spec.limit, window: fmtWindow(spec.windowMs), retryAfter },
      { headers: { 'retry-after': String(retryAfter) } },
    );
  }

  private headers(
    h: Record<string, string>,
    kind: 'requests' | 'tokens',
    spec: RateSpec,
    r: GcraResult,
  ): void {
    h[`x-ratelimit-limit-${kind}`] = String(spec.limit);
    h[`x-ratelimit-remaining-${kind}`] = String(r.remaining);
    h[`x-ratelimit-reset-${kind}`] = fmtDuration(r.resetMs);
  }
}
