// One route table for every HTTP endpoint: entries declared per domain, matched by find-my-way; the router
// answers 404/405, authenticates, checks the entry's scope and reads its body before the handler runs.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import FindMyWay from 'find-my-way';
import type { Principal } from '../core/context.js';
import { isWardenError, WardenError } from '../core/errors.js';
import { type BodyLimits, type BodySpec, readRouteBody } from './body.js';
import { sendError } from './reply.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call an entry. `public`: the router authenticates nobody (health checks, sign-in, and the OpenAI
 * proxy, whose identity step is part of the traced exchange); `authenticated`: any identified caller; a
 * list: a caller holding at least one of these scopes.
 */
export type RouteScope = 'public' | 'authenticated' | readonly [string, ...string[]];

/** An identified caller; `session` is whatever the realm keeps beside the principal (the console's session). */
export interface Caller {
  principal: Principal;
  session?: unknown;
}

/** One way of identifying callers (API keys, console sessions...), named by entries' `auth`. */
export interface Realm {
  /** Throws a WardenError (401/403) when the caller cannot be identified. */
  authenticate(req: IncomingMessage): Caller | Promise<Caller>;
  /** Whether the principal holds the scope (identity decides: the demo's anonymous caller holds every scope). */
  holds(principal: Principal, scope: string): boolean;
  /** Answers a refusal (authentication or scope) when not in the OpenAI error shape: the console redirects. */
  refuse?(req: IncomingMessage, res: ServerResponse, err: WardenError): boolean;
}

/** What a handler gets: the exchange, path parameters, and (from the entry) the caller and the validated body. */
export interface RouteCall<B, S extends RouteScope> {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly params: Readonly<Record<string, string | undefined>>;
  /** The authenticated principal; undefined on public entries. */
  readonly principal: S extends 'public' ? undefined : Principal;
  readonly session: unknown;
  readonly body: B;
  /** The query string, parsed on first use. */
  readonly query: URLSearchParams;
}

export interface RouteEntry<B = undefined, S extends RouteScope = RouteScope> {
  method: HttpMethod;
  /** find-my-way syntax: `/admin/api/keys/:id/revoke`, `/admin/api/bans/*`. */
  path: string;
  scope: S;
  /** The realm that identifies callers when the scope is not public; `key` (API keys, JWT) by default. */
  auth?: string;
  /** The body the router reads and validates before the handler; without it the body is left unread. */
  body?: BodySpec<B>;
  /** Metric label and span name: `domain.action`. */
  name: string;
  /** False when the handler records its own metrics and spans (the OpenAI proxy routes). */
  observed?: boolean;
  handler(call: RouteCall<B, S>): unknown;
}

/** Declares one entry with its body and scope types inferred. */
export function route<B = undefined, const S extends RouteScope = RouteScope>(
  entry: RouteEntry<B, S>,
): RouteEntry<B, S> {
  return entry;
}

// biome-ignore lint/suspicious/noExplicitAny: a table holds entries of every body type; each was checked by route().
export type AnyRoute = RouteEntry<any, any>;

export interface RouteTableOptions extends BodyLimits {
  realms: Readonly<Record<string, Realm>>;
  /** Called once a handler (or the router's refusal) has answered an observed entry. */
  onAnswered?: (entry: AnyRoute, req: IncomingMessage, status: number, startedMs: number) => void;
  /** Called for failures that are not WardenErrors (answered as WARDEN_INTERNAL). */
  onInternalError?: (entry: AnyRoute, err: unknown) => void;
}

/** Thrown at start-up for a table that cannot be built (duplicate entry, unknown realm). */
export class RouteTableError extends Error {}

const NO_QUERY = (q: string) => q;

class Call implements RouteCall<unknown, RouteScope> {
  private parsedQuery: URLSearchParams | undefined;
  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly params: Readonly<Record<string, string | undefined>>,
    private readonly search: string,
    readonly principal: Principal | undefined,
    readonly session: unknown,
    readonly body: unknown,
  ) {}
  get query(): URLSearchParams {
    this.parsedQuery ??= new URLSearchParams(this.search);
    return this.parsedQuery;
  }
}

