// Benchmark: start-to-output time of a Python and a Node one-liner in the sandbox backends versus run natively.
// Variants alternate run by run; p50/p99 over BENCH_RUNS (50); last stdout line is one JSON object.
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { BwrapSandbox, findBwrap, interpreters } from '../src/agents/sandbox/bwrap.js';
import { findRunsc, RunscSandbox } from '../src/agents/sandbox/runsc.js';
import type { SandboxBackend, SandboxLanguage } from '../src/agents/sandbox/types.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 3;
const oneLiner: Record<'python' | 'node', string> = { python: 'print(1)', node: 'console.log(1)' };

/** Native baseline: the same interpreter and one-liner, spawned directly, timed until its output has arrived. */
function native(cmd: string, args: string[]): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    // Empty environment, as the sandbox has: no NODE_OPTIONS or PYTHON* variables skew the baseline.
    const child = spawn(cmd, args, { env: {}, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('close', (code) => {
      if (code !== 0 || out.trim() !== '1') reject(new Error(`${cmd} failed: ${code} ${out}`));
      else resolve(performance.now() - t0);
    });
  });
}

async function sandboxed(backend: SandboxBackend, lang: SandboxLanguage): Promise<number> {
  const t0 = performance.now();
  const r = await backend.run({
    lang,
    code: oneLiner[lang as 'python' | 'node'],
    timeoutMs: 10_000,
    memoryMb: 256,
    maxOutputBytes: 4096,
  });
  if (r.exitCode !== 0 || r.stdout.trim() !== '1')
    throw new Error(`${backend.id} ${lang} failed: ${r.stderr}`);
  return performance.now() - t0;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};

async function main() {
  const loadBefore = Math.round(loadavg()[0]! * 100) / 100;
  if (!findBwrap()) throw new Error('bubblewrap is not installed: apt-get install bubblewrap');
  const py = interpreters().python.path;
  const node = interpreters().node.path;
  const bwrapCg = new BwrapSandbox();
  const bwrapNoCg = new BwrapSandbox({ cgroups: 'off' });
  const variants: Record<string, () => Promise<number>> = {
    'python.native': () => native(py, ['-c', oneLiner.python]),
    'python.native_isolated_flags': () => native(py, ['-I', '-S', '-B', '-c', oneLiner.python]),
    'python.bwrap': () => sandboxed(bwrapCg, 'python'),
    'python.bwrap_no_cgroup': () => sandboxed(bwrapNoCg, 'python'),
    'node.native': () => native(node, ['-e', oneLiner.node]),
    'node.bwrap': () => sandboxed(bwrapCg, 'node'),
  };
  const runsc = findRunsc() && process.getuid?.() === 0 ? new RunscSandbox() : undefined;
  if (runsc) {
    variants['python.runsc'] = () => sandboxed(runsc, 'python');
    variants['node.runsc'] = () => sandboxed(runsc, 'node');
  }
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const [name, fn] of Object.entries(variants)) {
      const ms = await fn();
      if (i >= WARMUP) samples[name]!.push(ms);
    }
  }
  const results: Record<string, { p50: number; p99: number }> = {};
  for (const [name, xs] of Object.entries(samples)) {
    results[name] = { p50: pct(xs, 50), p99: pct(xs, 99) };
    console.log(
      `${name.padEnd(32)} p50 ${String(results[name].p50).padStart(7)} ms   p99 ${results[name].p99} ms`,
    );
  }
  const target = 80;
  console.log(
    JSON.stringify({
      bench: 'sandbox',
      runs: RUNS,
      unit: 'ms',
      measure:
        'end to end: from run() to the result with the program output (includes cgroup setup and teardown)',
      cgroups: bwrapCg.cgroupStatus(),
      runsc: runsc ? 'measured' : 'absent',
      // Other work on the machine skews every figure; the 1-minute load average before and after says how much.
      loadAverage: { before: loadBefore, after: Math.round(loadavg()[0]! * 100) / 100, cpus: cpus().length },
      results,
      pythonTargetP50Ms: target,
      pythonTargetMet: (results['python.bwrap']?.p50 ?? Number.POSITIVE_INFINITY) < target,
    }),
  );
}

main().catch((err) => {
  console.error(`bench:sandbox: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
