// Request guard that asks a remote judge (a TEI classifier, an OpenAI-compatible moderations endpoint or a
// chat model with a judge prompt) about every text part in its scope, and blocks what it flags. A judge that
// gives no verdict in time blocks the request (fail closed) unless failOpen is set, which is logged.
import { z } from 'zod';
import { requestTexts } from '../../../core/context.js';
import { allow, block, type Decision } from '../../../core/decision.js';
import { formatMessage } from '../../../core/errors.js';
import { JudgeClient, JudgeError } from '../../../detectors/judge/client.js';
import {
  DEFAULT_ATTACK_LABELS,
  DEFAULT_JUDGE_PROMPT,
  DEFAULT_SAFE_LABELS,
  judgeKinds,
} from '../../../detectors/judge/kinds.js';
import { defineGuardType } from '../../types.js';
import { UNICODE_HIDDEN_STATE } from '../unicode/index.js';

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const options = z
  .object({
    kind: z
      .enum(judgeKinds)
      .describe(
        'tei: a Hugging Face TEI /predict endpoint; moderations: an OpenAI-compatible /v1/moderations; chat: an OpenAI-compatible /v1/chat/completions asked with a judge prompt.',
      ),
    url: z
      .url({ protocol: /^https?$/ })
      .refine((u) => {
        const p = new URL(u);
        return p.username === '' && p.password === '';
      }, 'no credentials in the URL: put them in the environment (apiKeyEnv, headersFromEnv)')
      .describe('The endpoint itself, e.g. http://tei:8080/predict or http://vllm:8000/v1/chat/completions.'),
    model: z
      .string()
      .min(1)
      .optional()
      .describe('Model name sent to a moderations or chat endpoint (required for chat).'),
    apiKeyEnv: z
      .string()
      .regex(ENV_NAME)
      .optional()
      .describe('Environment variable holding a bearer token for the judge (never the token itself).'),
    headersFromEnv: z
      .record(z.string().regex(HEADER_NAME), z.string().regex(ENV_NAME))
      .default({})
      .describe('Extra request headers, each read from the named environment variable at start-up.'),
    timeoutMs: z.number().int().positive().max(60_000).default(1500).describe('Deadline of one judge call.'),
    budgetMs: z
      .number()
      .int()
      .positive()
      .max(120_000)
      .default(3000)
      .describe("Deadline of all of one request's judge calls together; past it the request fails."),
    threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        'Attack score at or above which a text is blocked (TEI scores, moderations category scores).',
      ),
    labels: z
      .array(z.string().min(1).max(64))
      .min(1)
      .optional()
      .describe(
        "What means an attack: TEI labels (needed for LABEL_n models), moderations categories (default: the endpoint's own `flagged`), chat verdict words (default: unsafe, attack, injection, jailbreak...).",
      ),
    safeLabels: z
      .array(z.string().min(1).max(64))
      .min(1)
      .optional()
      .describe('Verdict words (chat) or labels (TEI) that mean safe (default: safe, benign, ...).'),
    cache: z
      .object({
        max: z.number().int().min(0).max(1_000_000).default(10_000).describe('Verdicts kept; 0 disables.'),
        ttlMs: z.number().int().positive().default(600_000).describe('How long a verdict is reused.'),
      })
      .strict()
      .default({ max: 10_000, ttlMs: 600_000 })
      .describe('Verdicts of identical (normalised) texts, keyed by a hash of the text.'),
    failOpen: z
      .boolean()
      .default(false)
      .describe(
        'Allow the request (with a logged warning) when the judge gives no verdict; by default it is blocked (503).',
      ),
    scope: z
      .array(z.enum(['user', 'untrusted', 'system']))
      .min(1)
      .default(['user', 'untrusted'])
      .describe(
        'Parts judged: user turns, untrusted parts (tool results, documents, tool descriptions, extra fields, hidden payloads), caller-supplied system/developer messages.',
      ),
    maxChars: z
      .number()
      .int()
      .min(256)
      .max(200_000)
      .default(8000)
      .describe('Longer texts are judged in pieces of this many characters, a quarter overlapping.'),
    batchSize: z.number().int().min(1).max(128).default(8).describe('Texts per TEI or moderations call.'),
    concurrency: z.number().int().min(1).max(32).default(4).describe('Judge calls in flight per request.'),
    chatPrompt: z
      .enum(['spotlight', 'none'])
      .default('spotlight')
      .describe(
        "spotlight: a judge prompt that frames the text as data between random boundary lines and asks for a JSON verdict; none: the text alone as the user message (a guard model's own chat template, e.g. Llama Guard).",
      ),
    systemPrompt: z
      .string()
      .min(20)
      .optional()
      .describe('Replaces the spotlight judge prompt; {id} stands for the boundary id.'),
    maxTokens: z.number().int().min(1).max(1024).default(64).describe('Tokens a chat judge may answer.'),
  })
  .strict()
  .refine((o) => o.kind !== 'chat' || o.model !== undefined, {
    path: ['model'],
    message: 'a chat judge needs a model',
  });

const TRUST_SCOPE = { user: 'user', untrusted: 'untrusted', 'caller-system': 'system' } as const;
/** Judge-supplied label names shown in reasons only when they look like label names. */
const SAFE_LABEL = /^[\w ./:-]{1,48}$/;
const WORDY = /[\p{L}\p{N}]/u;

interface Part {
  role: string;
  index: number;
  text: string;
}