export class RouteTable {
  private readonly router = FindMyWay({
    ignoreTrailingSlash: false,
    caseSensitive: true,
    maxParamLength: 300,
    // The query string is handed over untouched; a handler that wants it parses it (see Call.query).
    querystringParser: NO_QUERY,
    onBadUrl: () => {},
  });
  private readonly methods = new Set<HttpMethod>();
  readonly entries: readonly AnyRoute[];

  constructor(
    entries: readonly AnyRoute[],
    private readonly opts: RouteTableOptions,
  ) {
    this.entries = entries;
    const seen = new Map<string, string>();
    for (const e of entries) {
      // find-my-way would reject the duplicate too; this names both entries and catches `:a` vs `:b`.
      const key = `${e.method} ${e.path.replace(/:[^/]+/g, ':')}`;
      const before = seen.get(key);
      if (before !== undefined)
        throw new RouteTableError(`route ${e.method} ${e.path} (${e.name}) is already declared by ${before}`);
      seen.set(key, e.name);
      if (e.scope !== 'public' && !opts.realms[e.auth ?? 'key'])
        throw new RouteTableError(`route ${e.name} names the unknown realm '${e.auth ?? 'key'}'`);
      this.router.on(e.method, e.path, noop, e);
      this.methods.add(e.method);
    }
    this.router.compile();
  }

  /** Answers the request: the entry's handler, or the router's 404/405/400 in the OpenAI error shape. */
  async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET') as HttpMethod;
    const url = req.url ?? '/';
    const found = this.router.find(method, url);
    if (found === null || found.store === null) {
      this.miss(res, method, url, found !== null);
      return;
    }
    const entry = found.store as AnyRoute;
    const started = entry.observed === false ? 0 : performance.now();
    try {
      const caller = entry.scope === 'public' ? undefined : await this.admit(entry, req, res);
      if (caller === null) return;
      const body = entry.body ? await readRouteBody(req, entry.body, this.opts) : undefined;
      await entry.handler(
        new Call(
          req,
          res,
          found.params,
          found.searchParams as unknown as string,
          caller?.principal,
          caller?.session,
          body,
        ),
      );
    } catch (err) {
      if (!isWardenError(err)) this.opts.onInternalError?.(entry, err);
      // Every answer carries an id of Warden's own, so a refusal can be named in a support request and the log.
      const requestId = randomUUID();
      sendError(
        res,
        isWardenError(err) ? err : new WardenError('WARDEN_INTERNAL', { requestId }, { cause: err }),
        requestId,
      );
    } finally {
      if (entry.observed !== false) this.opts.onAnswered?.(entry, req, res.statusCode, started);
    }
  }

  /** Authenticates and checks the entry's scope; null when the realm answered the refusal itself. */
  private async admit(entry: AnyRoute, req: IncomingMessage, res: ServerResponse): Promise<Caller | null> {
    const realm = this.opts.realms[entry.auth ?? 'key']!;
    try {
      const caller = await realm.authenticate(req);
      const scope = entry.scope as RouteScope;
      if (typeof scope !== 'string' && !scope.some((s) => realm.holds(caller.principal, s)))
        throw new WardenError('WARDEN_SCOPE_DENIED', { scope: scope.join(' or ') });
      return caller;
    } catch (err) {
      if (isWardenError(err) && realm.refuse?.(req, res, err)) return null;
      throw err;
    }
  }

  private miss(res: ServerResponse, method: string, url: string, badUrl: boolean): void {
    const q = url.indexOf('?');
    const path = (q < 0 ? url : url.slice(0, q)).slice(0, 100);
    const allow = badUrl ? [] : this.allowed(url);
    const requestId = randomUUID();
    if (badUrl)
      sendError(
        res,
        new WardenError('WARDEN_BAD_REQUEST', { detail: 'malformed percent-escape in the path' }),
        requestId,
      );
    else if (allow.length > 0)
      sendError(res, new WardenError('WARDEN_METHOD_NOT_ALLOWED', { method, path }), requestId, {
        allow: allow.join(', '),
      });
    else sendError(res, new WardenError('WARDEN_NOT_FOUND', { method, path }), requestId);
  }

  /** The methods declared for a path (the Allow header of a 405). */
  allowed(url: string): HttpMethod[] {
    return [...this.methods].filter((m) => {
      const f = this.router.find(m, url);
      return f !== null && f.store !== null;
    });
  }
}

function noop(): void {}
