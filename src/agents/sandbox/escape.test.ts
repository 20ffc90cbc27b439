// The escape suite: each case tries one way out of the bubblewrap sandbox and fails if the sandbox leaks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { skipUnless } from '../../../test/fixtures/services.js';
import { BwrapSandbox, findBwrap } from './bwrap.js';
import type { SandboxRequest, SandboxResult } from './types.js';

const bwrapMissing = findBwrap() === undefined;
const installHint =
  'bubblewrap is not installed: apt-get install -y bubblewrap (.ci/run installs it from .ci/apt-packages)';
// In CI a missing tool is a failure with the install command, never a silent skip.
const skip = skipUnless('the sandbox escape suite', 'bubblewrap');
const requireBwrap = () => {
  if (bwrapMissing) throw new Error(installHint);
};
const repoRoot = resolve(import.meta.dirname, '../../..');

/**
 * Fills every writable place it can find with 1 MiB writes (a new file whenever RLIMIT_FSIZE stops one), then tries
 * the read-only mounts and anonymous shared memory; prints one JSON line. Bounded, so it ends on a sandbox without caps.
 */
const WRITE_CAP_PROBE = [
  'import os, json, ctypes',
  'out = {"mounts": {}, "readonly": {}}',
  'chunk = b"x" * (1 << 20)',
  'for d in ["/sandbox", "/tmp", "/dev/shm", "/dev", "/usr/local"]:',
  '  n, err, i = 0, None, 0',
  '  while n < (1 << 30) and err is None:',
  '    try:',
  '      with open("%s/fill%d" % (d, i), "wb") as f:',
  '        while n < (1 << 30):',
  '          f.write(chunk); f.flush(); n += len(chunk)',
  '    except OSError as e:',
  '      if e.errno != 27: err = e.errno',
  '      i += 1',
  '  out["mounts"][d] = {"bytes": n, "errno": err}',
  'for d in ["/", "/etc", "/usr", "/dev", "/usr/local"]:',
  '  try:',
  '    open(d + "/probe", "wb").close(); out["readonly"][d] = "writable"',
  '  except OSError as e:',
  '    out["readonly"][d] = e.errno',
  'try:',
  '  fd = os.memfd_create("m"); os.write(fd, chunk); out["memfd"] = "opened"',
  'except OSError as e:',
  '  out["memfd"] = e.errno',
  'libc = ctypes.CDLL(None, use_errno=True)',
  'out["shmget"] = [libc.shmget(0, 1 << 20, 0o1600), ctypes.get_errno()]',
  'print(json.dumps(out))',
].join('\n');

interface WriteCapReport {
  mounts: Record<string, { bytes: number; errno: number | null }>;
  readonly: Record<string, number | 'writable'>;
  memfd: number | 'opened';
  shmget: [number, number];
}

/** The write-cap assertions shared by the privileged and unprivileged runs. */
function assertWriteCaps(stdout: string, memoryMb: number): void {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  const report = JSON.parse(line) as WriteCapReport;
  let total = 0;
  for (const m of Object.values(report.mounts)) total += m.bytes;
  assert.ok(total > 0, `the probe wrote nothing: ${line}`);
  assert.ok(total <= memoryMb * 1024 * 1024, `wrote ${total} bytes against a ${memoryMb} MiB limit: ${line}`);
  for (const dir of ['/sandbox', '/tmp', '/dev/shm']) {
    assert.ok((report.mounts[dir]?.bytes ?? 0) > 0, `${dir} took no data: ${line}`);
    assert.equal(report.mounts[dir]?.errno, 28, `${dir} did not end with ENOSPC: ${line}`);
  }
  for (const dir of ['/dev', '/usr/local'])
    assert.equal(report.mounts[dir]?.bytes, 0, `${dir} took data: ${line}`);
  for (const [dir, r] of Object.entries(report.readonly))
    assert.ok([13, 30].includes(r as number), `${dir}: ${r}`);
  assert.equal(report.memfd, 1, 'memfd_create is refused (EPERM)');
  assert.deepEqual(report.shmget, [-1, 1], 'SysV shared memory is refused (EPERM)');
}

