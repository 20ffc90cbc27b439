// The one request-body reader for routes that declare a body: size limit, content type, parsing, depth, zod.
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { WardenError } from '../core/errors.js';
import { readBody, wantsJson } from './reply.js';

/** What a route's body must be; the router reads and validates it before the handler runs. */
export interface BodySpec<B> {
  /** Validates the parsed body; its output is what the handler gets. */
  schema: z.ZodType<B>;
  /** `json` (default; an empty body reads as `{}`) or an HTML form (application/x-www-form-urlencoded). */
  type?: 'json' | 'form';
  /** Largest body for this route; never more than the configured `server.maxBodyBytes`. */
  limit?: number;
  /** Replaces JSON.parse (e.g. a reader that refuses duplicate keys); throws on bad input. */
  parse?: (text: string) => unknown;
}

export interface BodyLimits {
  maxBodyBytes: number;
  maxJsonDepth: number;
}

const FORM = /^application\/x-www-form-urlencoded\b/i;

/** Reads, parses and validates a body; every failure is a WardenError with the registry's codes. */
export async function readRouteBody<B>(
  req: IncomingMessage,
  spec: BodySpec<B>,
  limits: BodyLimits,
): Promise<B> {
  const form = spec.type === 'form';
  const ct = req.headers['content-type'];
  if (form ? ct !== undefined && !FORM.test(ct) : !wantsJson(req)) {
    throw new WardenError(
      'WARDEN_UNSUPPORTED_MEDIA_TYPE',
      {},
      form ? { message: 'Content-Type must be application/x-www-form-urlencoded' } : {},
    );
  }
  const limit = Math.min(spec.limit ?? limits.maxBodyBytes, limits.maxBodyBytes);
  const text = (await readBody(req, limit)).toString('utf8');
  let parsed: unknown;
  if (form) parsed = Object.fromEntries(new URLSearchParams(text));
  else if (text.trim() === '') parsed = {};
  else {
    try {
      parsed = (spec.parse ?? JSON.parse)(text);
    } catch (err) {
      throw new WardenError('WARDEN_BAD_JSON', { detail: parseErrorDetail(err) });
    }
    if (jsonDepthExceeds(parsed, limits.maxJsonDepth))
      throw new WardenError('WARDEN_JSON_TOO_DEEP', { limit: limits.maxJsonDepth });
  }
  const valid = spec.schema.safeParse(parsed);
  if (!valid.success) throw new WardenError('WARDEN_BAD_REQUEST', { detail: describeIssues(valid.error) });
  return valid.data;
}

/** A zod error as a short, safe detail: the first few paths and messages, never the offending values. */
/**
 * A JSON parse error's message without the input: V8 quotes the text around the fault (`Unexpected token 'A',
 * "AKIA7Q2W3E"... is not valid JSON`), which may be a credential the caller pasted. Messages that quote only
 * JSON punctuation (`Expected ',' or '}' after property value in JSON at position 47`) are kept.
 */
export function parseErrorDetail(err: unknown): string {
  const msg = err instanceof Error ? err.message : '';
  if (msg.startsWith('Unexpected end of JSON input')) return 'unexpected end of input';
  const at = /at position (\d+)/.exec(msg);
  if (at && !msg.includes('"') && !msg.startsWith('Unexpected token')) return msg.slice(0, 120);
  return at ? `syntax error at position ${at[1]}` : 'syntax error';
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
}

/** True when a parsed JSON value nests deeper than `limit` (iterative: no recursion on hostile input). */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  // Two parallel stacks and no per-node arrays: this runs on every request body.
  const values: object[] = [];
  const depths: number[] = [];
  if (value !== null && typeof value === 'object') {
    values.push(value);
    depths.push(1);
  }
  while (values.length > 0) {
    const v = values.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child: unknown = v[i];
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        const child: unknown = (v as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}
