import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { interpreterMounts, planBwrap, writableMountBytes } from './bwrap.js';
import { ociSpec } from './runsc.js';
import type { SandboxRequest } from './types.js';

const req: SandboxRequest = {
  lang: 'python',
  code: 'print(1)',
  timeoutMs: 2500,
  memoryMb: 128,
  maxOutputBytes: 1000,
};
const opts = { tmpfsBytes: 1 << 20, maxProcesses: 32, asRoot: true };

/** The [source, dest] pairs of every bind of the host file system. */
function binds(args: readonly string[]): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a === '--bind' || a === '--ro-bind' || a === '--dev-bind') out.push(`${a} ${args[i + 1]}`);
  });
  return out;
}

describe('bwrap command line', () => {
  test('as root, privileges drop to nobody before bwrap runs', () => {
    const plan = planBwrap('/usr/bin/bwrap', req, opts);
    assert.equal(plan.command, '/usr/bin/setpriv');
    const sep = plan.args.indexOf('--');
    assert.deepEqual(plan.args.slice(0, sep), [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      '--inh-caps=-all',
      '--no-new-privs',
    ]);
    assert.equal(plan.args[sep + 1], '/usr/bin/bwrap');
  });

  test('not as root, bwrap runs directly', () => {
    assert.equal(planBwrap('/usr/bin/bwrap', req, { ...opts, asRoot: false }).command, '/usr/bin/bwrap');
  });

  test('every namespace is unshared and nested user namespaces are disabled', () => {
    const { args } = planBwrap('/usr/bin/bwrap', req, opts);
    for (const f of ['user', 'pid', 'net', 'ipc', 'uts', 'cgroup'])
      assert.ok(args.includes(`--unshare-${f}`), f);
    for (const f of ['--disable-userns', '--die-with-parent', '--new-session', '--clearenv']) {
      assert.ok(args.includes(f), f);
    }
    assert.ok(!args.includes('--share-net'));
  });

  test('only read-only system binds; never /etc as a whole, the home or the project', () => {
    const b = binds(planBwrap('/usr/bin/bwrap', req, opts).args);
    for (const bind of b) {
      assert.match(bind, /^--ro-bind /, `writable bind: ${bind}`);
      assert.ok(!/ \/etc$/.test(bind) && !bind.includes('shadow'), bind);
      assert.match(bind.split(' ')[1] ?? '', /^\/(usr|bin|sbin|lib|lib64|etc\/ld\.so\.cache)(\/|$)/, bind);
    }
  });

  test('code, passwd and the seccomp program travel through file descriptors', () => {
    const plan = planBwrap('/usr/bin/bwrap', req, opts);
    const seccompFd = Number(plan.args[plan.args.indexOf('--seccomp') + 1]);
    assert.equal(seccompFd, 3);
    assert.equal(plan.extraFds[0]!.length % 8, 0, 'a sock_filter array');
    assert.ok(plan.extraFds.some((b) => Buffer.from(b).toString() === 'print(1)'));
    assert.ok(!plan.args.includes('print(1)'), 'code on the command line');
  });

  test('limits: private sized tmpfs mounts and prlimit before the interpreter', () => {
    const { args } = planBwrap('/usr/bin/bwrap', req, opts);
    for (const dir of ['/tmp', '/sandbox', '/dev/shm']) {
      const i = args.findIndex((a, j) => a === '--tmpfs' && args[j + 1] === dir);
      assert.ok(i > 1 && args[i - 2] === '--size' && args[i - 1] === String(1 << 20), dir);
    }
    const tail = args.slice(args.indexOf('--chdir') + 3);
    assert.equal(tail[0], '/usr/bin/prlimit');
    assert.ok(tail.includes(`--as=${128 << 20}:${128 << 20}`));
    assert.ok(tail.includes('--nproc=32:32'));
    assert.ok(tail.includes('--cpu=4:4'));
    assert.ok(tail.includes('--fsize=1048576:1048576'));
    assert.match(tail.at(-5) ?? '', /^\/usr(\/local)?\/bin\/python3/);
    assert.deepEqual(tail.slice(-4), ['-I', '-S', '-B', '/sandbox/main.py']);
  });

  test('an interpreter outside /usr brings only its own install prefix, read-only', () => {
    assert.deepEqual(interpreterMounts('/usr/bin/node'), { maskUsrLocal: true });
    assert.deepEqual(interpreterMounts('/usr/local/bin/node'), { maskUsrLocal: false });
    assert.deepEqual(interpreterMounts('/opt/node-v20/bin/node'), {
      maskUsrLocal: true,
      prefix: '/opt/node-v20',
    });
    assert.deepEqual(interpreterMounts('/node'), { maskUsrLocal: true, prefix: '/node' });
  });
});