/** Live host processes running as `nobody` (uid 65534), to prove nothing outlives a run (zombies hold no code). */
function hostNobodyPids(): Set<string> {
  const out = new Set<string>();
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!/^Uid:\s+65534\b/m.test(status) || /^State:\s+Z/m.test(status)) continue;
      // gVisor's Sentry also runs as nobody: the runsc test file may be running beside this one.
      if (/^Name:\s+(runsc|exe)/m.test(status) || readlinkSync(`/proc/${pid}/exe`).includes('runsc'))
        continue;
      out.add(pid);
    } catch {
      // Exited while we looked.
    }
  }
  return out;
}

// The timer starts before the bomb and the count uses builtins only: once the limit is hit, nothing more can fork.
// The bomb starts in a background subshell: run in the main shell, bash's own fork retries (1+2+4+8 s) would stall it.
const BASH_FORK_BOMB = [
  'sleep 1 & timer=$!',
  '( :(){ :|:& };: ) 2>/dev/null &',
  'wait $timer',
  'n=0; for p in /proc/[0-9]*; do n=$((n+1)); done; echo "procs $n"',
].join('\n');

function fingerprint(path: string): string {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent';
}

// Twice: with cgroup limits (when this host lets us create them) and with prlimit alone, as on a host without.
for (const cgroups of ['auto', 'off'] as const) {
  describe(`sandbox escape suite (bubblewrap, cgroups ${cgroups})`, { skip }, () => {
    let sandbox: BwrapSandbox;
    const marker = `WARDEN_ESCAPE_MARKER_${randomBytes(8).toString('hex')}`;
    const run = (lang: SandboxRequest['lang'], code: string, extra: Partial<SandboxRequest> = {}) =>
      sandbox.run({ lang, code, timeoutMs: 5_000, memoryMb: 256, maxOutputBytes: 256 * 1024, ...extra });

    before(() => {
      requireBwrap();
      sandbox = new BwrapSandbox({ cgroups });
      process.env.WARDEN_ESCAPE_MARKER = marker;
    });
    after(() => {
      delete process.env.WARDEN_ESCAPE_MARKER;
    });

    const noLeftovers = async (body: () => Promise<SandboxResult>) => {
      const beforePids = hostNobodyPids();
      const result = await body();
      // A pid namespace's init may still be tearing down its children for a moment after the launcher exits.
      let stray: string[] = [];
      for (let i = 0; i < 40; i++) {
        stray = [...hostNobodyPids()].filter((p) => !beforePids.has(p));
        if (stray.length === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.deepEqual(stray, [], 'sandbox processes outlived the run');
      return result;
    };

    test("the article's os.system('env > /tmp/secrets') sees no host variable and leaves host /tmp alone", async () => {
      const hostSecrets = fingerprint('/tmp/secrets');
      const r = await run(
        'python',
        "import os; os.system('env > /tmp/secrets')\nprint(open('/tmp/secrets').read())",
      );
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stdout, /^PATH=\/usr\/bin:\/bin$/m, 'the payload ran and listed its environment');
      assert.ok(!r.stdout.includes(marker), 'host variable visible inside the sandbox');
      for (const name of ['WARDEN_ESCAPE_MARKER', 'USER=root', 'HOME=/root', 'NODE_', 'npm_']) {
        assert.ok(!r.stdout.includes(name), `host environment leaked: ${name}`);
      }
      assert.equal(fingerprint('/tmp/secrets'), hostSecrets, 'host /tmp/secrets changed');
    });

    test('a descriptor Warden inherited without close-on-exec does not reach the program', () => {
      // The child opens fd 200 on a host file (no CLOEXEC) and then runs a sandbox: the program must not see it.
      const script = `import { BwrapSandbox } from ${JSON.stringify(resolve(import.meta.dirname, 'bwrap.ts'))};
const r = await new BwrapSandbox({ cgroups: ${JSON.stringify(cgroups)} }).run({ lang: 'bash', code: 'ls /proc/self/fd; cat <&200', timeoutMs: 5000, memoryMb: 128, maxOutputBytes: 4096 });
process.stdout.write(r.stdout);`;
      const r = spawnSync(
        '/usr/bin/bash',
        [
          '-c',
          'exec 200<"$0"; exec "$@"',
          `${repoRoot}/package.json`,
          process.execPath,
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          script,
        ],
        { encoding: 'utf8', timeout: 30_000 },
      );
      assert.equal(r.status, 0, r.stderr);
      const fds = r.stdout.split('\n').filter((l) => /^\d+$/.test(l));
      assert.ok(fds.length >= 3, `the listing ran: ${r.stdout}`);
      assert.ok(!fds.includes('200'), 'fd 200 leaked into the sandbox');
      assert.ok(!r.stdout.includes('warden-gateway'), 'host file content read through an inherited fd');
    });

    test('/proc/1/environ is empty (the sandbox init was started with no environment)', async () => {
      const r = await run('python', "print(repr(open('/proc/1/environ','rb').read()))");
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(r.stdout.trim(), "b''");
    });

    test('reading /etc/shadow fails and the host /etc is not mounted', async () => {
      const r = await run('bash', 'cat /etc/shadow; echo "rc=$?"; ls /etc');
      assert.match(r.stdout, /^rc=1$/m);
      assert.ok(!/root:[^:]*:\d+:/.test(r.stdout), 'shadow entries visible');
      const etc = r.stdout.split('\n').slice(1).filter(Boolean).sort();
      assert.deepEqual(etc, ['group', 'hosts', 'ld.so.cache', 'passwd']);
    });

    test('the project directory and home directories are invisible', async () => {
      const r = await run(
        'python',
        `import os\nfor p in [${JSON.stringify(repoRoot)}, ${JSON.stringify(`${repoRoot}/package.json`)}, '/root', '/home', '/work']:\n  print(p, os.path.exists(p))`,
      );
      assert.equal(r.exitCode, 0, r.stderr);
      assert.ok(existsSync(`${repoRoot}/package.json`), 'precondition: the file exists on the host');
      for (const line of r.stdout.trim().split('\n'))
        assert.match(line, / False$/, `visible inside: ${line}`);
    });

    test('a server on host loopback cannot be reached', async () => {
      let accepted = 0;
      const server = createServer((s) => {
        accepted++;
        s.destroy();
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      const port = (server.address() as { port: number }).port;
      try {
        const r = await run(
          'python',
          `import socket\ns = socket.socket(); s.settimeout(3)\ntry:\n  s.connect(('127.0.0.1', ${port})); print('connected')\nexcept OSError as e:\n  print('failed', e.errno)`,
        );
        assert.match(r.stdout, /^failed 111$/m, `expected ECONNREFUSED: ${r.stdout}${r.stderr}`);
        assert.equal(accepted, 0, 'the host server accepted a connection from the sandbox');
      } finally {
        server.close();
      }
    });

    test('an outside address is unreachable (no route: fails at once, nothing is sent)', async () => {
      // 192.0.2.1 is TEST-NET-1 (RFC 5737): a connect attempt only, never a real destination.
      const r = await run(
        'python',
        "import socket\ns = socket.socket(); s.settimeout(3)\ntry:\n  s.connect(('192.0.2.1', 80)); print('connected')\nexcept OSError as e:\n  print('failed', e.errno)\nprint(open('/proc/net/dev').read())",
      );
      assert.match(r.stdout, /^failed 101$/m, `expected ENETUNREACH: ${r.stdout}${r.stderr}`);
      const ifaces = [...r.stdout.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]);
      assert.deepEqual(ifaces, ['lo'], 'only a loopback interface exists inside');
    });

    test('AF_VSOCK (not covered by network namespaces) is refused', async () => {
      const r = await run(
        'python',
        'import socket\ntry:\n  socket.socket(40, socket.SOCK_STREAM); print("opened")\nexcept OSError as e:\n  print("failed", e.errno)',
      );
      assert.match(r.stdout, /^failed 97$/m, r.stdout + r.stderr);
    });

    test('a fork bomb is capped and nothing outlives the run', async () => {
      const r = await noLeftovers(() =>
        run(
          'python',
          'import os, time\nn = 0\ntry:\n  while True:\n    if os.fork() == 0:\n      time.sleep(30); os._exit(0)\n    n += 1\nexcept OSError as e:\n  print("forks", n, "errno", e.errno)',
        ),
      );
      const m = /^forks (\d+) errno (\d+)$/m.exec(r.stdout);
      assert.ok(m, `the fork loop did not hit a limit: ${r.stdout}${r.stderr}`);
      assert.ok(Number(m[1]) < 64, `too many processes: ${m[1]}`);
      assert.equal(m[2], '11', 'EAGAIN from the process limit');
    });

    test('the classic shell fork bomb ends with the run and leaves no process behind', async () => {
      const r = await noLeftovers(() =>
        run('bash', BASH_FORK_BOMB, {
          timeoutMs: 10_000,
        }),
      );
      const m = /^procs (\d+)$/m.exec(r.stdout);
      assert.ok(m, `no count printed: ${r.stdout}${r.stderr.slice(0, 200)}`);
      assert.ok(Number(m[1]) <= 64, `the bomb grew to ${m[1]} processes`);
    });

    test('a memory bomb fails inside the sandbox', async () => {
      const r = await run(
        'python',
        'chunks = []\nfor i in range(64):\n  chunks.append(bytearray(32 * 1024 * 1024))\nprint("allocated", len(chunks) * 32, "MiB")',
        { memoryMb: 128 },
      );
      assert.ok(!r.stdout.includes('allocated'), 'allocated 2 GiB under a 128 MiB limit');
      assert.notEqual(r.exitCode, 0);
    });

    test('a memory bomb that touches its pages is stopped by the memory limit (cgroup, or address space)', async () => {
      const r = await run(
        'node',
        'const a = []; for (let i = 0; i < 100; i++) a.push(Buffer.alloc(1e7).fill(1)); console.log("allocated 1 GB");',
        { memoryMb: 128 },
      );
      assert.ok(!r.stdout.includes('allocated'), 'touched 1 GB under a 128 MiB limit');
      assert.notEqual(r.exitCode, 0);
      if (sandbox.cgroupStatus().usable) assert.equal(r.killedBy, 'memory-limit');
    });

    test('filling the disk stops at the private tmpfs size', async () => {
      const r = await run(
        'python',
        "import os\nfor d in ['/sandbox', '/tmp', '/dev/shm']:\n  n = 0\n  try:\n    with open(d + '/fill', 'wb') as f:\n      while n < 1 << 30:\n        f.write(b'x' * (1 << 20)); f.flush(); n += 1 << 20\n    print(d, 'wrote', n)\n  except OSError as e:\n    print(d, 'stopped', n, e.errno)\n  os.remove(d + '/fill')",
        { memoryMb: 512 },
      );
      assert.equal(r.exitCode, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 3, r.stdout);
      for (const line of lines) {
        const m = /^(\S+) stopped (\d+) (\d+)$/.exec(line);
        assert.ok(m, `no limit hit: ${line}`);
        assert.ok(Number(m[2]) <= 32 * 1024 * 1024, line);
        assert.ok(['27', '28'].includes(m[3]!), `EFBIG or ENOSPC expected: ${line}`);
      }
    });

    test('writes past the mount caps end in ENOSPC and their total stays within the memory limit', async () => {
      const r = await run('python', WRITE_CAP_PROBE, { memoryMb: 64, timeoutMs: 20_000 });
      assert.equal(r.exitCode, 0, r.stderr);
      assertWriteCaps(r.stdout, 64);
    });

    test('writing outside the tmpfs mounts is refused (read-only root and system dirs)', async () => {
      const r = await run(
        'bash',
        'for p in / /usr /etc /bin; do touch "$p/x" 2>/dev/null && echo "wrote $p"; done; echo done',
      );
      assert.equal(r.stdout.trim(), 'done');
    });

    test('an endless loop is killed at the wall-clock timeout', async () => {
      const r = await noLeftovers(() => run('python', 'while True: pass', { timeoutMs: 800 }));
      assert.equal(r.timedOut, true);
      assert.equal(r.killedBy, 'timeout');
      assert.notEqual(r.exitCode, 0);
    });

    test('output beyond the cap is cut and the program stopped', async () => {
      const r = await run('python', "import sys\nwhile True: sys.stdout.write('x' * 4096)", {
        maxOutputBytes: 10_000,
      });
      assert.equal(r.outputTruncated, true);
      assert.equal(r.killedBy, 'output-cap');
      assert.ok(r.stdout.length + r.stderr.length <= 10_000);
    });

    test('creating a user namespace fails', async () => {
      const r = await run('bash', 'unshare -U id; echo "rc=$?"; unshare -Ur id; echo "rc=$?"');
      assert.equal(r.stdout.match(/^rc=1$/gm)?.length, 2, r.stdout + r.stderr);
      assert.ok(!r.stdout.includes('uid='), 'a namespace was created');
    });

    test('ptrace is denied by the seccomp filter', async () => {
      // PTRACE_TRACEME needs no privilege at all, so only the filter can refuse it.
      const r = await run(
        'python',
        "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\nprint('traceme', libc.ptrace(0, 0, 0, 0), ctypes.get_errno())\nprint('attach', libc.ptrace(16, 1, 0, 0), ctypes.get_errno())\nprint([l for l in open('/proc/self/status') if l.startswith('Seccomp:')][0].strip())",
      );
      assert.match(r.stdout, /^traceme -1 1$/m, r.stdout + r.stderr);
      assert.match(r.stdout, /^attach -1 1$/m);
      assert.match(r.stdout, /^Seccomp:\s+2$/m);
    });

    test('the sandboxed program runs as host nobody, never as host root', async () => {
      const ctl = new AbortController();
      const seen: string[] = [];
      const running = sandbox.run(
        {
          lang: 'python',
          code: 'import time\ntime.sleep(20)',
          timeoutMs: 20_000,
          memoryMb: 64,
          maxOutputBytes: 100,
        },
        ctl.signal,
      );
      for (let i = 0; i < 100 && seen.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
          try {
            if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('/sandbox/main.py')) continue;
            if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('/usr/bin/python3')) continue;
            seen.push(/^Uid:\s+(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '');
          } catch {
            // Raced with an exit.
          }
        }
      }
      ctl.abort();
      const r = await running;
      assert.notEqual(r.exitCode, 0, 'the aborted run was not stopped');
      assert.ok(seen.length > 0, 'the sandboxed python process was not found on the host');
      for (const uids of seen) assert.deepEqual(uids.split(/\s+/), ['65534', '65534', '65534', '65534']);
    });
  });
}

