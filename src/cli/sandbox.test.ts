import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { skipUnless } from '../../test/fixtures/services.js';
import { runSandbox, SANDBOX_UNAVAILABLE_EXIT } from './sandbox.js';

const mainTs = resolve(import.meta.dirname, 'main.ts');

/** Runs the real CLI in a child process (the test runner itself talks over this process's stdout). */
function warden(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', mainTs, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('warden sandbox run', () => {
  test('a missing bubblewrap gives a clear error and exit code 125', async () => {
    const err: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((c: string | Uint8Array) =>
      err.push(String(c)) > 0) as typeof process.stderr.write;
    let code: number;
    try {
      code = await runSandbox(
        { lang: 'python', code: 'print(1)', backend: 'bwrap' },
        { bwrap: { bwrapPath: '/nonexistent/bwrap' } },
      );
    } finally {
      process.stderr.write = write;
    }
    assert.equal(code, SANDBOX_UNAVAILABLE_EXIT);
    assert.match(err.join(''), /bubblewrap \(bwrap\) is not installed.*apt-get install bubblewrap/);
  });

  test('--code and --file together are refused', () => {
    const r = warden('sandbox', 'run', '--lang', 'bash', '--code', 'true', '--file', '/dev/null');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /cannot be used with/);
  });

  test('prints the program output and exits with its exit code', {
    skip: skipUnless('warden sandbox run', 'bubblewrap'),
  }, () => {
    const code = 'import sys; print("out"); print("err", file=sys.stderr); sys.exit(7)';
    const r = warden('sandbox', 'run', '--lang', 'python', '--code', code);
    assert.equal(r.code, 7);
    assert.equal(r.stdout, 'out\n');
    assert.equal(r.stderr, 'err\n');
  });
});