describe('write caps', () => {
  const sized = (args: readonly string[]) =>
    args.flatMap((a, i) =>
      a === '--tmpfs' && args[i - 2] === '--size' ? [[args[i + 1], Number(args[i - 1])]] : [],
    );

  test('every writable tmpfs is sized and together they take at most half the memory limit', () => {
    for (const memoryMb of [32, 64, 256, 4096]) {
      const { args } = planBwrap('/usr/bin/bwrap', { ...req, memoryMb }, { ...opts, tmpfsBytes: 32 << 20 });
      const mounts = sized(args);
      assert.deepEqual(
        mounts.map(([dir]) => dir),
        ['/dev/shm', '/tmp', '/sandbox'],
      );
      const total = mounts.reduce((sum, [, bytes]) => sum + (bytes as number), 0);
      assert.ok(total <= (memoryMb * 1024 * 1024) / 2, `${memoryMb} MiB: ${total}`);
      for (const [, bytes] of mounts) assert.ok((bytes as number) <= 32 << 20 && (bytes as number) > 0);
      const perMount = mounts[0]![1] as number;
      assert.ok(args.includes(`--fsize=${perMount}:${perMount}`), 'RLIMIT_FSIZE follows the mount size');
      // An unsized tmpfs is unbounded: the only ones allowed are read-only afterwards.
      args.forEach((a, i) => {
        if (a !== '--tmpfs' || args[i - 2] === '--size') return;
        assert.ok(
          args
            .slice(i)
            .join(' ')
            .includes(`--remount-ro ${args[i + 1]}`),
          `unsized writable ${args[i + 1]}`,
        );
      });
    }
  });

  test('/dev (bwrap cannot size it) is read-only after /dev/shm is mounted, and /usr/local is read-only', () => {
    const { args } = planBwrap('/usr/bin/bwrap', req, opts);
    const at = (...seq: string[]) => args.findIndex((_, i) => seq.every((s, j) => args[i + j] === s));
    assert.ok(at('--remount-ro', '/dev') > at('--tmpfs', '/dev/shm'), 'remounted after its submount');
    assert.ok(at('--dev', '/dev') >= 0 && at('--dev', '/dev') < at('--remount-ro', '/dev'));
    if (args.includes('/usr/local'))
      assert.ok(at('--remount-ro', '/usr/local') > at('--tmpfs', '/usr/local'));
  });

  test('a tiny memory limit still leaves a usable page per mount', () => {
    assert.equal(writableMountBytes(0, 32 << 20), 4096);
    assert.equal(writableMountBytes(256, 32 << 20), 32 << 20);
    assert.equal(writableMountBytes(96, 32 << 20), 16 << 20);
  });
});

describe('write caps (gVisor spec)', () => {
  test('the runsc tmpfs mounts and FSIZE follow the same share of the memory limit', () => {
    const spec = ociSpec({ ...req, memoryMb: 48 }, '/x/main.py', '/x/etc', 32 << 20);
    const sizes = spec.mounts
      .filter((m) => m.type === 'tmpfs')
      .map((m) => Number(/size=(\d+)/.exec(('options' in m ? m.options : []).join(','))?.[1]));
    const total = sizes.reduce((a, b) => a + b, 0);
    assert.ok(sizes.length >= 2 && sizes.every((n) => n > 0), `every tmpfs sized: ${sizes}`);
    assert.ok(total <= (48 * 1024 * 1024) / 2 + 65536, `${total}`);
    const fsize = spec.process.rlimits.find((r) => r.type === 'RLIMIT_FSIZE');
    assert.equal(fsize?.hard, writableMountBytes(48, 32 << 20));
  });
});
