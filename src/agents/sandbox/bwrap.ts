// The default Linux backend: bubblewrap with every namespace unshared, started as host `nobody` with an empty environment.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { type CgroupProbe, createRunCgroup, probeCgroups, type RunCgroup } from './cgroup.js';
import { launch } from './launch.js';
import { compileSeccompFilter } from './seccomp.js';
import {
  type SandboxBackend,
  type SandboxLanguage,
  type SandboxRequest,
  type SandboxResult,
  SandboxUnavailableError,
} from './types.js';

export interface BwrapOptions {
  bwrapPath?: string;
  /** Largest size of each writable tmpfs (/tmp, /dev/shm and the working directory); shrunk to fit the memory limit. */
  tmpfsBytes?: number;
  /** Processes per sandbox (cgroup pids.max and RLIMIT_NPROC). */
  maxProcesses?: number;
  /** CPUs the sandbox may use (cgroup cpu quota). */
  cpus?: number;
  /** 'auto' uses cgroups when the host lets us create them; 'off' relies on prlimit alone. */
  cgroups?: 'auto' | 'off';
}

/** Where the program sees itself; a tmpfs, like /tmp. */
export const SANDBOX_HOME = '/sandbox';
const NOBODY = 65534;

export interface Interpreter {
  path: string;
  args: (programPath: string, memoryMb: number) => string[];
  ext: string;
}

/** Interpreter flags chosen for isolation and start-up time: no site dirs, no env-driven behaviour. */
export function interpreters(): Record<SandboxLanguage, Interpreter> {
  return {
    // -I: ignore PYTHON* variables and user site; -S: skip `site` (about a third of start-up); -B: no .pyc writes.
    python: {
      path: firstExisting(['/usr/bin/python3', '/usr/local/bin/python3']),
      args: (p) => ['-I', '-S', '-B', p],
      ext: 'py',
    },
    node: {
      path: realNodePath(),
      // V8's heap cap keeps the program under the cgroup limit with a clear error instead of an OOM kill.
      args: (p, mb) => [`--max-old-space-size=${Math.max(16, Math.floor(mb * 0.75))}`, p],
      ext: 'js',
    },
    bash: { path: '/usr/bin/bash', args: (p) => ['--noprofile', '--norc', p], ext: 'sh' },
  };
}

function realNodePath(): string {
  return firstExisting(['/usr/bin/node', '/usr/local/bin/node', process.execPath]);
}

function firstExisting(candidates: readonly string[]): string {
  for (const p of candidates) {
    try {
      return realpathSync(p);
    } catch {
      // Try the next.
    }
  }
  return candidates[0]!;
}

/**
 * What must be visible for an interpreter outside /usr proper: its install prefix (the directory above
 * `bin/`, holding its libraries), read-only. `/usr/local` is masked unless an interpreter lives there.
 */
export function interpreterMounts(interpreterPath: string): { maskUsrLocal: boolean; prefix?: string } {
  if (interpreterPath.startsWith('/usr/local/')) return { maskUsrLocal: false };
  if (interpreterPath.startsWith('/usr/')) return { maskUsrLocal: true };
  const prefix = dirname(dirname(interpreterPath));
  return { maskUsrLocal: true, prefix: prefix === '/' ? interpreterPath : prefix };
}

/** An explicit path is used as given (no silent fallback to another binary). */
export function findBwrap(explicit?: string): string | undefined {
  if (explicit !== undefined) return existsSync(explicit) ? explicit : undefined;
  for (const p of ['/usr/bin/bwrap', '/usr/local/bin/bwrap']) {
    if (existsSync(p)) return p;
  }
  return undefined;
}

export interface BwrapPlan {
  command: string;
  args: string[];
  extraFds: Uint8Array[];
}

/** The only writable mounts of a run; everything else is read-only. */
export const WRITABLE_MOUNTS = ['/dev/shm', '/tmp', SANDBOX_HOME] as const;
const PAGE = 4096;

