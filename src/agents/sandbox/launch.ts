// Starts a sandbox launcher process and enforces the wall clock and output cap on it and its whole tree.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Writable } from 'node:stream';
import type { RunCgroup } from './cgroup.js';
import type { SandboxKill, SandboxResult } from './types.js';

export interface Launch {
  command: string;
  args: readonly string[];
  /** Bytes written to the child's fds 3, 4, ... (bwrap reads seccomp and file contents from them). */
  extraFds: readonly Uint8Array[];
  stdin?: string | Uint8Array | undefined;
  timeoutMs: number;
  maxOutputBytes: number;
  cgroup?: RunCgroup | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The host-side shim every launch goes through: closes inherited descriptors (a non-CLOEXEC fd of the host would
 * otherwise reach the sandbox), joins the run's cgroups before anything forks, then execs with an empty environment.
 */
const SHIM = [
  'keep=$1; n=$2; shift 2',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a template.
  'for f in /proc/self/fd/*; do fd=${f##*/}; if [ "$fd" -ge "$keep" ]; then eval "exec $fd>&-"; fi; done',
  'while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n-1)); done',
  'exec -c "$@"',
].join('\n');

export function withShim(
  cgroup: RunCgroup | undefined,
  extraFdCount: number,
  command: string,
  args: readonly string[],
) {
  const procs = cgroup?.procsFiles ?? [];
  return {
    command: '/usr/bin/bash',
    args: [
      '--noprofile',
      '--norc',
      '-c',
      SHIM,
      'shim',
      String(3 + extraFdCount),
      String(procs.length),
      ...procs,
      command,
      ...args,
    ],
  };
}

export function launch(opts: Launch): Promise<SandboxResult> {
  const started = performance.now();
  const { command, args } = withShim(opts.cgroup, opts.extraFds.length, opts.command, opts.args);
  const child = spawn(command, args, {
    // Empty environment: whatever becomes PID 1 in the sandbox exposes its environ in /proc/1/environ.
    env: {},
    cwd: '/',
    detached: true,
    stdio: [
      opts.stdin === undefined ? 'ignore' : 'pipe',
      'pipe',
      'pipe',
      ...opts.extraFds.map(() => 'pipe' as const),
    ],
  });

  return new Promise<SandboxResult>((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let kept = 0;
    let truncated = false;
    let killedBy: SandboxKill | undefined;
    let settled = false;

    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    let fallback: NodeJS.Timeout | undefined;
    const killTree = (why: SandboxKill | undefined) => {
      if (why && !killedBy) killedBy = why;
      if (!opts.cgroup) return killGroup();
      // Kill the sandbox from the inside out so the launcher reaps its children (no orphans left to init).
      opts.cgroup.killAll(child.pid);
      fallback ??= setTimeout(killGroup, 250);
    };

    const collect = (sink: Buffer[]) => (chunk: Buffer) => {
      if (truncated) return;
      const room = opts.maxOutputBytes - kept;
      if (chunk.length > room) {
        sink.push(chunk.subarray(0, room));
        kept = opts.maxOutputBytes;
        truncated = true;
        killTree('output-cap');
        return;
      }
      sink.push(chunk);
      kept += chunk.length;
    };
    child.stdout?.on('data', collect(out));
    child.stderr?.on('data', collect(err));

    const feed = (stream: Writable | null | undefined, data: string | Uint8Array) => {
      if (!stream) return;
      // The program may exit without reading its input: a broken pipe here is not an error.
      stream.on('error', () => {});
      stream.end(data);
    };
    if (opts.stdin !== undefined) feed(child.stdin, opts.stdin);
    opts.extraFds.forEach((data, i) => {
      feed(child.stdio[3 + i] as Writable | null, data);
    });

    const timer = setTimeout(() => killTree('timeout'), opts.timeoutMs);
    const onAbort = () => killTree(undefined);
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (code: number | null, sig: NodeJS.Signals | null, spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(fallback);
      opts.signal?.removeEventListener('abort', onAbort);
      // Anything that outlived the launcher (it should not, with a pid namespace) goes now.
      killGroup();
      opts.cgroup?.killAll();
      if (!killedBy && opts.cgroup?.oomKilled()) killedBy = 'memory-limit';
      const exitCode = code ?? 128 + (sig ? (constants.signals[sig] ?? 0) : 0);
      resolve({
        exitCode: spawnError ? 127 : exitCode,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: spawnError
          ? `sandbox launcher failed: ${spawnError.message}\n`
          : Buffer.concat(err).toString('utf8'),
        timedOut: killedBy === 'timeout',
        outputTruncated: truncated,
        ...(killedBy ? { killedBy } : {}),
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    };
    child.on('error', (e) => finish(null, null, e));
    child.on('close', (code, sig) => finish(code, sig));
  });
}
