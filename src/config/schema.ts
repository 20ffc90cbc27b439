// The configuration schema: one YAML file, validated once at start-up; types and JSON Schema come from here.
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { extractionConfigSchema } from '../extraction/config.js';

const timeouts = z
  .object({
    connectMs: z
      .number()
      .int()
      .positive()
      .default(5_000)
      .describe('TCP/TLS connect timeout to the upstream.'),
    firstByteMs: z
      .number()
      .int()
      .positive()
      .default(60_000)
      .describe('Time allowed until the upstream sends its response headers.'),
    idleMs: z
      .number()
      .int()
      .positive()
      .default(30_000)
      .describe('Longest silence allowed between two chunks of the upstream body.'),
    totalMs: z.number().int().positive().default(600_000).describe('Hard limit on one upstream exchange.'),
  })
  .describe('Upstream timeouts.');

export const upstreamSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'use letters, digits, - and _')
      .describe('Name used in logs, metrics and audit records.'),
    baseUrl: z
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL such as http://127.0.0.1:11434/v1')
      .describe('OpenAI-compatible base URL, including the /v1 suffix (e.g. http://127.0.0.1:11434/v1).'),
    apiKeyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as OPENAI_API_KEY')
      .optional()
      .describe(
        'Name of the environment variable holding the upstream API key. The key itself never goes in config.',
      ),
    models: z
      .array(z.string().min(1))
      .min(1)
      .default(['*'])
      .describe('Model names (globs allowed) routed to this upstream; the first matching upstream wins.'),
    timeouts: timeouts.prefault({}),
    connections: z.number().int().positive().default(128).describe('Keep-alive connections in the pool.'),
    extraParams: z
      .array(z.string().regex(/^[A-Za-z_][\w.-]{0,63}$/, 'a request field name such as guided_json'))
      .default([])
      .describe(
        "Request fields outside the OpenAI API that this upstream accepts (vLLM's guided_json, chat_template_kwargs...); their strings are scored as untrusted text. Any other unknown field is refused with 400 WARDEN_PARAM_UNSUPPORTED.",
      ),
    contentParts: z
      .array(z.enum(['input_audio', 'file']))
      .default([])
      .describe(
        'Content part types Warden cannot read that may still be sent to this upstream, unread (refused by default with 400 WARDEN_CONTENT_PART_UNSUPPORTED).',
      ),
    responses: z
      .enum(['translate', 'passthrough'])
      .optional()
      .describe(
        'How /v1/responses reaches this upstream: translate (to chat completions; the default) or passthrough (the upstream speaks the Responses API; the default for api.openai.com). Guarded the same way in both.',
      ),
    tokenInput: z
      .enum(['refuse', 'decode'])
      .default('refuse')
      .describe(
        'Token-id prompt/input arrays: refuse (400 WARDEN_TOKEN_INPUT_UNSUPPORTED), or decode them with o200k_base so guards read them (only meaningful for models with that tokenizer; a text with invisible characters is then refused, as ids cannot be rewritten).',
      ),
  })
  .describe('An OpenAI-compatible upstream.');

/** Guard CPU off the event loop (decision 1821): the pool for large texts and the per-principal budget. */
const guardCpuSchema = z
  .object({
    offloadAboveChars: z
      .number()
      .int()
      .positive()
      .default(16_384)
      .describe('Texts of at least this many characters are scored in the worker pool; smaller ones inline.'),
    threads: z
      .number()
      .int()
      .min(0)
      .max(64)
      .default(Math.max(1, Math.min(4, availableParallelism() - 1)))
      .describe('Worker threads for detector work; 0 keeps every detector on the event loop (no pool).'),
    maxQueue: z
      .number()
      .int()
      .positive()
      .default(64)
      .describe('Pooled tasks that may wait for a thread; past it the guard fails closed (503).'),
    budgetMs: z
      .number()
      .int()
      .min(0)
      .default(20_000)
      .describe('Detector milliseconds one principal may use per budget window; 0 turns the budget off.'),
    budgetWindowMs: z
      .number()
      .int()
      .positive()
      .default(60_000)
      .describe('Length of the sliding window of the guard CPU budget.'),
  })
  .strict();

const guardEntry = z
  .object({
    use: z.string().min(1).describe('Guard type from the guard registry (see `warden guards list`).'),
    id: z.string().min(1).optional().describe('Instance id; defaults to the type name.'),
    failMode: z
      .enum(['closed', 'open'])
      .optional()
      .describe("'closed' (default) blocks on error or timeout; 'open' allows and logs."),
    deadlineMs: z.number().int().positive().optional().describe('Deadline for this guard.'),
    options: z.record(z.string(), z.unknown()).default({}).describe('Options of this guard type.'),
  })
  .describe('One guard instance.');

