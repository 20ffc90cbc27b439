// Request schemas for the OpenAI-compatible routes (shape only; which fields may be forwarded is decided per
// upstream by request-fields.ts).
import { z } from 'zod';

const model = z.string().min(1, 'model is required').max(256);

/** A completion maximum: a positive integer, or null for none (the limiter bounds it when it reserves). */
export const completionMax = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).nullable().optional();

const contentPart = z.looseObject({ type: z.string().min(1) });

const message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
});

export const chatRequestSchema = z.looseObject({
  model,
  messages: z.array(message).min(1, 'messages must hold at least one message'),
  stream: z.boolean().optional(),
  n: z.number().int().min(1).max(16).optional(),
  max_tokens: completionMax,
  max_completion_tokens: completionMax,
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
});

const tokens = z.array(z.number().int());
export const completionRequestSchema = z.looseObject({
  model,
  prompt: z.union([z.string(), z.array(z.string()), tokens, z.array(tokens)]),
  stream: z.boolean().optional(),
  n: z.number().int().min(1).max(16).optional(),
  max_tokens: completionMax,
});

export const embeddingRequestSchema = z.looseObject({
  model,
  input: z.union([z.string(), z.array(z.string()).min(1), tokens.min(1), z.array(tokens).min(1)]),
});

/** A one-line, client-safe description of the first schema problems. */
export function describeSchemaError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
}