/**
 * Size of each writable tmpfs: at most `tmpfsBytes`, and together at most half the memory limit, so that what a
 * run can write (tmpfs pages are memory, and without cgroups nothing else counts them) stays within its limit
 * with room left for the program itself.
 */
export function writableMountBytes(memoryMb: number, tmpfsBytes: number): number {
  const share = Math.floor((memoryMb * 1024 * 1024) / 2 / WRITABLE_MOUNTS.length);
  return Math.max(PAGE, Math.floor(Math.min(tmpfsBytes, share) / PAGE) * PAGE);
}

const isSymlink = (p: string) => {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
};

/** Builds the launcher command line; pure apart from looking at the host's /usr layout. */
export function planBwrap(
  bwrapPath: string,
  req: SandboxRequest,
  opts: { tmpfsBytes: number; maxProcesses: number; asRoot: boolean },
): BwrapPlan {
  const interp = interpreters()[req.lang];
  const program = `${SANDBOX_HOME}/main.${interp.ext}`;
  const mountBytes = writableMountBytes(req.memoryMb, opts.tmpfsBytes);
  const fds: Uint8Array[] = [];
  const fd = (data: Uint8Array | string) => {
    fds.push(typeof data === 'string' ? Buffer.from(data) : data);
    return String(2 + fds.length);
  };

  const args: string[] = [
    '--unshare-user',
    '--unshare-pid',
    '--unshare-net',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup',
    '--disable-userns',
    '--die-with-parent',
    '--new-session',
    '--hostname',
    'sandbox',
    '--clearenv',
    '--setenv',
    'PATH',
    '/usr/bin:/bin',
    '--setenv',
    'HOME',
    SANDBOX_HOME,
    '--setenv',
    'TMPDIR',
    '/tmp',
    '--setenv',
    'LANG',
    'C.UTF-8',
    '--seccomp',
    fd(compileSeccompFilter()),
    '--ro-bind',
    '/usr',
    '/usr',
  ];
  const mounts = interpreterMounts(interp.path);
  // Site-installed software is not part of the sandbox's toolset (unless the interpreter itself lives there).
  // The mask is an empty tmpfs, read-only: bwrap's --size applies to it, but an unsized tmpfs would be unbounded.
  if (mounts.maskUsrLocal) args.push('--tmpfs', '/usr/local', '--remount-ro', '/usr/local');
  for (const dir of ['bin', 'sbin', 'lib', 'lib64', 'lib32', 'libx32']) {
    const host = `/${dir}`;
    if (isSymlink(host)) args.push('--symlink', `usr/${dir}`, host);
    else if (existsSync(host)) args.push('--ro-bind', host, host);
  }
  if (mounts.prefix) args.push('--ro-bind', mounts.prefix, mounts.prefix);
  // /etc: only what the loader and libc need; never the host's passwd, shadow or config.
  if (existsSync('/etc/ld.so.cache')) args.push('--ro-bind', '/etc/ld.so.cache', '/etc/ld.so.cache');
  args.push(
    '--ro-bind-data',
    fd(`root:x:0:0::/:/usr/sbin/nologin\nsandbox:x:${NOBODY}:${NOBODY}::${SANDBOX_HOME}:/usr/sbin/nologin\n`),
    '/etc/passwd',
    '--ro-bind-data',
    fd(`root:x:0:\nsandbox:x:${NOBODY}:\n`),
    '/etc/group',
    '--ro-bind-data',
    fd('127.0.0.1 localhost\n::1 localhost\n'),
    '/etc/hosts',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    ...WRITABLE_MOUNTS.flatMap((dir) => ['--size', String(mountBytes), '--tmpfs', dir]),
    // bwrap's /dev is a tmpfs it cannot size: read-only once /dev/shm is mounted (devices stay usable).
    '--remount-ro',
    '/dev',
    '--ro-bind-data',
    fd(req.code),
    program,
    '--remount-ro',
    '/',
    '--chdir',
    SANDBOX_HOME,
    '--',
    '/usr/bin/prlimit',
    `--as=${limitPair(addressSpaceBytes(req.lang, req.memoryMb))}`,
    `--nproc=${limitPair(opts.maxProcesses)}`,
    `--fsize=${limitPair(mountBytes)}`,
    `--cpu=${limitPair(Math.ceil(req.timeoutMs / 1000) + 1)}`,
    `--nofile=${limitPair(256)}`,
    `--core=${limitPair(0)}`,
    '--',
    interp.path,
    ...interp.args(program, req.memoryMb),
  );

  if (!opts.asRoot) return { command: bwrapPath, args, extraFds: fds };
  // As root, the sandbox's uid would map to host root: become `nobody` before bwrap creates its namespaces.
  return {
    command: '/usr/bin/setpriv',
    args: [
      `--reuid=${NOBODY}`,
      `--regid=${NOBODY}`,
      '--clear-groups',
      '--inh-caps=-all',
      '--no-new-privs',
      '--',
      bwrapPath,
      ...args,
    ],
    extraFds: fds,
  };
}