export type GuardEntry = z.infer<typeof guardEntry>;

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
const duration = z
  .string()
  .regex(DURATION, 'a duration such as 30s, 1m, 1h or 1d')
  .transform((v) => {
    const m = DURATION.exec(v)!;
    return Math.round(Number(m[1]) * { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[m[2] as 'ms']);
  });

const rate = z
  .object({
    limit: z.number().int().positive().describe('Units (requests or tokens) allowed per window.'),
    window: duration.describe('Window length, e.g. 1m.'),
  })
  .strict()
  .transform((r) => ({ limit: r.limit, windowMs: r.window }));

const limitPolicy = z
  .object({
    requests: rate
      .optional()
      .describe('Requests per window (GCRA: the whole limit may burst, then it refills evenly).'),
    tokens: rate
      .optional()
      .describe('Prompt + completion tokens per window (reserved before the call, settled after).'),
    concurrent: z.number().int().positive().optional().describe('Requests in flight at once.'),
  })
  .strict();

const authSchema = z
  .object({
    mode: z
      .enum(['keys', 'none'])
      .default('keys')
      .describe(
        "'keys': every request needs a Warden API key or a valid JWT. 'none': anonymous access (demo only).",
      ),
    jwt: z
      .object({
        issuer: z.union([z.string(), z.array(z.string()).min(1)]).describe('Accepted issuer(s) (iss).'),
        audience: z.union([z.string(), z.array(z.string()).min(1)]).describe('Accepted audience(s) (aud).'),
        jwksUrl: z
          .url()
          .optional()
          .describe('JWKS URL (cached; refreshed when a token names an unknown kid).'),
        keys: z
          .array(
            z
              .object({
                kid: z.string().optional(),
                pem: z.string().optional().describe('SPKI PEM public key.'),
                jwk: z.record(z.string(), z.unknown()).optional().describe('Public JWK.'),
              })
              .refine((k) => Boolean(k.pem) !== Boolean(k.jwk), 'give exactly one of pem or jwk'),
          )
          .optional()
          .describe('Static public keys, when there is no JWKS URL.'),
        algorithms: z
          .array(
            z.enum([
              'RS256',
              'RS384',
              'RS512',
              'PS256',
              'PS384',
              'PS512',
              'ES256',
              'ES384',
              'ES512',
              'EdDSA',
            ]),
          )
          .min(1)
          .default(['RS256', 'PS256', 'ES256', 'EdDSA'])
          .describe('Allowed algorithms; never none, never HMAC (no algorithm confusion).'),
        clockToleranceSec: z
          .number()
          .int()
          .min(0)
          .max(300)
          .default(30)
          .describe('Clock skew allowed for exp/nbf/iat.'),
        claims: z
          .object({
            principal: z.string().default('sub'),
            tenant: z.string().optional(),
            scopes: z.string().default('scope'),
            models: z.string().optional(),
          })
          .prefault({})
          .describe('Which claims carry the principal, tenant, scopes and model allow-list.'),
        models: z
          .array(z.string())
          .min(1)
          .describe('Model globs allowed when a token carries no models claim.'),
        defaultScopes: z
          .array(z.string())
          .default(['chat', 'completions', 'embeddings', 'models'])
          .describe('Scopes when a token carries no scopes claim.'),
      })
      .strict()
      .refine((j) => Boolean(j.jwksUrl) || (j.keys?.length ?? 0) > 0, 'give jwksUrl or keys')
      .optional()
      .describe('JWT / OIDC bearer tokens.'),
    failureThrottle: rate
      .prefault({ limit: 30, window: '1m' })
      .describe(
        'Failed authentications allowed per client address (GCRA: the whole limit may burst); past it, every attempt from the address gets 429 WARDEN_AUTH_THROTTLED with retry-after.',
      ),
  })
  .strict();

const limitsSchema = z
  .object({
    store: z
      .enum(['memory', 'sqlite', 'redis'])
      .optional()
      .describe(
        "Where limit state lives: 'memory' (one process; windows restart with it), 'sqlite' (processes on one host, survives restarts), 'redis' (replicas). Default: 'redis' when redis.url is set, else 'memory'.",
      ),
    principal: limitPolicy
      .prefault({ requests: { limit: 600, window: '1m' }, concurrent: 64 })
      .describe('Limits per principal (API key lineage or JWT subject).'),
    tenant: limitPolicy.prefault({}).describe('Limits per tenant.'),
    overrides: z
      .record(z.string(), limitPolicy)
      .default({})
      .describe("Per-principal replacements of the defaults, keyed by principal id or 'tenant:<id>'."),
    defaultCompletionTokens: z
      .number()
      .int()
      .positive()
      .default(1024)
      .describe('Completion tokens reserved (and set as max_tokens) when a request names no maximum.'),
    failMode: z.enum(['closed']).default('closed').describe('A store outage refuses requests (503).'),
  })
  .strict();

export const configSchema = z
  .object({
    server: z
      .object({
        host: z.string().default('127.0.0.1').describe('Address to listen on.'),
        port: z
          .number()
          .int()
          .min(0)
          .max(65535)
          .default(8080)
          .describe('Port to listen on (0 = any free port).'),
        maxBodyBytes: z
          .number()
          .int()
          .positive()
          .default(4 * 1024 * 1024)
          .describe('Largest request body accepted.'),
        requestTimeoutMs: z
          .number()
          .int()
          .positive()
          .default(30_000)
          .describe('Time allowed to receive a whole request body.'),
        headersTimeoutMs: z
          .number()
          .int()
          .positive()
          .default(10_000)
          .describe('Time allowed to receive request headers (slow-loris).'),
        keepAliveTimeoutMs: z.number().int().positive().default(5_000).describe('Idle keep-alive timeout.'),
        maxHeaderBytes: z
          .number()
          .int()
          .min(1024)
          .max(1024 * 1024)
          .default(16 * 1024)
          .describe('Largest request header block (431 beyond).'),
        maxHeadersCount: z.number().int().min(8).max(2000).default(100).describe('Most request headers.'),
        maxConnections: z
          .number()
          .int()
          .positive()
          .default(4096)
          .describe(
            'Most open client connections; when full, the oldest connection still sending its request head is dropped, else the new one is refused.',
          ),
        maxConnectionsPerAddress: z
          .number()
          .int()
          .positive()
          .default(256)
          .describe('Most open connections from one client address.'),
        maxPendingHeadersPerAddress: z
          .number()
          .int()
          .positive()
          .default(128)
          .describe(
            'Most connections from one client address that have not yet sent a whole request head (a burst of new connections counts too).',
          ),
        maxJsonDepth: z
          .number()
          .int()
          .min(4)
          .max(1000)
          .default(64)
          .describe('Deepest JSON nesting in a request body.'),
        drainMs: z
          .number()
          .int()
          .positive()
          .default(10_000)
          .describe(
            'On SIGTERM: how long in-flight requests and streams may run before connections are cut.',
          ),
      })
      .prefault({})
      .describe('HTTP server.'),
    dataDir: z.string().default('.warden-data').describe('Directory for the embedded SQLite state.'),
    upstreams: z.array(upstreamSchema).min(1).describe('Upstreams, tried in order for model routing.'),
    guards: z
      .object({
        deadlineMs: z.number().int().positive().default(250).describe('Default per-guard deadline.'),
        request: z
          .array(guardEntry)
          .default([])
          .describe('Guards run on the request before the upstream sees it.'),
        response: z.array(guardEntry).default([]).describe('Guards run on the output text, streamed or not.'),
        toolCall: z.array(guardEntry).default([]).describe('Guards run on tool calls the model emits.'),
        cpu: guardCpuSchema
          .prefault({})
          .describe('Where detector work runs, and the per-principal budget for it.'),
      })
      .prefault({})
      .describe('The guard pipeline.'),
    auth: authSchema.prefault({}).describe('Identity: API keys and JWT/OIDC.'),
    limits: limitsSchema.prefault({}).describe('Rate limits and token quotas.'),
    redis: z
      .object({
        url: z
          .string()
          .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
          .describe('Redis URL.'),
      })
      .strict()
      .optional()
      .describe('Shared Redis for replicas (limits, bans, extraction statistics).'),
    extraction: extractionConfigSchema
      .extend({
        enabled: z
          .boolean()
          .default(true)
          .describe('Watch each principal for model extraction (off the request path).'),
        worker: z
          .boolean()
          .default(true)
          .describe(
            'Embed and score in a worker thread, so the gateway event loop only buffers observations (one message per batch window).',
          ),
      })
      .prefault({})
      .describe('Model-extraction detection.'),
    metrics: z
      .object({
        scope: z
          .string()
          .regex(/^[a-z]+$/)
          .optional()
          .describe(
            "Scope a credential needs to read /metrics (e.g. 'metrics'); unset: /metrics is open to whoever reaches the port.",
          ),
      })
      .strict()
      .prefault({})
      .describe('Prometheus endpoint.'),
    console: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe('Serve the web console at /admin (needs auth.mode keys).'),
        scansDir: z
          .string()
          .optional()
          .describe('Directory of scan reports shown in the console (default <dataDir>/scans).'),
      })
      .strict()
      .prefault({})
      .describe('Admin web console.'),
    postgres: z
      .object({
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
          .describe('PostgreSQL URL (credentials may come from PGPASSWORD instead of the URL).'),
        poolSize: z.number().int().positive().default(10).describe('Connections per replica.'),
      })
      .strict()
      .optional()
      .describe('Shared PostgreSQL for replicas (API keys, bans, the audit chain, approvals).'),
    stores: z
      .object({
        audit: z
          .enum(['sqlite', 'postgres'])
          .optional()
          .describe("Audit chain: default 'postgres' when postgres.url is set, else 'sqlite'."),
        keys: z
          .enum(['sqlite', 'postgres'])
          .optional()
          .describe("API keys: default 'postgres' when postgres.url is set, else 'sqlite'."),
        bans: z
          .enum(['sqlite', 'redis', 'postgres'])
          .optional()
          .describe(
            "Bans: default 'redis' when redis.url is set, else 'postgres' when postgres.url is set, else 'sqlite'.",
          ),
        extraction: z
          .enum(['sqlite', 'redis'])
          .optional()
          .describe(
            "Extraction statistics per principal: default 'redis' when redis.url is set, else 'sqlite'.",
          ),
      })
      .strict()
      .prefault({})
      .describe('Backend of each store; replicas must share keys, bans and audit (see docs/deploy.md).'),
    audit: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .refine((on) => on, {
            message:
              'the audit cannot be turned off: every exchange is recorded, and one that cannot be recorded fails (docs/lifecycle.md); remove the setting',
          })
          .describe('Always true: one hash-chained audit record per request (false is refused at start-up).'),
        excerpts: z
          .boolean()
          .default(false)
          .describe('Store a short redacted excerpt of the prompt in each record (never the raw text).'),
        groupCommitMs: z
          .number()
          .int()
          .positive()
          .max(60_000)
          .default(20)
          .describe(
            'Longest time an accepted record waits in the local journal before its batch is committed to the chain.',
          ),
      })
      .prefault({})
      .describe('Audit log.'),
    tracing: z
      .object({
        enabled: z
          .boolean()
          .optional()
          .describe(
            'Export OpenTelemetry traces. Unset: only when OTEL_TRACES_EXPORTER=otlp is set (OTEL_SDK_DISABLED=true always turns tracing off).',
          ),
        protocol: z
          .enum(['http/protobuf', 'http/json'])
          .optional()
          .describe('OTLP protocol; default OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL, else http/protobuf.'),
        endpoint: z
          .string()
          .url()
          .optional()
          .describe(
            'Full OTLP traces URL (e.g. http://collector:4318/v1/traces); default OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces.',
          ),
        serviceName: z
          .string()
          .min(1)
          .max(128)
          .default('warden')
          .describe('service.name of the spans; OTEL_SERVICE_NAME overrides it.'),
        sampleRatio: z
          .number()
          .min(0)
          .max(1)
          .default(1)
          .describe("Share of new traces sampled; a caller's sampled traceparent is always followed."),
        exportDelayMs: z
          .number()
          .int()
          .positive()
          .max(60_000)
          .default(2000)
          .describe('Longest time a finished span waits before its batch is exported.'),
      })
      .strict()
      .prefault({})
      .describe('OpenTelemetry traces of every exchange (docs/tracing.md).'),
    logging: z
      .object({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info')
          .describe('pino log level.'),
      })
      .prefault({})
      .describe('Logs (JSON on stdout).'),
    approvals: z
      .object({
        store: z
          .enum(['sqlite', 'memory', 'postgres'])
          .optional()
          .describe(
            "Where approvals live: 'postgres' (shared by replicas; default when postgres.url is set), 'sqlite' (durable, one host; the default otherwise) or 'memory' (tests only).",
          ),
        holdMs: z
          .number()
          .int()
          .min(0)
          .max(600_000)
          .default(30_000)
          .describe(
            'How long the gateway holds a response whose tool calls await approval before answering pending.',
          ),
        keepAliveMs: z
          .number()
          .int()
          .min(100)
          .default(15_000)
          .describe(
            'While a streamed response is held, an SSE comment is sent this often so the stream does not look idle.',
          ),
        pollMs: z
          .number()
          .int()
          .positive()
          .default(500)
          .describe('Store polling interval while holding, to see decisions made on another replica.'),
        maxPendingPerPrincipal: z
          .number()
          .int()
          .positive()
          .default(50)
          .describe(
            'Most approvals one principal may have pending; more are refused (429), so approvers cannot be flooded.',
          ),
        ttl: duration
          .default(15 * 60_000)
          .describe('Lifetime of a pending approval, e.g. 15m; past it the approval is expired (denied).'),
        redeemWithin: duration
          .default(10 * 60_000)
          .describe('Time an approved call may be redeemed by resubmitting with x-warden-approval-id.'),
        webhook: z
          .object({
            url: z
              .url()
              .optional()
              .describe('URL that receives a POST (JSON, no arguments, no secrets) per new approval.'),
            urlEnv: z
              .string()
              .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as WARDEN_APPROVAL_WEBHOOK')
              .optional()
              .describe(
                'Name of the environment variable holding the webhook URL, when the URL itself is a secret.',
              ),
            timeoutMs: z.number().int().positive().default(5_000).describe('Webhook request timeout.'),
          })
          .strict()
          .refine((w) => Boolean(w.url) !== Boolean(w.urlEnv), 'give exactly one of url or urlEnv')
          .optional()
          .describe('Notification of new approvals; failures are logged and never block the gateway.'),
      })
      .strict()
      .prefault({})
      .describe('Human approval of tool calls (see docs/agents.md).'),
    mcp: z
      .object({
        servers: z
          .array(
            z
              .object({
                name: z
                  .string()
                  .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'use letters, digits, - and _')
                  .describe('Served at /mcp/<name>; tool policies see the route as mcp:<name>.'),
                url: z.url().describe('Streamable HTTP endpoint of the upstream MCP server.'),
                apiKeyEnv: z
                  .string()
                  .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as MCP_FILES_TOKEN')
                  .optional()
                  .describe(
                    'Environment variable holding a bearer token Warden sends to the upstream MCP server.',
                  ),
                scope: z
                  .string()
                  .default('chat')
                  .describe('Scope a principal needs to use this MCP server through Warden.'),
              })
              .strict(),
          )
          .default([])
          .describe('Upstream MCP servers Warden fronts.'),
      })
      .strict()
      .prefault({})
      .describe('MCP fronting: tool policy and approvals applied to tools/call (see docs/agents.md).'),
    streaming: z
      .object({
        requestUsage: z
          .boolean()
          .default(true)
          .describe(
            'Ask streaming upstreams for a final usage chunk (stream_options.include_usage) to settle token quotas.',
          ),
        maxHoldBackChars: z
          .number()
          .int()
          .positive()
          .default(4096)
          .describe('Upper bound on the response hold-back window, whatever the guards ask for.'),
      })
      .prefault({})
      .describe('Streaming.'),
    responses: z
      .object({
        store: z
          .enum(['off', 'sqlite'])
          .default('off')
          .describe(
            'Where Responses API answers are kept for previous_response_id and GET /v1/responses/{id} (the SQLite state DB); off refuses both with a 400.',
          ),
        retention: duration
          .refine((ms) => ms > 0, 'a positive duration')
          .default(30 * 86_400_000)
          .describe(
            'How long a stored response is kept, e.g. 30d; an older one is not served and its row is deleted.',
          ),
      })
      .prefault({})
      .describe('The Responses API (translated to chat completions).'),
  })
  .strict()
  .refine((c) => c.limits.store !== 'redis' || c.redis !== undefined, {
    message: "limits.store is 'redis' but no redis.url is configured",
    path: ['limits', 'store'],
  })
  .refine((c) => c.stores.bans !== 'redis' || c.redis !== undefined, {
    message: "stores.bans is 'redis' but no redis.url is configured",
    path: ['stores', 'bans'],
  })
  .refine((c) => c.stores.extraction !== 'redis' || c.redis !== undefined, {
    message: "stores.extraction is 'redis' but no redis.url is configured",
    path: ['stores', 'extraction'],
  })
  .refine((c) => c.approvals.store !== 'postgres' || c.postgres !== undefined, {
    message: "approvals.store is 'postgres' but no postgres.url is configured",
    path: ['approvals', 'store'],
  })
  .refine(
    (c) =>
      c.postgres !== undefined ||
      (c.stores.audit !== 'postgres' && c.stores.keys !== 'postgres' && c.stores.bans !== 'postgres'),
    { message: "a store is 'postgres' but no postgres.url is configured", path: ['stores'] },
  )
  .describe('Warden configuration.');

export type WardenConfig = z.infer<typeof configSchema>;
export type AuthConfig = z.infer<typeof authSchema>;
export type LimitsConfig = z.infer<typeof limitsSchema>;
export type UpstreamConfig = z.infer<typeof upstreamSchema>;
export type ConfigInput = z.input<typeof configSchema>;
