// The cascade's start-up check: a config naming a classifier without the optional runtime packages fails
// before any request, with the command that installs them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { INSTALL_HINT } from '../../../detectors/classifier/runtime.js';
import { checkInstalled } from './cascade.js';

test('without the runtime packages start-up fails with the install command', () => {
  // A real resolver rooted where no node_modules exist, as on a lean install.
  const dir = mkdtempSync(join(tmpdir(), 'warden-lean-'));
  try {
    const lean = createRequire(join(dir, 'x.js'));
    assert.throws(() => lean.resolve('onnxruntime-node'));
    assert.throws(
      () => checkInstalled((p) => lean.resolve(p)),
      (e: unknown) =>
        e instanceof Error &&
        e.message.includes('onnxruntime-node') &&
        e.message.includes(`install it with: ${INSTALL_HINT}`),
    );
    // only the tokenizer missing: that package is named
    assert.throws(
      () => checkInstalled((p) => (p === '@huggingface/tokenizers' ? lean.resolve(p) : p)),
      /needs the package @huggingface\/tokenizers; install it with: npm install onnxruntime-node@/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.doesNotThrow(() => checkInstalled(), 'installed here (devDependencies)');
});
