// `warden scan`: red-team an OpenAI-compatible endpoint (a Warden gateway or a bare model) and gate CI on the result.
import { setMaxListeners } from 'node:events';
import type { Command } from 'commander';
import { converters, defaultChains, parseConverterChains } from '../scan/converters/index.js';
import { parseFailRules } from '../scan/fail-on.js';
import { type OrchestratorName, parseOrchestrators } from '../scan/orchestrators/index.js';
import { caseRefs, selectProbes } from '../scan/probes/index.js';
import { progressReporter } from '../scan/progress.js';
import { familyTable } from '../scan/report/summary.js';
import { runScan } from '../scan/scan.js';
import { pct } from '../scan/stats.js';
import { openAIChatTarget } from '../scan/targets/openai.js';

export interface ScanCliOptions {
  target?: string;
  model: string;
  apiKeyEnv?: string;
  probes?: string;
  converters?: string;
  attacker?: string;
  attackerModel: string;
  attackerKeyEnv?: string;
  orchestrators?: string;
  concurrency: string;
  rate?: string;
  report: string;
  failOn?: string;
  resume?: boolean;
  list?: boolean;
  timeout: string;
  stream?: boolean;
  maxErrorShare: string;
}

export function registerScan(program: Command, done: (p: Promise<number>) => void): void {
  program
    .command('scan')
    .description(
      'Red-team an OpenAI-compatible endpoint with probes x converters (+ attacker-LLM orchestrators)',
    )
    .option('--target <url>', 'base URL of the endpoint under test, e.g. http://127.0.0.1:8080/v1')
    .option('--model <name>', 'model name to send', 'warden-sim-1')
    .option('--api-key-env <VAR>', 'environment variable holding the target API key (never printed)')
    .option('--probes <list>', 'probe families or categories, comma separated (default: all)')
    .option(
      '--converters <list>',
      'converter chains, e.g. none,base64,rot13+char-spacing (default: none + each converter)',
    )
    .option(
      '--attacker <url>',
      'OpenAI-compatible attacker endpoint: enables PAIR/TAP/Crescendo and LLM converters',
    )
    .option('--attacker-model <name>', 'attacker model name', 'warden-sim-1')
    .option('--attacker-key-env <VAR>', 'environment variable holding the attacker API key')
    .option(
      '--orchestrators <list>',
      'pair,tap,crescendo,mutation (default: pair,tap,crescendo with --attacker, none otherwise)',
    )
    .option('--concurrency <n>', 'parallel requests', '8')
    .option('--rate <n>', 'maximum requests per second')
    .option(
      '--report <dir>',
      'report directory (attempts.jsonl, summary.json, report.html, junit.xml, results.sarif)',
      'reports/warden-scan',
    )
    .option('--fail-on <rules>', 'exit 1 when a rule holds, e.g. "vulnerable>0" or "family:exfiltration>5%"')
    .option('--resume', 'skip cases already in the report directory attempts.jsonl')
    .option('--list', 'list probes and converters and count the cases, then exit (no target needed)')
    .option('--timeout <ms>', 'per-request timeout', '60000')
    .option('--stream', 'request streamed answers (exercises mid-stream output guards)')
    .option(
      '--max-error-share <share>',
      'exit 1 when more than this share of attempts errored (after 429 retries), e.g. 5% or 0.05',
      '5%',
    )
    .action((opts: ScanCliOptions) => done(scanCommand(opts)));
}

