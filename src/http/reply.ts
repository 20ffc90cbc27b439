// Low-level HTTP replies shared by every domain: bounded body reads and OpenAI-shaped JSON and error replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OpenAIErrorBody, WardenError } from '../core/errors.js';

/** Reads a request body up to `limit` bytes; rejects larger bodies early (Content-Length) or as they stream. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    return Promise.reject(new WardenError('WARDEN_BODY_TOO_LARGE', { limit }));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (err) {
        // Stop reading; the reply goes out and the connection is closed after it.
        req.resume();
        reject(err);
      } else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) finish(new WardenError('WARDEN_BODY_TOO_LARGE', { limit }));
      else chunks.push(c);
    };
    const onEnd = () => finish();
    const onError = (e: Error) => finish(e);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | number> = {},
): void {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

export function sendError(
  res: ServerResponse,
  err: WardenError,
  requestId: string,
  headers: Record<string, string | number> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body: OpenAIErrorBody = err.toJSON();
  sendJson(res, err.status, body, { 'x-request-id': requestId, ...headers, ...err.headers });
}

export function wantsJson(req: IncomingMessage): boolean {
  const ct = req.headers['content-type'];
  if (ct === undefined) return true; // many clients omit it; the body must still parse as JSON
  return /^application\/(.+\+)?json\b/i.test(ct);
}
