// Builds the configured extraction embedder (lexical by default, USE lite, or the deployment's /v1/embeddings).
import type { ExtractionEmbedderConfig } from '../config.js';
import { HttpEmbedder } from './http.js';
import { LexicalEmbedder } from './lexical.js';
import type { Embedder } from './types.js';
import { UseEmbedder } from './use.js';

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
