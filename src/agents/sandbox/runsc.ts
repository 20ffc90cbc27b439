// The gVisor backend: the program runs on runsc's user-space kernel, from a throwaway OCI bundle, with no network.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addressSpaceBytes,
  interpreterMounts,
  interpreters,
  SANDBOX_HOME,
  writableMountBytes,
} from './bwrap.js';
import { createRunCgroup, probeCgroups, type RunCgroup } from './cgroup.js';
import { launch } from './launch.js';
import {
  type SandboxBackend,
  type SandboxRequest,
  type SandboxResult,
  SandboxUnavailableError,
} from './types.js';

export interface RunscOptions {
  runscPath?: string;
  tmpfsBytes?: number;
  /** Extra memory for gVisor's own kernel (the Sentry) on top of the program's budget. */
  sentryOverheadMb?: number;
}

const NOBODY = 65534;

export function findRunsc(explicit?: string): string | undefined {
  for (const p of [explicit, '/usr/bin/runsc', '/usr/local/bin/runsc']) {
    if (p && existsSync(p)) return p;
  }
  return undefined;
}

/** The OCI runtime spec for one run; the bundle directory holds nothing but this, the code and a skeleton root. */
export function ociSpec(
  req: SandboxRequest,
  programHostPath: string,
  etcHostDir: string,
  tmpfsBytes: number,
) {
  const interp = interpreters()[req.lang];
  const program = `${SANDBOX_HOME}/main.${interp.ext}`;
  const { prefix } = interpreterMounts(interp.path);
  const rlimit = (type: string, n: number) => ({ type, hard: Math.floor(n), soft: Math.floor(n) });
  // As with bubblewrap: the writable mounts together hold at most half the memory limit.
  const mountBytes = writableMountBytes(req.memoryMb, tmpfsBytes);
  const tmpfs = (destination: string) => ({
    destination,
    type: 'tmpfs',
    source: 'tmpfs',
    options: ['nosuid', 'nodev', `size=${mountBytes}`],
  });
  const ro = (source: string, destination = source) => ({
    destination,
    type: 'bind',
    source,
    options: ['rbind', 'ro', 'nosuid', 'nodev'],
  });
  return {
    ociVersion: '1.0.2',
    process: {
      terminal: false,
      user: { uid: NOBODY, gid: NOBODY },
      args: [interp.path, ...interp.args(program, req.memoryMb)],
      env: ['PATH=/usr/bin:/bin', `HOME=${SANDBOX_HOME}`, 'TMPDIR=/tmp', 'LANG=C.UTF-8'],
      cwd: SANDBOX_HOME,
      noNewPrivileges: true,
      capabilities: { bounding: [], effective: [], inheritable: [], permitted: [], ambient: [] },
      rlimits: [
        rlimit('RLIMIT_AS', addressSpaceBytes(req.lang, req.memoryMb)),
        rlimit('RLIMIT_NPROC', 64),
        rlimit('RLIMIT_NOFILE', 256),
        rlimit('RLIMIT_FSIZE', mountBytes),
        rlimit('RLIMIT_CPU', Math.ceil(req.timeoutMs / 1000) + 1),
        rlimit('RLIMIT_CORE', 0),
      ],
    },
    root: { path: 'rootfs', readonly: true },
    hostname: 'sandbox',
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'size=65536'] },
      tmpfs('/tmp'),
      tmpfs(SANDBOX_HOME),
      ro('/usr'),
      ...(prefix ? [ro(prefix)] : []),
      ro(programHostPath, program),
      ro(join(etcHostDir, 'passwd'), '/etc/passwd'),
      ro(join(etcHostDir, 'group'), '/etc/group'),
    ],
    linux: {
      namespaces: [{ type: 'pid' }, { type: 'network' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }],
    },
  };
}

export class RunscSandbox implements SandboxBackend {
  readonly id = 'runsc';
  private readonly runscPath: string;
  private readonly tmpfsBytes: number;
  private readonly overheadMb: number;
  private cgroupsUsable: boolean | undefined;

  constructor(options: RunscOptions = {}) {
    const found = findRunsc(options.runscPath);
    if (!found) {
      throw new SandboxUnavailableError(
        'gVisor (runsc) is not installed; install the Debian package: apt-get install runsc',
      );
    }
    if (process.getuid?.() !== 0) throw new SandboxUnavailableError('the runsc backend needs root');
    this.runscPath = found;
    this.tmpfsBytes = options.tmpfsBytes ?? 32 * 1024 * 1024;
    this.overheadMb = options.sentryOverheadMb ?? 192;
  }

  async run(req: SandboxRequest, signal?: AbortSignal): Promise<SandboxResult> {
    const bundle = mkdtempSync(join(tmpdir(), 'warden-runsc-'));
    const id = `warden-${randomBytes(6).toString('hex')}`;
    const state = join(bundle, 'state');
    let cgroup: RunCgroup | undefined;
    try {
      const interp = interpreters()[req.lang];
      const rootfs = join(bundle, 'rootfs');
      for (const d of ['usr', 'proc', 'dev', 'tmp', 'etc', SANDBOX_HOME.slice(1)]) {
        mkdirSync(join(rootfs, d), { recursive: true });
      }
      for (const l of ['bin', 'sbin', 'lib', 'lib64']) symlinkSync(`usr/${l}`, join(rootfs, l));
      const programHostPath = join(bundle, `main.${interp.ext}`);
      writeFileSync(programHostPath, req.code, { mode: 0o644 });
      mkdirSync(join(bundle, 'etc'));
      writeFileSync(
        join(bundle, 'etc', 'passwd'),
        `sandbox:x:${NOBODY}:${NOBODY}::${SANDBOX_HOME}:/usr/sbin/nologin\n`,
      );
      writeFileSync(join(bundle, 'etc', 'group'), `sandbox:x:${NOBODY}:\n`);
      writeFileSync(
        join(bundle, 'config.json'),
        JSON.stringify(ociSpec(req, programHostPath, join(bundle, 'etc'), this.tmpfsBytes)),
      );
      this.cgroupsUsable ??= probeCgroups().usable;
      if (this.cgroupsUsable) {
        // runsc's Go runtime and the Sentry count as host tasks; the program's own processes live inside the Sentry.
        cgroup = createRunCgroup({
          memoryBytes: (req.memoryMb + this.overheadMb) * 1024 * 1024,
          pids: 1024,
          cpus: 1,
        });
      }
      return await launch({
        command: this.runscPath,
        args: ['--root', state, '--network=none', '--ignore-cgroups', 'run', '--bundle', bundle, id],
        extraFds: [],
        stdin: req.stdin,
        timeoutMs: req.timeoutMs,
        maxOutputBytes: req.maxOutputBytes,
        cgroup,
        signal,
      });
    } finally {
      spawnSync(this.runscPath, ['--root', state, 'delete', '--force', id], {
        env: {},
        stdio: 'ignore',
        timeout: 5000,
      });
      await cgroup?.destroy();
      rmSync(bundle, { recursive: true, force: true });
    }
  }
}
