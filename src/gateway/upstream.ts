// Clients for the configured upstreams: keep-alive pools, model routing by glob, timeouts mapped to Warden errors.

import type { Dispatcher } from 'undici';
import { Pool, errors as undiciErrors } from 'undici';
import type { UpstreamConfig } from '../config/schema.js';
import { WardenError } from '../core/errors.js';
import { globToRegExp } from '../core/glob.js';
import type { RequestCancel } from './cancel.js';

/** What error mapping reads from a request's cancellation: an AbortSignal or a RequestCancel. */
export interface Cancellation {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

export interface UpstreamResponse {
  statusCode: number;
  headers: Dispatcher.ResponseData['headers'];
  body: Dispatcher.ResponseData['body'];
}

export class Upstream {
  readonly name: string;
  readonly pathPrefix: string;
  /** host:port of the upstream, for traces. */
  readonly host: string;
  readonly literalModels: readonly string[];
  private readonly patterns: readonly RegExp[];
  private readonly pool: Pool;
  private readonly authHeader: string | undefined;

  constructor(
    readonly config: UpstreamConfig,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.name = config.name;
    const url = new URL(config.baseUrl);
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.host = url.host;
    this.patterns = config.models.map(globToRegExp);
    this.literalModels = config.models.filter((m) => !/[*?]/.test(m));
    const key = config.apiKeyEnv ? env[config.apiKeyEnv] : undefined;
    if (config.apiKeyEnv && !key) {
      throw new Error(`upstream '${config.name}': environment variable ${config.apiKeyEnv} is not set`);
    }
    this.authHeader = key ? `Bearer ${key}` : undefined;
    this.pool = new Pool(url.origin, {
      connections: config.connections,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      connect: { timeout: config.timeouts.connectMs },
      headersTimeout: config.timeouts.firstByteMs,
      bodyTimeout: config.timeouts.idleMs,
    });
  }

  /** The secret this upstream holds, so output guards can look for it; never logged. */
  secret(): string | undefined {
    return this.authHeader?.slice('Bearer '.length);
  }

  serves(model: string): boolean {
    return this.patterns.some((p) => p.test(model));
  }

  async request(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    signal: AbortSignal | RequestCancel,
    requestId: string,
    traceHeaders?: Record<string, string>,
  ): Promise<UpstreamResponse> {
    const headers: Record<string, string> = {
      ...traceHeaders,
      accept: 'application/json, text/event-stream',
      'x-request-id': requestId,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.authHeader) headers.authorization = this.authHeader;
    try {
      return await this.pool.request({ method, path: this.pathPrefix + path, headers, body, signal });
    } catch (err) {
      throw this.mapError(err, signal, 'request');
    }
  }

  /** Turns an undici or socket failure into the Warden error a client sees. */
  mapError(err: unknown, signal?: Cancellation, stage: 'request' | 'body' = 'body'): WardenError {
    if (err instanceof WardenError) return err;
    const upstream = this.name;
    if (signal?.aborted && signal.reason instanceof WardenError) return signal.reason;
    if (err instanceof undiciErrors.ConnectTimeoutError) {
      return new WardenError('WARDEN_UPSTREAM_TIMEOUT', { upstream, phase: 'connect' }, { cause: err });
    }
    if (err instanceof undiciErrors.HeadersTimeoutError) {
      return new WardenError('WARDEN_UPSTREAM_TIMEOUT', { upstream, phase: 'first byte' }, { cause: err });
    }
    if (err instanceof undiciErrors.BodyTimeoutError) {
      return new WardenError(
        'WARDEN_UPSTREAM_TIMEOUT',
        { upstream, phase: 'idle between chunks' },
        { cause: err },
      );
    }
    const code = (err as { code?: string }).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ECONNRESET') {
      return new WardenError('WARDEN_UPSTREAM_UNAVAILABLE', { upstream }, { cause: err });
    }
    if (err instanceof undiciErrors.SocketError || code === 'UND_ERR_SOCKET') {
      // A socket closed before the response began means the upstream is not serving; after, the answer broke off.
      const code2 = stage === 'request' ? 'WARDEN_UPSTREAM_UNAVAILABLE' : 'WARDEN_UPSTREAM_STREAM_ABORTED';
      return new WardenError(code2, { upstream }, { cause: err });
    }
    if (err instanceof undiciErrors.ResponseExceededMaxSizeError) {
      return new WardenError('WARDEN_UPSTREAM_BAD_RESPONSE', { upstream }, { cause: err });
    }
    return new WardenError('WARDEN_UPSTREAM_UNAVAILABLE', { upstream }, { cause: err });
  }

  async close(): Promise<void> {
    await this.pool.close().catch(() => this.pool.destroy());
  }
}

export class UpstreamRouter {
  readonly upstreams: Upstream[];

  constructor(configs: readonly UpstreamConfig[], env: NodeJS.ProcessEnv = process.env) {
    this.upstreams = configs.map((c) => new Upstream(c, env));
  }

  route(model: string): Upstream | undefined {
    return this.upstreams.find((u) => u.serves(model));
  }

  secrets(): string[] {
    return this.upstreams.map((u) => u.secret()).filter((s): s is string => Boolean(s));
  }

  async close(): Promise<void> {
    await Promise.all(this.upstreams.map((u) => u.close()));
  }
}
