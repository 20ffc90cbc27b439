// `npm run bench:classifier`: the injection cascade with the repo's tiny test classifier against the lexical
// detector alone: p50/p99 of the guard per request at 1 KB and 20 KB (a user turn, an untrusted tool result),
// the share of DEV-EVAL benign requests that reach the model and the latency the model stage adds to them.
// Needs ../shared/datasets (or WARDEN_DATASETS) for the DEV-EVAL part, skipped with a message without it.
// Prints one JSON object as its last line.
import { resolve } from 'node:path';
import { pino } from 'pino';
import { readRows, repoRoot } from '../scripts/datasets.js';
import type { GuardContext } from '../src/core/context.js';
import type { Decision } from '../src/core/decision.js';
import type { Guard } from '../src/core/guard.js';
import { injectionGuard } from '../src/guards/input/injection/index.js';

const TINY = resolve(repoRoot, 'test/fixtures/tiny-classifier');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const BENIGN_FILES = [
  'injecguard-notinject/notinject_benign_trigger_words.jsonl',
  'injecguard-notinject/wildguard_benign.jsonl',
  'xstest/xstest_safe_prompts.jsonl',
  'purplellama-cyberseceval/cyberseceval_frr_benign_borderline.jsonl',
  'spikee/spikee_false_positive_check.jsonl',
  'arena-hard-auto/arena_hard_prompts.jsonl',
];
const log = pino({ level: 'silent' });
const env = { log, dataDir: '/tmp', secrets: [] };

function guard(classifier?: Record<string, unknown>): Guard {
  const opts = injectionGuard.options.parse(
    classifier
      ? { classifier: { path: TINY, injectionLabels: ['LABEL_1'], deadlineMs: 30_000, ...classifier } }
      : {},
  );
  return injectionGuard.create(opts, { id: 'injection', phase: 'request', failMode: 'closed' }, env);
}

function ctx(text: string, role: 'user' | 'tool' = 'user'): GuardContext {
  const messages =
    role === 'user'
      ? [{ role: 'user', content: text }]
      : [
          { role: 'user', content: 'Summarise the page.' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'fetch', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'c', content: text },
        ];
  return {
    requestId: 'bench',
    route: 'chat',
    principal: { id: 'bench', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: { model: 'm', messages },
    state: new Map(),
    log,
  };
}

async function time(g: Guard, text: string, role: 'user' | 'tool'): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await g.check(ctx(text, role), new AbortController().signal);
    out.push(performance.now() - t0);
  }
  return out;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 1000) / 1000;
};

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function summary(lex: number[], cas: number[]) {
  return {
    lexicalOnly: { p50Ms: pct(lex, 50), p99Ms: pct(lex, 99) },
    cascade: { p50Ms: pct(cas, 50), p99Ms: pct(cas, 99) },
    addedP50Ms: round3(pct(cas, 50) - pct(lex, 50)),
    addedP99Ms: round3(pct(cas, 99) - pct(lex, 99)),
  };
}

async function timed(g: Guard, c: GuardContext): Promise<[number, Decision]> {
  const t0 = performance.now();
  const d = await g.check(c, new AbortController().signal);
  return [performance.now() - t0, d];
}

async function main(): Promise<void> {
  const lexical = guard();
  const cascade = guard({ uncertainFrom: 0.2, untrusted: 'always' });
  const sentence =
    'The library will be closed on Monday for maintenance; the reading room reopens on Tuesday at nine. ';
  const kb1 = sentence.repeat(Math.ceil(1024 / sentence.length)).slice(0, 1024);
  const kb20 = sentence.repeat(Math.ceil(20480 / sentence.length)).slice(0, 20480);
  await cascade.check(ctx(kb1, 'tool'), new AbortController().signal); // model load
  // A benign user turn stays with the lexical stage; an untrusted part (a tool result) always reaches the model.
  const latency: Record<string, unknown> = {};
  for (const [name, text] of [
    ['1KB', kb1],
    ['20KB', kb20],
  ] as const) {
    latency[name] = {
      userPart: summary(await time(lexical, text, 'user'), await time(cascade, text, 'user')),
      untrustedPart: summary(await time(lexical, text, 'tool'), await time(cascade, text, 'tool')),
    };
  }
  const reach: Record<string, unknown> = {};
  let skipped: string | undefined;
  const lexAll: number[] = [];
  const casAll: number[] = [];
  let total = 0;
  let reachedAll = 0;
  for (const file of BENIGN_FILES) {
    let rows: { text: string }[];
    try {
      rows = readRows(file);
    } catch (err) {
      skipped = `DEV-EVAL benign files not read (${(err as Error).message.slice(0, 160)})`;
      console.error(`bench:classifier: ${skipped}`);
      break;
    }
    let reached = 0;
    let blockedByModel = 0;
    let blockedByLexical = 0;
    for (const r of rows) {
      const [lexMs] = await timed(lexical, ctx(r.text));
      const [casMs, d] = await timed(cascade, ctx(r.text));
      lexAll.push(lexMs);
      casAll.push(casMs);
      const details = (d.details ?? {}) as { classified?: number; stage?: string };
      const modelSaw = (details.classified ?? 0) > 0;
      if (modelSaw) reached++;
      if (d.action === 'block') {
        if (details.stage === 'classifier') blockedByModel++;
        else blockedByLexical++;
      }
    }
    total += rows.length;
    reachedAll += reached;
    reach[file] = {
      rows: rows.length,
      reachedModel: round3(reached / rows.length),
      blockedByModel: round3(blockedByModel / rows.length),
      blockedByLexical: round3(blockedByLexical / rows.length),
    };
  }
  const result = {
    bench: 'classifier',
    model: 'test/fixtures/tiny-classifier (a test fixture, not a detector)',
    rounds: ROUNDS,
    cascade: { uncertainFrom: 0.2, untrusted: 'always', threshold: 0.5 },
    latency,
    devEvalBenign: skipped
      ? { skipped }
      : {
          requests: total,
          reachedModel: round3(reachedAll / total),
          perRequest: summary(lexAll, casAll),
          files: reach,
        },
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
  };
  await Promise.all([lexical.close?.(), cascade.close?.()]);
  console.log(JSON.stringify(result));
}

await main();
