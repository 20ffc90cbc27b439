// Per-run cgroups (v1 memory/pids/cpu, or v2) nested under Warden's own cgroup, so a sandbox never escapes Warden's envelope.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CgroupLimits {
  memoryBytes: number;
  pids: number;
  /** CPU share in whole CPUs (quota / period). */
  cpus: number;
}

export interface RunCgroup {
  readonly version: 1 | 2;
  /** The `cgroup.procs` files a launcher writes its pid into before exec. */
  readonly procsFiles: readonly string[];
  /** True when the kernel's OOM killer fired in this cgroup. */
  oomKilled(): boolean;
  /** SIGKILLs every process in the cgroup but `spare` (the launcher, left to reap its children). */
  killAll(spare?: number): void;
  /** Removes the cgroup directories; retries while the last processes are being reaped. */
  destroy(): Promise<void>;
}

export type CgroupProbe = { usable: true; version: 1 | 2 } | { usable: false; reason: string };

const ROOT = '/sys/fs/cgroup';
const V1_CONTROLLERS = ['memory', 'pids', 'cpu'] as const;

/** Our own path in each hierarchy, from /proc/self/cgroup ("id:controllers:path"). */
function selfPaths(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
    const m = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!m) continue;
    for (const c of (m[1] ?? '').split(',')) out.set(c, m[2] ?? '/');
  }
  return out;
}

function write(file: string, value: string | number): void {
  writeFileSync(file, String(value));
}

function tryRmdir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Which cgroup version is mounted and whether we can create children in it. */
export function probeCgroups(): CgroupProbe {
  if (process.getuid?.() !== 0) return { usable: false, reason: 'not running as root' };
  try {
    const cg = createRunCgroup({ memoryBytes: 64 << 20, pids: 16, cpus: 1 });
    const version = cg.version;
    for (const f of cg.procsFiles) tryRmdir(join(f, '..'));
    return { usable: true, version };
  } catch (err) {
    return { usable: false, reason: (err as Error).message };
  }
}

/** Creates a fresh cgroup for one run; throws when the host gives no writable hierarchy. */
export function createRunCgroup(limits: CgroupLimits): RunCgroup {
  const name = `warden-sbx-${randomBytes(6).toString('hex')}`;
  const self = selfPaths();
  if (existsSync(join(ROOT, 'memory')) && self.has('memory')) return createV1(name, self, limits);
  if (existsSync(join(ROOT, 'cgroup.controllers'))) return createV2(name, self.get('') ?? '/', limits);
  throw new Error('no cgroup v1 memory hierarchy and no cgroup v2 mount');
}

function createV1(name: string, self: Map<string, string>, limits: CgroupLimits): RunCgroup {
  const dirs: string[] = [];
  try {
    for (const c of V1_CONTROLLERS) {
      const dir = join(ROOT, c, self.get(c) ?? '/', name);
      mkdirSync(dir);
      dirs.push(dir);
    }
    const [mem, pids, cpu] = dirs as [string, string, string];
    write(join(mem, 'memory.limit_in_bytes'), limits.memoryBytes);
    // Without swap accounting memsw may be absent; with it, swap must not extend the limit.
    if (existsSync(join(mem, 'memory.memsw.limit_in_bytes'))) {
      write(join(mem, 'memory.memsw.limit_in_bytes'), limits.memoryBytes);
    }
    write(join(pids, 'pids.max'), limits.pids);
    write(join(cpu, 'cpu.cfs_period_us'), 100_000);
    write(join(cpu, 'cpu.cfs_quota_us'), Math.round(100_000 * limits.cpus));
  } catch (err) {
    for (const d of dirs.reverse()) tryRmdir(d);
    throw new Error(`cgroup v1 not writable: ${(err as Error).message}`);
  }
  const mem = dirs[0]!;
  return {
    version: 1,
    procsFiles: dirs.map((d) => join(d, 'cgroup.procs')),
    oomKilled: () => {
      try {
        const m = /oom_kill (\d+)/.exec(readFileSync(join(mem, 'memory.oom_control'), 'utf8'));
        return m !== null && Number(m[1]) > 0;
      } catch {
        return false;
      }
    },
    killAll: (spare) => killProcs(join(dirs[1]!, 'cgroup.procs'), spare),
    destroy: () => removeDirs(dirs, join(dirs[1]!, 'cgroup.procs')),
  };
}

function createV2(name: string, selfPath: string, limits: CgroupLimits): RunCgroup {
  const dir = join(ROOT, selfPath, name);
  try {
    mkdirSync(dir);
    write(join(dir, 'memory.max'), limits.memoryBytes);
    write(join(dir, 'memory.swap.max'), 0);
    write(join(dir, 'pids.max'), limits.pids);
    write(join(dir, 'cpu.max'), `${Math.round(100_000 * limits.cpus)} 100000`);
  } catch (err) {
    tryRmdir(dir);
    throw new Error(`cgroup v2 not delegated here: ${(err as Error).message}`);
  }
  const procs = join(dir, 'cgroup.procs');
  return {
    version: 2,
    procsFiles: [procs],
    oomKilled: () => {
      try {
        const m = /oom_kill (\d+)/.exec(readFileSync(join(dir, 'memory.events'), 'utf8'));
        return m !== null && Number(m[1]) > 0;
      } catch {
        return false;
      }
    },
    killAll: (spare) => killProcs(procs, spare),
    destroy: () => removeDirs([dir], procs),
  };
}

function killProcs(procsFile: string, spare?: number): void {
  let text = '';
  try {
    text = readFileSync(procsFile, 'utf8');
  } catch {
    return;
  }
  for (const pid of text.split('\n').filter(Boolean)) {
    if (Number(pid) === spare) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

async function removeDirs(dirs: readonly string[], procsFile: string): Promise<void> {
  // The last tasks leave the cgroup a few milliseconds after the launcher exits: poll briefly, then back off.
  for (let attempt = 0; attempt < 100; attempt++) {
    killProcs(procsFile);
    if (dirs.every((d) => tryRmdir(d))) return;
    await new Promise((r) => setTimeout(r, attempt < 20 ? 1 : 25));
  }
  throw new Error(`could not remove sandbox cgroup ${dirs[0] ?? ''}`);
}
