import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  boundedRequest,
  createRunCodeExecutor,
  runCodeResultContent,
  type SandboxBackend,
  type SandboxRequest,
  sandboxCeilings,
} from './index.js';

function recordingBackend() {
  const seen: SandboxRequest[] = [];
  const backend: SandboxBackend = {
    id: 'fake',
    run: async (req) => {
      seen.push(req);
      return {
        exitCode: 0,
        stdout: 'hi\n',
        stderr: '',
        timedOut: false,
        outputTruncated: false,
        durationMs: 1,
      };
    },
  };
  return { seen, backend };
}

describe('run_code tool executor', () => {
  test('valid arguments run with bounded limits', async () => {
    const { seen, backend } = recordingBackend();
    const exec = createRunCodeExecutor(backend, { timeoutMs: 10 ** 9 });
    const out = await exec(JSON.stringify({ language: 'python', code: 'print("hi")' }));
    assert.equal(out.status, 'ran');
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.timeoutMs, sandboxCeilings.timeoutMs);
    assert.equal(seen[0]!.lang, 'python');
    assert.deepEqual(JSON.parse(runCodeResultContent(out)), {
      exit_code: 0,
      stdout: 'hi\n',
      stderr: '',
      timed_out: false,
      output_truncated: false,
    });
  });

  test('bad JSON, unknown languages and extra fields are rejected without running', async () => {
    const { seen, backend } = recordingBackend();
    const exec = createRunCodeExecutor(backend);
    for (const args of [
      '{not json',
      JSON.stringify({ language: 'ruby', code: 'x' }),
      JSON.stringify({ language: 'bash', code: 'x', timeoutMs: 1e9 }),
      JSON.stringify({ language: 'bash', code: '' }),
    ]) {
      const out = await exec(args);
      assert.equal(out.status, 'rejected', args);
    }
    assert.equal(seen.length, 0);
  });

  test('rejection issues never echo the program text', async () => {
    const { backend } = recordingBackend();
    const out = await createRunCodeExecutor(backend)(
      JSON.stringify({ language: 'cobol', code: 'SECRET-PAYLOAD' }),
    );
    assert.ok(!runCodeResultContent(out).includes('SECRET-PAYLOAD'));
  });

  test('boundedRequest fills defaults and clamps to the ceilings', () => {
    const r = boundedRequest({ lang: 'bash', code: 'true', memoryMb: 1, maxOutputBytes: 1e12 });
    assert.equal(r.memoryMb, 32);
    assert.equal(r.maxOutputBytes, sandboxCeilings.maxOutputBytes);
    assert.equal(r.timeoutMs, 5_000);
  });
});
