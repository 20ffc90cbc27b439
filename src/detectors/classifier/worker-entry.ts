// The classifier's worker thread: opens the model once, then scores batches of texts posted by the gateway.
import { parentPort, workerData } from 'node:worker_threads';
import { ClassifierEngine } from './engine.js';
import { readModelDir } from './model-dir.js';
import type { ClassifierInit, FromClassifier, ToClassifier } from './protocol.js';

const port = parentPort!;
const init = (workerData as { init: ClassifierInit }).init;
const post = (m: FromClassifier) => port.postMessage(m);

try {
  const model = readModelDir(init.path, {
    ...(init.injectionLabels ? { injectionLabels: init.injectionLabels } : {}),
    ...(init.maxTokens ? { maxTokens: init.maxTokens } : {}),
  });
  const engine = await ClassifierEngine.open(model, { batchSize: init.batchSize, maxChars: init.maxChars });
  port.on('message', async (m: ToClassifier) => {
    if (m.t !== 'score') return;
    try {
      post({ t: 'reply', id: m.id, scores: await engine.score(m.texts) });
    } catch (err) {
      // A model error fails this batch (its callers block: fail closed); the worker keeps serving.
      post({ t: 'reply', id: m.id, e: String((err as Error)?.message ?? err).slice(0, 300) });
    }
  });
  post({
    t: 'ready',
    labels: model.labels,
    attack: model.attackIndices,
    inputs: [...engine.inputNames],
    maxTokens: model.maxTokens,
  });
} catch (err) {
  post({ t: 'fatal', e: String((err as Error)?.message ?? err).slice(0, 500) });
}