const limitPair = (n: number) => `${Math.floor(n)}:${Math.floor(n)}`;

/** RLIMIT_AS per language: V8 reserves ~750 MB of address space before running anything (Node 20), so node gets 1 GiB more and the cgroup bounds its real use. */
export function addressSpaceBytes(lang: SandboxLanguage, memoryMb: number): number {
  return (lang === 'node' ? memoryMb + 1024 : memoryMb) * 1024 * 1024;
}

export class BwrapSandbox implements SandboxBackend {
  readonly id = 'bwrap';
  private readonly bwrapPath: string;
  private readonly opts: Required<Omit<BwrapOptions, 'bwrapPath'>>;
  private cgroupProbe: CgroupProbe | undefined;

  constructor(options: BwrapOptions = {}) {
    const found = findBwrap(options.bwrapPath);
    if (!found) {
      throw new SandboxUnavailableError(
        'bubblewrap (bwrap) is not installed; install the Debian package: apt-get install bubblewrap',
      );
    }
    if (process.getuid?.() === 0 && !existsSync('/usr/bin/setpriv')) {
      throw new SandboxUnavailableError(
        'running as root needs setpriv (util-linux) to drop to nobody before bwrap; refusing to run',
      );
    }
    this.bwrapPath = found;
    this.opts = {
      tmpfsBytes: options.tmpfsBytes ?? 32 * 1024 * 1024,
      maxProcesses: options.maxProcesses ?? 64,
      cpus: options.cpus ?? 1,
      cgroups: options.cgroups ?? 'auto',
    };
  }

  /** Whether this run will get cgroup limits, and why not when it will not. */
  cgroupStatus(): CgroupProbe {
    if (this.opts.cgroups === 'off') return { usable: false, reason: 'disabled by configuration' };
    this.cgroupProbe ??= probeCgroups();
    return this.cgroupProbe;
  }

  async run(req: SandboxRequest, signal?: AbortSignal): Promise<SandboxResult> {
    const plan = planBwrap(this.bwrapPath, req, {
      tmpfsBytes: this.opts.tmpfsBytes,
      maxProcesses: this.opts.maxProcesses,
      asRoot: process.getuid?.() === 0,
    });
    let cgroup: RunCgroup | undefined;
    if (this.cgroupStatus().usable) {
      // tmpfs pages are charged to the cgroup too, so the budget covers memory plus the two file systems.
      cgroup = createRunCgroup({
        memoryBytes: req.memoryMb * 1024 * 1024,
        pids: this.opts.maxProcesses,
        cpus: this.opts.cpus,
      });
    }
    try {
      return await launch({
        command: plan.command,
        args: plan.args,
        extraFds: plan.extraFds,
        stdin: req.stdin,
        timeoutMs: req.timeoutMs,
        maxOutputBytes: req.maxOutputBytes,
        cgroup,
        signal,
      });
    } finally {
      await cgroup?.destroy();
    }
  }
}
