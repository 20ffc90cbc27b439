// An embedder that calls the deployment's own OpenAI-compatible /v1/embeddings endpoint, in batches.
import { type Embedder, normalise } from './types.js';

export interface HttpEmbedderOptions {
  /** Base URL of the OpenAI-compatible API, e.g. http://127.0.0.1:8000 (the /v1/embeddings path is added). */
  baseUrl: string;
  model: string;
  /** Expected vector size; vectors of another size are rejected. */
  dim: number;
  apiKey?: string;
  batchSize?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface EmbeddingsResponse {
  data?: { index?: number; embedding?: unknown }[];
}

export const httpEmbedderId = (model: string, dim: number) => `http:${model}:${dim}`;

export class HttpEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;
  private readonly options: HttpEmbedderOptions;

  constructor(options: HttpEmbedderOptions) {
    this.options = options;
    this.dim = options.dim;
    this.id = httpEmbedderId(options.model, options.dim);
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const size = this.options.batchSize ?? 64;
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += size)
      out.push(...(await this.batch(texts.slice(i, i + size), signal)));
    return out;
  }

  private async batch(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    const res = await (this.options.fetch ?? fetch)(new URL('/v1/embeddings', this.options.baseUrl), {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: this.options.model, input: texts }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    // the status only: the body may echo input text
    if (!res.ok) throw new Error(`embeddings endpoint answered HTTP ${res.status}`);
    const json = (await res.json()) as EmbeddingsResponse;
    const rows = json.data ?? [];
    if (rows.length !== texts.length)
      throw new Error('embeddings endpoint returned a wrong number of vectors');
    const out: Float32Array[] = new Array(texts.length);
    rows.forEach((row, i) => {
      const e = row.embedding;
      if (!Array.isArray(e) || e.length !== this.dim)
        throw new Error('embeddings endpoint returned a bad vector');
      out[row.index ?? i] = normalise(Float32Array.from(e as number[]));
    });
    return out;
  }
}
