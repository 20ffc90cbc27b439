// Builds the configured extraction embedder (lexical by default, USE lite, or the deployment's /v1/embeddings).
import type { ExtractionEmbedderConfig } from '../config.js';
import { HttpEmbedder, httpEmbedderId } from './http.js';
import { LexicalEmbedder, lexicalEmbedderId } from './lexical.js';
import type { Embedder } from './types.js';
import { USE_EMBEDDER_ID, UseEmbedder } from './use.js';

export function createEmbedder(
  config: ExtractionEmbedderConfig,
  env: NodeJS.ProcessEnv = process.env,
): Embedder {
  switch (config.kind) {
    case 'lexical':
      return new LexicalEmbedder({ dim: config.dim });
    case 'use':
      return new UseEmbedder();
    case 'http': {
      const apiKey = config.apiKeyEnv ? env[config.apiKeyEnv] : undefined;
      return new HttpEmbedder({
        baseUrl: config.baseUrl,
        model: config.model,
        dim: config.dim,
        batchSize: config.batchSize,
        ...(apiKey ? { apiKey } : {}),
      });
    }
  }
}

/** The id the configured embedder will have (without building it). */
export function embedderId(config: ExtractionEmbedderConfig): string {
  switch (config.kind) {
    case 'lexical':
      return lexicalEmbedderId(config.dim);
    case 'use':
      return USE_EMBEDDER_ID;
    case 'http':
      return httpEmbedderId(config.model, config.dim);
  }
}
