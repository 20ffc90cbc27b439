// The configuration schema: one YAML file, validated once at start-up; types and JSON Schema come from here.
import { z } from 'zod';

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
  })
  .describe('An OpenAI-compatible upstream.');

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
      })
      .prefault({})
      .describe('The guard pipeline.'),
    audit: z
      .object({
        enabled: z.boolean().default(true).describe('Write one hash-chained audit record per request.'),
        excerpts: z
          .boolean()
          .default(false)
          .describe('Store a short redacted excerpt of the prompt in each record (never the raw text).'),
      })
      .prefault({})
      .describe('Audit log.'),
    logging: z
      .object({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info')
          .describe('pino log level.'),
      })
      .prefault({})
      .describe('Logs (JSON on stdout).'),
    streaming: z
      .object({
        maxHoldBackChars: z
          .number()
          .int()
          .positive()
          .default(4096)
          .describe('Upper bound on the response hold-back window, whatever the guards ask for.'),
      })
      .prefault({})
      .describe('Streaming.'),
  })
  .strict()
  .describe('Warden configuration.');

export type WardenConfig = z.infer<typeof configSchema>;
export type UpstreamConfig = z.infer<typeof upstreamSchema>;
export type ConfigInput = z.input<typeof configSchema>;