function positive(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number`);
  return n;
}

class UsageError extends Error {}

/** "5%", "0.05" or "5" (percent when above 1) -> 0..1. */
export function parseShare(v: string): number {
  const t = v.trim();
  const pctForm = t.endsWith('%');
  const n = Number(pctForm ? t.slice(0, -1) : t);
  if (t === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError('--max-error-share must be a share like 5% or 0.05');
  const share = pctForm || n > 1 ? n / 100 : n;
  if (share > 1) throw new UsageError('--max-error-share must be at most 100%');
  return share;
}

function keyFrom(envVar: string | undefined): string | undefined {
  if (!envVar) return undefined;
  const v = process.env[envVar];
  if (!v)
    throw new UsageError(`environment variable ${envVar} (from --api-key-env/--attacker-key-env) is not set`);
  return v;
}

function listCases(opts: ScanCliOptions): number {
  const selected = selectProbes(opts.probes);
  const chains = opts.converters ? parseConverterChains(opts.converters) : defaultChains(false);
  let count = 0;
  for (const _ of caseRefs(selected, chains)) count++;
  const out = process.stdout;
  out.write(`probe families (${selected.length}):\n`);
  for (const p of selected)
    out.write(
      `  ${p.id.padEnd(32)} ${p.category.padEnd(22)} ${p.tags.join(',').padEnd(12)} ${p.seeds().length} seeds  ${p.detectors.join(',')}\n`,
    );
  out.write(`converters (${converters.size}; llm ones need --attacker):\n`);
  for (const c of converters.values())
    out.write(`  ${c.id.padEnd(22)} ${c.kind.padEnd(10)} ${c.description}\n`);
  out.write(
    `${JSON.stringify({ probeFamilies: selected.length, seeds: selected.reduce((n, p) => n + p.seeds().length, 0), converterChains: chains.length, distinctCases: count })}\n`,
  );
  return 0;
}

export async function scanCommand(opts: ScanCliOptions): Promise<number> {
  try {
    if (opts.list) return listCases(opts);
    if (!opts.target) throw new UsageError('--target <url> is required (or use --list)');
    parseFailRules(opts.failOn ?? '');
    const concurrency = positive('concurrency', opts.concurrency) ?? 8;
    const rate = positive('rate', opts.rate);
    const timeoutMs = positive('timeout', opts.timeout) ?? 60_000;
    const maxErrorShare = parseShare(opts.maxErrorShare ?? '5%');
    let names: OrchestratorName[] = opts.orchestrators ? parseOrchestrators(opts.orchestrators) : [];
    if (!opts.orchestrators && opts.attacker) names = ['pair', 'tap', 'crescendo'];
    const target = openAIChatTarget({
      baseUrl: opts.target,
      model: opts.model,
      timeoutMs,
      connections: concurrency,
      stream: opts.stream === true,
      ...(opts.apiKeyEnv ? { apiKey: keyFrom(opts.apiKeyEnv) } : {}),
    });
    const attacker = opts.attacker
      ? openAIChatTarget({
          baseUrl: opts.attacker,
          model: opts.attackerModel,
          timeoutMs,
          extraBody: { temperature: 1 },
          ...(opts.attackerKeyEnv ? { apiKey: keyFrom(opts.attackerKeyEnv) } : {}),
        })
      : undefined;
    const abort = new AbortController();
    // Each worker may hold one listener while it waits and one while its request is in flight.
    setMaxListeners(2 * concurrency + 10, abort.signal);
    const onSignal = () => {
      process.stderr.write(
        '\nwarden scan: interrupted; finishing reports (rerun with --resume to continue)\n',
      );
      abort.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const { summary } = await runScan({
        target,
        model: opts.model,
        ...(attacker ? { attacker } : {}),
        ...(opts.probes ? { probes: opts.probes } : {}),
        ...(opts.converters ? { converters: opts.converters } : {}),
        orchestrators: names,
        concurrency,
        ...(rate ? { ratePerSecond: rate } : {}),
        reportDir: opts.report,
        ...(opts.failOn ? { failOn: opts.failOn } : {}),
        resume: opts.resume === true,
        maxErrorShare,
        signal: abort.signal,
        progress: (total) => progressReporter(total),
      });
      const o = summary.stats.overall;
      process.stdout.write(`${familyTable(summary.stats)}\n\n`);
      process.stdout.write(
        `warden scan: ${o.total} attempts against ${summary.target}: ${o.counts.vulnerable} vulnerable, ${o.counts.resisted} resisted, ${o.counts.blocked} blocked, ${o.counts.error} error, ${o.counts.unscorable} unscorable; attack success ${pct(o.attackSuccess.rate)} (95% CI ${pct(o.attackSuccess.low)}-${pct(o.attackSuccess.high)})\n`,
      );
      for (const v of summary.failOn)
        process.stdout.write(
          `warden scan: --fail-on ${v.rule}: ${v.failed ? 'FAILED' : 'passed'} (${v.value})\n`,
        );
      const e = summary.errors;
      if (summary.pacing && summary.pacing.throttled > 0)
        process.stdout.write(
          `warden scan: the target answered 429 ${summary.pacing.throttled} times; paced down to ${summary.pacing.finalRatePerSecond === null ? 'unlimited' : `${summary.pacing.finalRatePerSecond.toFixed(1)}/s`}\n`,
        );
      if (e.count > 0) {
        process.stdout.write(
          `warden scan: ${e.count} attempts errored (${pct(e.share)} of ${o.total}; limit --max-error-share ${pct(e.maxShare)}): ${e.exceeded ? 'FAILED' : 'passed'}\n`,
        );
        for (const c of e.causes.slice(0, 5))
          process.stdout.write(`warden scan:   error cause: ${c.cause} (${c.count})\n`);
        if (e.exceeded)
          process.stdout.write(
            'warden scan: the attack-success figure is not trustworthy with this many errors; fix the cause (a key, limits or --rate) and rerun\n',
          );
      }
      process.stdout.write(`warden scan: reports in ${opts.report}\n`);
      if (summary.interrupted) return 130;
      return summary.failed ? 1 : 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await target.close();
      await attacker?.close();
    }
  } catch (err) {
    if (err instanceof UsageError || (err instanceof Error && /^(unknown|bad) /.test(err.message))) {
      process.stderr.write(`warden scan: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
