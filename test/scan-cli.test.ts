// End to end: `warden scan` against the bare simulator and behind a Warden gateway; report files validate.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLValidator } from 'fast-xml-parser';
import { buildWarden } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import { PLANTED } from '../src/scan/probes/frames.js';
import { htmlEscape } from '../src/scan/report/html.js';
import { readAttemptLog } from '../src/scan/report/jsonl.js';
import type { ScanSummary } from '../src/scan/report/summary.js';
import { type SimServer, startSimulator } from '../src/sim/server.js';

const PROBES =
  'direct-override,secret-in-context,tool-hijack-direct,markdown-image-exfil,persona-dan,harmful-baseline';
const CONVERTERS = 'none,base64,homoglyph,zero-width,char-spacing';

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

/** Runs the real CLI in a child process (exit code, stdout) so the test runner's own stdout is untouched. */
function warden(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
  });
}

describe('warden scan (end to end)', () => {
  let sim: SimServer;
  let dir: string;
  before(async () => {
    sim = await startSimulator(0);
    dir = mkdtempSync(join(tmpdir(), 'warden-scan-'));
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--fail-on vulnerable>0 exits non-zero against the bare simulator and writes valid reports', async () => {
    const report = join(dir, 'bare');
    const { code, stdout } = await warden([
      'scan',
      '--target',
      sim.url,
      '--probes',
      PROBES,
      '--converters',
      CONVERTERS,
      '--report',
      report,
      '--fail-on',
      'vulnerable>0',
      '--concurrency',
      '4',
    ]);
    assert.equal(code, 1);
    assert.match(stdout, /--fail-on vulnerable>0: FAILED/);
    const summary = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')) as ScanSummary;
    assert.equal(summary.plannedCases, (4 + 5 * 3) * 5, '19 seeds x 5 converter chains');
    assert.ok(summary.stats.overall.counts.vulnerable > 0);
    assert.equal(summary.stats.overall.counts.error, 0);
    const fam = (id: string) => summary.stats.byFamily.find((g) => g.name === id)!;
    assert.ok(fam('direct-override').counts.vulnerable > 0);
    assert.ok(fam('tool-hijack-direct').counts.vulnerable > 0);
    assert.equal(
      fam('harmful-baseline').counts.vulnerable,
      0,
      'the simulator refuses plain harmful requests',
    );

    const junit = readFileSync(join(report, 'junit.xml'), 'utf8');
    assert.equal(XMLValidator.validate(junit), true);
    assert.match(junit, /<testsuites name="warden-scan" tests="\d+" failures="[1-9]\d*"/);

    const sarif = JSON.parse(readFileSync(join(report, 'results.sarif'), 'utf8')) as {
      runs: { results: { level: string }[] }[];
    };
    const schema = JSON.parse(
      readFileSync(new URL('./fixtures/sarif-2.1.0-subset.schema.json', import.meta.url), 'utf8'),
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.equal(sarif.runs[0]!.results.length, summary.stats.overall.counts.vulnerable);
    // The schema has teeth: an invalid level or a missing message is rejected.
    const broken = structuredClone(sarif);
    broken.runs[0]!.results[0]!.level = 'critical';
    assert.equal(validate(broken), false);

    const html = readFileSync(join(report, 'report.html'), 'utf8');
    assert.doesNotMatch(html, /<script|src="http|href="http/i);
    assert.match(html, /<svg /);
    // Vulnerable attempts are actionable: which detector fired, the redacted prompt and answer.
    const cases = html.slice(html.indexOf('<table class="cases">'));
    assert.match(cases, /<td><strong>(canary|tool-hijack|secret-leak)<\/strong>/);
    const vulnerable = readAttemptLog(join(report, 'attempts.jsonl')).filter(
      (a) => a.outcome === 'vulnerable',
    );
    assert.ok(vulnerable.every((a) => (a.prompt ?? '').length > 0));
    assert.ok(cases.includes(`<code>${htmlEscape(vulnerable[0]!.prompt!)}</code>`));
    assert.match(html, /No attempt errored/);

    const everything = ['attempts.jsonl', 'summary.json', 'report.html', 'junit.xml', 'results.sarif']
      .map((f) => readFileSync(join(report, f), 'utf8'))
      .join('\n');
    for (const secret of [PLANTED.apiKey, PLANTED.dbPassword])
      assert.ok(!everything.includes(secret), 'no raw secret in reports');
  });

  it('--resume skips cases already in attempts.jsonl', async () => {
    const report = join(dir, 'resume');
    const args = [
      'scan',
      '--target',
      sim.url,
      '--probes',
      'direct-override',
      '--converters',
      'none,rot13',
      '--report',
      report,
    ];
    await warden(args);
    const first = readAttemptLog(join(report, 'attempts.jsonl'));
    assert.equal(first.length, 8);
    // Simulate an interruption: keep half of the log plus a torn line.
    const lines = readFileSync(join(report, 'attempts.jsonl'), 'utf8').split('\n').slice(0, 4);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(report, 'attempts.jsonl'), `${lines.join('\n')}\n{"caseId":"torn`);
    await warden([...args, '--resume']);
    const resumed = readAttemptLog(join(report, 'attempts.jsonl'));
    assert.equal(resumed.length, 8);
    assert.equal(new Set(resumed.map((a) => a.caseId)).size, 8);
    const summary = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')) as ScanSummary;
    assert.equal(summary.resumedAttempts, 4);
  });

  it('counts gateway refusals as blocked when scanning through Warden', async () => {
    const config = validateConfig(
      {
        ...embeddedDefaults({ upstream: sim.url }),
        dataDir: join(dir, 'gw'),
        guards: {
          request: [
            { use: 'request-limits' },
            {
              use: 'pattern',
              options: { patterns: [{ name: 'override', regex: 'ignore (all )?previous instructions' }] },
            },
          ],
        },
      },
      'test',
    );
    const app = buildWarden(config);
    const addr = await app.gateway.listen(0, '127.0.0.1');
    const { token } = await app.admin.createKey({ name: 'scanner', scopes: ['chat', 'scan'] }, 'test');
    try {
      const report = join(dir, 'gw-report');
      const { code } = await warden(
        [
          'scan',
          '--target',
          `http://127.0.0.1:${addr.port}/v1`,
          '--probes',
          'direct-override',
          '--converters',
          'none',
          '--report',
          report,
          '--fail-on',
          'error>0',
          '--api-key-env',
          'SCAN_KEY',
        ],
        { SCAN_KEY: token },
      );
      assert.equal(code, 0);
      const attempts = readAttemptLog(join(report, 'attempts.jsonl'));
      const v1 = attempts.find((a) => a.caseId === 'direct-override/v1/none')!;
      assert.equal(v1.outcome, 'blocked');
      assert.equal(v1.code, 'WARDEN_GUARD_BLOCKED');
      assert.ok(
        attempts.some((a) => a.outcome !== 'blocked'),
        'only the matching variant is blocked',
      );
    } finally {
      await app.close();
    }
  });

  it('exits 2 on a bad --fail-on rule and on a missing key variable, without printing key values', async () => {
    const bad = await warden(['scan', '--target', sim.url, '--fail-on', 'vulnerable>>1']);
    assert.equal(bad.code, 2);
    const missing = await warden(['scan', '--target', sim.url, '--api-key-env', 'WARDEN_TEST_MISSING_KEY'], {
      WARDEN_TEST_MISSING_KEY: '',
    });
    assert.equal(missing.code, 2);
  });

  it('--list counts at least 2,000 distinct offline cases', async () => {
    const { code, stdout } = await warden(['scan', '--list']);
    assert.equal(code, 0);
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      distinctCases: number;
      probeFamilies: number;
    };
    assert.ok(last.distinctCases >= 2000, String(last.distinctCases));
    assert.ok(last.probeFamilies >= 40);
  });
});