/** The text a judge sees and the cache key hashes: canonical form, runs of white space as one space. */
export function normaliseForJudge(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

function envHeaders(opts: z.output<typeof options>): Record<string, string> {
  const out: Record<string, string> = {};
  const read = (name: string, what: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`judge: environment variable ${name} (${what}) is not set`);
    return v;
  };
  if (opts.apiKeyEnv) out.authorization = `Bearer ${read(opts.apiKeyEnv, 'apiKeyEnv')}`;
  for (const [header, name] of Object.entries(opts.headersFromEnv))
    out[header.toLowerCase()] = read(name, `header ${header}`);
  return out;
}

export const judgeGuard = defineGuardType({
  name: 'judge',
  description:
    'Asks a remote classifier (TEI, OpenAI-compatible moderations, or a chat judge) about each text part; fails closed.',
  phases: ['request'],
  tags: ['LLM01'],
  options,
  create(opts, settings, env) {
    const failOpen = opts.failOpen || settings.failMode === 'open';
    const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
    const client = new JudgeClient({
      kind: opts.kind,
      ...(opts.model ? { model: opts.model } : {}),
      threshold: opts.threshold,
      attackLabels: lower(opts.labels ?? DEFAULT_ATTACK_LABELS),
      safeLabels: lower(opts.safeLabels ?? DEFAULT_SAFE_LABELS),
      labelsGiven: opts.labels !== undefined,
      ...(opts.chatPrompt === 'spotlight' ? { systemPrompt: opts.systemPrompt ?? DEFAULT_JUDGE_PROMPT } : {}),
      maxTokens: opts.maxTokens,
      url: opts.url,
      headers: envHeaders(opts),
      timeoutMs: opts.timeoutMs,
      batchSize: opts.batchSize,
      concurrency: opts.concurrency,
      cache: opts.cache,
      maxResponseBytes: 1 << 20,
    });
    const scope = new Set<string>(opts.scope);
    const kind = opts.kind;

    function failed(err: unknown): Decision {
      const e = err instanceof JudgeError ? err : new JudgeError('unreachable', 'the judge call failed');
      const reason = `${kind} judge: ${e.message}`;
      const details = { judge: kind, stage: 'judge', failure: e.failure };
      if (failOpen) {
        env.log.warn({ guardId: settings.id, ...details }, 'judge gave no verdict; failed open (failOpen)');
        return allow(settings.id, { status: 'error', reason: `${reason} (failed open)`, details });
      }
      return {
        guardId: settings.id,
        status: 'error',
        action: 'block',
        code: 'WARDEN_JUDGE_UNAVAILABLE',
        httpStatus: 503,
        message: formatMessage('WARDEN_JUDGE_UNAVAILABLE', { guardId: settings.id, reason: e.message }),
        reason,
        details,
      };
    }

    return {
      id: settings.id,
      phase: 'request',
      tags: ['LLM01'],
      failMode: failOpen ? 'open' : settings.failMode,
      // The pipeline's deadline sits above the judge's own budget, which fails with a clearer reason.
      deadlineMs: Math.max(settings.deadlineMs ?? 0, opts.budgetMs + 250),
      close: () => client.close(),
      async check(ctx, signal) {
        const parts: Part[] = [];
        // Pieces overlap by a quarter, so that a passage up to that long is whole in one of them.
        const step = Math.floor((opts.maxChars * 3) / 4);
        const add = (role: string, index: number, text: string) => {
          for (let at = 0; ; at += step) {
            const piece = normaliseForJudge(text.slice(at, at + opts.maxChars));
            // Text without a letter or digit ('{}' arguments) carries no instruction to judge.
            if (WORDY.test(piece)) parts.push({ role, index, text: piece });
            if (at + opts.maxChars >= text.length) break;
          }
        };
        requestTexts(ctx.route, ctx.body).forEach((p, index) => {
          const s = TRUST_SCOPE[p.trust as keyof typeof TRUST_SCOPE];
          // A name of one or two words ('fetch', 'get_weather') carries no instruction for a remote judge to weigh
          // (the local guards score every name); a longer one is judged like the prose it is.
          if (p.identifier && p.text.trim().split(/\s+/).length < 3) return;
          if (s && scope.has(s)) add(p.role, index, p.text);
        });
        const hidden = ctx.state.get(UNICODE_HIDDEN_STATE);
        if (scope.has('untrusted') && Array.isArray(hidden))
          for (const h of hidden) if (typeof h === 'string') add('hidden', -1, h);
        if (parts.length === 0)
          return allow(settings.id, { details: { judge: kind, stage: 'judge', judged: 0 } });
        let outcome: Awaited<ReturnType<JudgeClient['judge']>>;
        try {
          outcome = await client.judge(
            parts.map((p) => p.text),
            opts.budgetMs,
            signal,
          );
        } catch (err) {
          return failed(err);
        }
        const counts = { judged: parts.length, calls: outcome.calls, cached: outcome.cached };
        let worst = -1;
        outcome.verdicts.forEach((v, i) => {
          if (v.attack && (worst < 0 || v.score > outcome.verdicts[worst]!.score)) worst = i;
        });
        const maxScore = Math.max(0, ...outcome.verdicts.map((v) => v.score));
        if (worst < 0)
          return allow(settings.id, { score: maxScore, details: { judge: kind, stage: 'judge', ...counts } });
        const v = outcome.verdicts[worst]!;
        const p = parts[worst]!;
        const label = v.label && SAFE_LABEL.test(v.label) ? v.label : undefined;
        const role = p.role === 'hidden' ? 'hidden Unicode payload' : `${p.role} text`;
        return block(settings.id, {
          reason: `remote judge (${kind}) flagged ${role} (score ${v.score.toFixed(3)}${label ? `, ${label}` : ''})`,
          score: v.score,
          details: {
            judge: kind,
            stage: 'judge',
            role: p.role,
            index: p.index,
            ...(label ? { label } : {}),
            ...counts,
          },
        });
      },
    };
  },
});
