// Mutation testing of the security code (`npm run mutate`): StrykerJS drives node's test runner one test file at a
// time through the tap runner (`--import tsx`), with per-file coverage so each mutant runs only the files that reach it.
// WARDEN_MUTATE_TESTS narrows the test files (comma-separated path substrings) while iterating on one module:
//   WARDEN_MUTATE_TESTS=audit-verify,audit-journal nice npx stryker run --mutate src/store/audit-chain.ts
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The scope of issue 22: the listed security modules plus the complete-mediation modules. */
export const scope = [
  'src/core/pipeline.ts',
  'src/core/stream-window.ts',
  'src/core/request-texts.ts',
  'src/identity/**/*.ts',
  'src/limits/**/*.ts',
  'src/agents/policy.ts',
  'src/agents/approvals/**/*.ts',
  'src/detectors/exfil/**/*.ts',
  'src/detectors/secrets/**/*.ts',
  'src/detectors/unicode/view.ts',
  'src/store/audit-chain.ts',
  'src/gateway/relay-json.ts',
  'src/gateway/relay-stream.ts',
  'src/gateway/surface*.ts',
  '!**/*.test.ts',
];

function testFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) testFiles(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

// Test files that exercise no scoped module (docs, deploy manifests, training data, scanner pacing) only cost time.
const unrelated = [
  'test/deploy.test.ts',
  'test/docs-commands.test.ts',
  'test/injection-training-data.test.ts',
  'test/scan-pacing.test.ts',
  'src/scan/',
  'src/extraction/',
];
// Tests run with logs off, as `node scripts/run-tests.mjs` runs them.
process.env.WARDEN_LOG_LEVEL ??= 'silent';

const narrow = (process.env.WARDEN_MUTATE_TESTS ?? '').split(',').filter(Boolean);
const tests = [...testFiles('src'), ...testFiles('test')]
  .sort()
  .filter((f) =>
    narrow.length > 0 ? narrow.some((n) => f.includes(n)) : !unrelated.some((u) => f.startsWith(u)),
  );

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'tap',
  plugins: ['@stryker-mutator/tap-runner'],
  mutate: scope,
  tap: {
    testFiles: tests,
    // One process per test file, run directly (not under `--test`), so the coverage hook sees the mutated code.
    nodeArgs: [
      '-r',
      '{{hookFile}}',
      '--import',
      'tsx',
      '--test-reporter=tap',
      '--test-force-exit',
      '{{testFile}}',
    ],
    forceBail: true,
  },
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.WARDEN_MUTATE_CONCURRENCY ?? 2),
  timeoutMS: 30_000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
  ignorePatterns: ['reports', 'test-results', '.warden-data', 'dist', '.stryker-tmp'],
  // The sandbox keeps tsconfig.json as it is: Stryker's rewriter needs the TypeScript 5 API, which TypeScript 7 lacks.
  tsconfigFile: 'no-tsconfig-rewrite.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
