// The gVisor backend against the escape cases that apply to it (it has its own kernel, so no host seccomp/ptrace cases).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { findRunsc, RunscSandbox } from './runsc.js';
import type { SandboxRequest } from './types.js';

function unavailable(): string | false {
  const runsc = findRunsc();
  if (!runsc) return 'gVisor is optional and not installed (apt-get install runsc)';
  if (process.getuid?.() !== 0) return 'the runsc backend needs root';
  const probe = spawnSync(runsc, ['--network=none', 'do', '/bin/true'], { env: {}, timeout: 20_000 });
  return probe.status === 0 ? false : 'runsc is installed but cannot start a sandbox on this host';
}

const repoRoot = resolve(import.meta.dirname, '../../..');

describe('sandbox escape cases (gVisor runsc)', { skip: unavailable() }, () => {
  let sandbox: RunscSandbox;
  const run = (lang: SandboxRequest['lang'], code: string, extra: Partial<SandboxRequest> = {}) =>
    sandbox.run({ lang, code, timeoutMs: 10_000, memoryMb: 256, maxOutputBytes: 64 * 1024, ...extra });
  before(() => {
    sandbox = new RunscSandbox();
  });

  test('no host variable is visible and host files are absent', async () => {
    const marker = `WARDEN_ESCAPE_MARKER_${randomBytes(8).toString('hex')}`;
    process.env.WARDEN_ESCAPE_MARKER = marker;
    try {
      const r = await run(
        'python',
        `import os; os.system('env > /tmp/secrets')\nprint(open('/tmp/secrets').read())\nprint(open('/proc/1/environ').read())\nfor p in ['/etc/shadow', ${JSON.stringify(repoRoot)}, '/root']: print(p, os.path.exists(p))`,
      );
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stdout, /^PATH=\/usr\/bin:\/bin$/m);
      assert.ok(!r.stdout.includes(marker) && !r.stdout.includes('WARDEN_ESCAPE_MARKER'));
      assert.doesNotMatch(r.stdout, / True$/m);
    } finally {
      delete process.env.WARDEN_ESCAPE_MARKER;
    }
  });

  test('host loopback and outside addresses are unreachable', async () => {
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
        `import socket\nfor host, port in [('127.0.0.1', ${port}), ('192.0.2.1', 80)]:\n  s = socket.socket(); s.settimeout(3)\n  try:\n    s.connect((host, port)); print(host, 'connected')\n  except OSError as e:\n    print(host, 'failed')`,
      );
      assert.match(r.stdout, /^127\.0\.0\.1 failed$/m, r.stdout + r.stderr);
      assert.match(r.stdout, /^192\.0\.2\.1 failed$/m);
      assert.equal(accepted, 0);
    } finally {
      server.close();
    }
  });

  test('an endless loop is killed at the timeout and the bundle is removed', async () => {
    const r = await run('python', 'while True: pass', { timeoutMs: 1_000 });
    assert.equal(r.killedBy, 'timeout');
    assert.ok(!readdirSync(tmpdir()).some((n) => n.startsWith('warden-runsc-')), 'bundle left behind');
  });

  test('fork and memory bombs stay inside', async () => {
    const r = await run(
      'python',
      'import os, time\nn = 0\ntry:\n  while True:\n    if os.fork() == 0:\n      time.sleep(30); os._exit(0)\n    n += 1\nexcept OSError:\n  print("forks", n)\nx = bytearray(1024 ** 3)\nprint("allocated")',
    );
    const m = /^forks (\d+)$/m.exec(r.stdout);
    assert.ok(m && Number(m[1]) < 64, r.stdout + r.stderr);
    assert.ok(!r.stdout.includes('allocated'));
  });

  test('filling the disk is stopped without touching the host disk', async () => {
    const r = await run(
      'python',
      "n = 0\ntry:\n  with open('/sandbox/fill', 'wb') as f:\n    while n < 1 << 30:\n      f.write(b'x' * (1 << 20)); f.flush(); n += 1 << 20\n  print('wrote', n)\nexcept OSError as e:\n  print('stopped', e.errno)",
    );
    assert.ok(!r.stdout.includes('wrote'), r.stdout);
    assert.ok(r.stdout.includes('stopped') || r.killedBy === 'memory-limit', r.stdout + r.stderr);
    assert.ok(!existsSync('/sandbox/fill'));
  });
});