/** Runs a Warden-side script as host `nobody` (a plain unprivileged user: no root, no setpriv inside, no cgroups). */
function runAsNobody(script: string) {
  const r = spawnSync(
    '/usr/bin/setpriv',
    [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      process.execPath,
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: '/usr/bin:/bin', HOME: '/tmp', WARDEN_ESCAPE_MARKER: 'x' },
    },
  );
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as {
    cgroups: boolean;
    uid: number;
    stdout: string;
    stderr: string;
    exitCode: number;
  };
}

const sandboxRunScript = (
  req: string,
) => `import { BwrapSandbox } from ${JSON.stringify(resolve(import.meta.dirname, 'bwrap.ts'))};
const sb = new BwrapSandbox();
const r = await sb.run(${req});
process.stdout.write(JSON.stringify({ cgroups: sb.cgroupStatus().usable, uid: process.getuid(), ...r }));`;

describe('sandbox started by an unprivileged Warden', {
  skip: skip || (process.getuid?.() === 0 ? false : 'the suites above already run unprivileged'),
}, () => {
  before(requireBwrap);

  test('isolates the same way without root (no setpriv, no cgroups)', () => {
    const code = [
      'import os, socket, ctypes',
      "print('uid', os.getuid(), 'host-env', 'WARDEN_ESCAPE_MARKER' in os.environ)",
      "print('pid1env', repr(open('/proc/1/environ').read()))",
      'try:',
      "  socket.create_connection(('192.0.2.1', 80), 2); print('net open')",
      'except OSError as e:',
      "  print('net', e.errno)",
      "print('ptrace', ctypes.CDLL(None, use_errno=True).ptrace(0, 0, 0, 0))",
    ].join('\n');
    const out = runAsNobody(
      sandboxRunScript(
        `{ lang: 'python', timeoutMs: 5000, memoryMb: 128, maxOutputBytes: 4096, code: ${JSON.stringify(code)} }`,
      ),
    );
    assert.equal(out.cgroups, false);
    assert.equal(out.exitCode, 0);
    assert.match(out.stdout, /^uid 65534 host-env False$/m);
    assert.match(out.stdout, /^pid1env ''$/m);
    assert.match(out.stdout, /^net 101$/m);
    assert.match(out.stdout, /^ptrace -1$/m);
  });

  test('without root and cgroups, writes stop at the mount caps (ENOSPC) within the memory limit', () => {
    const out = runAsNobody(
      sandboxRunScript(
        `{ lang: 'python', timeoutMs: 20000, memoryMb: 64, maxOutputBytes: 8192, code: ${JSON.stringify(WRITE_CAP_PROBE)} }`,
      ),
    );
    assert.equal(out.uid, 65534, 'Warden itself ran unprivileged');
    assert.equal(out.cgroups, false, 'no cgroup counts the tmpfs pages here');
    assert.equal(out.exitCode, 0, out.stderr);
    assertWriteCaps(out.stdout, 64);
  });
});
