// Evaluation of the prompt-leak guard (embedded-default options) on the hand-written corpus of
// bench/lib/leak-corpus.ts: the share of benign answers it would stop, and the share of leaks it catches per
// form, whole and streamed through the hold-back window. Last stdout line is one JSON object.
// Run: node --import tsx bench/prompt-leak.ts
import { pino } from 'pino';
import type { GuardContext, OutputView } from '../src/core/context.js';
import type { Guard } from '../src/core/guard.js';
import { redactExcerpt } from '../src/core/redact.js';
import { OutputWindow } from '../src/core/stream-window.js';
import { buildGuard } from '../src/guards/registry.js';
import { LEAK_CASES, leakForms } from './lib/leak-corpus.js';

const log = pino({ level: 'silent' });
const env = { log, dataDir: '/nonexistent', secrets: [] as string[] };
const guard: Guard = buildGuard({ use: 'prompt-leak', options: {} }, 'response', env, 'guards.response[0]');

function context(system: string): GuardContext {
  return {
    requestId: 'leak-eval',
    route: 'chat',
    principal: { id: 'eval', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: { messages: [{ role: 'system', content: system }] },
    state: new Map(),
    log,
  };
}

function flagsWhole(system: string, text: string): boolean {
  const ctx = context(system);
  ctx.output = { text, pendingStart: 0, final: true, choiceIndex: 0 };
  const d = guard.check(ctx, new AbortController().signal);
  if (d instanceof Promise) throw new Error('prompt-leak is synchronous');
  return d.action !== 'allow';
}

/** Streams `text` in chunks of 7 characters; true when the window blocked or redacted something. */
async function flagsStreamed(system: string, text: string): Promise<{ flagged: boolean; released: string }> {
  const ctx = context(system);
  let flagged = false;
  const run = async (view: OutputView) => {
    ctx.output = view;
    const d = guard.check(ctx, new AbortController().signal) as Awaited<ReturnType<Guard['check']>>;
    if (d.action !== 'allow') flagged = true;
    return { decisions: [d], verdict: d.action === 'block' ? d : undefined } as never;
  };
  const w = new OutputWindow(run, guard.holdBack ?? 160);
  let released = '';
  for (let i = 0; i < text.length; i += 7) {
    const step = await w.push(text.slice(i, i + 7));
    released += step.release;
    if (step.blocked) return { flagged: true, released };
  }
  released += (await w.finish()).release;
  return { flagged, released };
}

async function flaggedShare(pick: (c: (typeof LEAK_CASES)[number]) => string[]) {
  let total = 0;
  let flagged = 0;
  const examples: string[] = [];
  for (const c of LEAK_CASES) {
    for (const a of pick(c)) {
      total++;
      if (flagsWhole(c.system, a) || (await flagsStreamed(c.system, a)).flagged) {
        flagged++;
        examples.push(redactExcerpt(a, 80));
      }
    }
  }
  return { total, flagged, rate: Math.round((flagged / total) * 1000) / 1000, examples };
}

async function main(): Promise<void> {
  const benign = await flaggedShare((c) => c.benign);
  const restatements = await flaggedShare((c) => c.restatements);
  const forms: Record<string, { whole: number; streamed: number; releasedCharsMax: number }> = {};
  for (const [name, form] of Object.entries(leakForms)) {
    let whole = 0;
    let streamed = 0;
    let worst = 0;
    for (const c of LEAK_CASES) {
      const text = form(c.system);
      if (flagsWhole(c.system, text)) whole++;
      const s = await flagsStreamed(c.system, text);
      if (s.flagged) streamed++;
      // How much of the leak reached the client before the guard ended it (in characters).
      worst = Math.max(worst, s.flagged ? s.released.length : text.length);
    }
    forms[name] = {
      whole: whole / LEAK_CASES.length,
      streamed: streamed / LEAK_CASES.length,
      releasedCharsMax: worst,
    };
  }
  const out = {
    bench: 'prompt-leak',
    prompts: LEAK_CASES.length,
    benign,
    restatements,
    recallByForm: forms,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
