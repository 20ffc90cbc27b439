// Loads the optional inference packages by dynamic import, so the default install stays lean; a config that
// names a classifier without them fails at start-up with the command that installs them.

import type * as Tok from '@huggingface/tokenizers';
import type * as Ort from 'onnxruntime-node';

export const INSTALL_HINT = 'npm install onnxruntime-node@1.30.0 @huggingface/tokenizers@0.2.0';

export class ClassifierRuntimeMissing extends Error {}

export interface ClassifierRuntime {
  ort: typeof Ort;
  tokenizers: typeof Tok;
}

export async function loadClassifierRuntime(): Promise<ClassifierRuntime> {
  try {
    const [ort, tokenizers] = await Promise.all([
      import('onnxruntime-node'),
      import('@huggingface/tokenizers'),
    ]);
    return { ort, tokenizers };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new ClassifierRuntimeMissing(
        `classifier: the inference packages are not installed; run: ${INSTALL_HINT}`,
      );
    }
    throw err;
  }
}
