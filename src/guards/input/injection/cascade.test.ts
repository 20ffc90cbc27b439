// The cascade's checks: a config naming a classifier without the optional runtime packages fails
// before any request, with the command that installs them; a text too long for the model fails closed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { INSTALL_HINT } from '../../../detectors/classifier/runtime.js';
import { ClassifierTextTooLong, checkInstalled, classifierOptions, InjectionCascade } from './cascade.js';

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

test('a text longer than maxChars that must reach the model fails closed instead of being read in part', async () => {
  const tiny = join(import.meta.dirname, '../../../../test/fixtures/tiny-classifier');
  const cascade = new InjectionCascade(
    classifierOptions.parse({ path: tiny, injectionLabels: ['LABEL_1'], maxChars: 1000, deadlineMs: 30_000 }),
  );
  try {
    const long = { text: 'x '.repeat(600), untrusted: true, lexical: 0, limit: 0.9 };
    await assert.rejects(cascade.decide([long]), ClassifierTextTooLong);
    // a long text the lexical stage decides alone (a user turn below the band) is not the model's business
    const [v] = await cascade.decide([{ ...long, untrusted: false }]);
    assert.deepEqual(v, { stage: 'lexical', attack: false });
  } finally {
    await cascade.close();
  }
});
