// Documents as tool results through the injection guard, with and without the embedded-instruction rules
// (decision 2020): DEV-EVAL bipia test rows (injected and clean contexts), package READMEs from node_modules
// that training never reads (benign documents, many about AI tools), and held-out coverage-corpus documents.
// Usage: tsx scripts/eval-embedded.ts [--readmes 600] [--seed 777]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { GuardContext } from '../src/core/context.js';
import { injectionGuard } from '../src/guards/input/injection/index.js';
import { corpusTexts } from './corpus/index.js';
import { readRows, repoRoot } from './datasets.js';
import { BENIGN_PACKAGES } from './package-benign.js';

const { values } = parseArgs({
  options: { readmes: { type: 'string', default: '600' }, seed: { type: 'string', default: '777' } },
});
const env = { log: pino({ level: 'silent' }), dataDir: '/tmp', secrets: [] };
const make = (o: Record<string, unknown>) =>
  injectionGuard.create(
    injectionGuard.options.parse(o),
    { id: 'injection', phase: 'request', failMode: 'closed' },
    env,
  );
const configs = {
  before: make({ embeddedInstructions: false, addressedThreshold: 1 }),
  after: make({}),
};

function ctx(task: string, text: string): GuardContext {
  return {
    requestId: 'e',
    route: 'chat',
    principal: { id: 'eval', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: {
      model: 'm',
      messages: [
        { role: 'user', content: task },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'fetch_document', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: text },
      ],
    },
    state: new Map(),
    log: env.log,
  };
}

function readmes(max: number): string[] {
  const nm = join(repoRoot, 'node_modules');
  const skip = new Set<string>(BENIGN_PACKAGES);
  const out: string[] = [];
  const visit = (dir: string, name: string) => {
    if (skip.has(name) || out.length >= max) return;
    for (const f of ['README.md', 'readme.md', 'Readme.md']) {
      try {
        out.push(readFileSync(join(dir, f), 'utf8').slice(0, 6000));
        return;
      } catch {}
    }
  };
  for (const e of readdirSync(nm).sort()) {
    if (e.startsWith('.')) continue;
    if (e.startsWith('@'))
      for (const s of readdirSync(join(nm, e)).sort()) visit(join(nm, e, s), `${e}/${s}`);
    else visit(join(nm, e), e);
  }
  return out.filter((t) => t.length > 200);
}

const SUMMARISE = 'Summarise this document for me.';
const bipia = (file: string) => readRows(`bipia/${file}`).filter((r) => r.split === 'test');
const holdout = readFileSync(join(repoRoot, 'eval/embedded-holdout.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { y: 0 | 1; text: string });
const held = corpusTexts(Number(values.seed), 300);
const sets: { name: string; attack: boolean; texts: string[] }[] = [
  {
    name: 'bipia test injections (DEV-EVAL)',
    attack: true,
    texts: bipia('bipia_indirect_injections.jsonl').map((r) => r.text),
  },
  {
    name: 'bipia test clean contexts (DEV-EVAL)',
    attack: false,
    texts: bipia('bipia_clean_contexts.jsonl').map((r) => r.text),
  },
  { name: 'node_modules READMEs (not trained on)', attack: false, texts: readmes(Number(values.readmes)) },
  {
    name: 'eval/embedded-holdout attacks',
    attack: true,
    texts: holdout.filter((r) => r.y === 1).map((r) => r.text),
  },
  {
    name: 'eval/embedded-holdout look-alikes',
    attack: false,
    texts: holdout.filter((r) => r.y === 0).map((r) => r.text),
  },
  {
    name: `corpus indirect-document (seed ${values.seed})`,
    attack: true,
    texts: held.filter((r) => r.family === 'indirect-document').map((r) => r.text),
  },
  {
    name: `corpus hn-doc-with-ai-note (seed ${values.seed})`,
    attack: false,
    texts: held.filter((r) => r.family === 'hn-doc-with-ai-note').map((r) => r.text),
  },
];
const signal = new AbortController().signal;
const summary: Record<string, unknown> = {};
for (const s of sets) {
  const rate: Record<string, number> = {};
  for (const [name, g] of Object.entries(configs)) {
    let blocked = 0;
    for (const t of s.texts) if ((await g.check(ctx(SUMMARISE, t), signal)).action === 'block') blocked++;
    rate[name] = blocked / Math.max(1, s.texts.length);
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(
    `${s.name} n=${s.texts.length} ${s.attack ? 'detected' : 'FPR'}: before ${pct(rate.before!)} after ${pct(rate.after!)}`,
  );
  summary[s.name] = { n: s.texts.length, ...rate };
}
console.log(JSON.stringify(summary));
