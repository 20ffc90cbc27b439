// The gateway's view of identity and limits: who is calling, may they use this model, may they go now.
import type { IncomingMessage } from 'node:http';
import type { Principal, Route } from '../core/context.js';

export interface Admission {
  /** Response headers to add (x-ratelimit-*). */
  headers: Record<string, string>;
  /** Settles token usage and frees concurrency; called exactly once when the exchange ends. */
  release(usage: { promptTokens?: number; completionTokens?: number } | undefined): void;
}

export interface AccessControl {
  /** Throws a WardenError (401/403) when the caller cannot be identified or is banned. */
  authenticate(req: IncomingMessage): Principal | Promise<Principal>;
  /** Throws a WardenError (403) when the principal may not use this route or model. */
  authorize(principal: Principal, route: Route, model: string): void;
  /** Whether the principal may see a model in /v1/models. */
  canSeeModel(principal: Principal, model: string): boolean;
  /** Throws a WardenError (403) when the principal lacks `scope` (the models listing, /metrics). */
  requireScope(principal: Principal, scope: string): void;
  /** Applies rate limits and quotas; throws a WardenError (429) when over. */
  admit(principal: Principal, route: Route, body: Record<string, unknown>): Admission | Promise<Admission>;
}

const NO_ADMISSION: Admission = { headers: {}, release() {} };

/** No authentication at all: every caller is 'anonymous'. Only for local demos; `serve` warns loudly. */
export function anonymousAccess(): AccessControl {
  const principal: Principal = Object.freeze({ id: 'anonymous', kind: 'anonymous', scopes: ['*'] });
  return {
    authenticate: () => principal,
    authorize() {},
    canSeeModel: () => true,
    requireScope() {},
    admit: () => NO_ADMISSION,
  };
}
