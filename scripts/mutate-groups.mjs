// `npm run mutate:groups [name...]`: the mutation scope of `npm run mutate`, one group of modules at a time, each
// with the test files that reach it (WARDEN_MUTATE_TESTS), so that every finished group leaves its report
// (reports/mutation/GROUP.json) even when the whole scope does not fit in one sitting. Scores are a lower bound:
// a test outside a group's list could kill more of its mutants. Concurrency: WARDEN_MUTATE_CONCURRENCY (1).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { scope } from '../stryker.config.mjs';

/** Group name, the files it mutates, and path substrings of the test files that exercise them. */
const GROUPS = [
  ['limits', 'src/limits/**/*.ts', 'src/limits/,request-limits,limits-redis'],
  ['audit', 'src/store/audit-chain.ts', 'audit-chain,audit-verify,audit-journal,audit-faults'],
  [
    'core',
    'src/core/pipeline.ts,src/core/stream-window.ts,src/core/request-texts.ts',
    'src/core/,stream-endings,request-surface',
  ],
  [
    'agents',
    'src/agents/policy.ts,src/agents/approvals/**/*.ts',
    'src/agents/policy,src/agents/approvals/,approvals,tool-policy,tool-binding,src/agents/arguments,src/agents/tool-names',
  ],
  [
    'identity',
    'src/identity/**/*.ts',
    'src/identity/,identity.e2e,scopes.e2e,admin-controls,console-sessions,store/sqlite/identity',
  ],
  [
    'gateway',
    'src/gateway/relay-json.ts,src/gateway/relay-stream.ts,src/gateway/surface*.ts',
    'src/gateway/relay,src/gateway/surface,mediation-response,responses-mediation,stream-endings',
  ],
  ['exfil', 'src/detectors/exfil/**/*.ts', 'src/detectors/exfil/,src/guards/output/exfiltration'],
  ['secrets', 'src/detectors/secrets/**/*.ts', 'src/detectors/secrets/,src/guards/output/secrets'],
  ['view', 'src/detectors/unicode/view.ts', 'src/detectors/unicode/,normalised-view'],
];

// The groups are the scope of stryker.config.mjs cut in pieces: every pattern of it in one group, nothing else.
const grouped = GROUPS.flatMap(([, mutate]) => mutate.split(','));
const included = scope.filter((p) => !p.startsWith('!'));
const excluded = scope.filter((p) => p.startsWith('!'));
if (grouped.length !== new Set(grouped).size || grouped.sort().join() !== [...included].sort().join()) {
  console.error(
    'mutate:groups: the groups do not cover the scope of stryker.config.mjs exactly; update GROUPS',
  );
  process.exit(2);
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !GROUPS.some(([name]) => name === w));
if (unknown.length > 0) {
  console.error(
    `mutate:groups: unknown group ${unknown.join(', ')}; groups: ${GROUPS.map(([n]) => n).join(', ')}`,
  );
  process.exit(2);
}
mkdirSync('reports/mutation', { recursive: true });
let failed = 0;
for (const [name, mutate, tests] of GROUPS) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`mutate:groups: ${name} (${mutate}) started ${new Date().toISOString()}`);
  const res = spawnSync(
    'npx',
    [
      'stryker',
      'run',
      '--mutate',
      [mutate, ...excluded].join(','),
      '--incrementalFile',
      `reports/mutation/incremental-${name}.json`,
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        WARDEN_MUTATE_TESTS: tests,
        WARDEN_MUTATE_CONCURRENCY: process.env.WARDEN_MUTATE_CONCURRENCY ?? '1',
      },
    },
  );
  if (res.status !== 0) failed++;
  if (existsSync('reports/mutation/mutation.json'))
    copyFileSync('reports/mutation/mutation.json', `reports/mutation/${name}.json`);
  console.log(`mutate:groups: ${name} ended with status ${res.status} ${new Date().toISOString()}`);
}
process.exit(failed > 0 ? 1 : 0);
