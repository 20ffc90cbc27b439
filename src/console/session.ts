// Console sessions: a stateless, HMAC-signed cookie naming the signed-in key; a CSRF token derived from it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'warden_session';
const SESSION_MS = 8 * 3600 * 1000;

export interface SessionData {
  /** Session id (random), also the CSRF seed. */
  sid: string;
  /** The API key the operator signed in with; re-validated on every request. */
  keyId: string;
  exp: number;
}

function mac(secret: Buffer, purpose: string, text: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${text}`).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function newSession(keyId: string): SessionData {
  return { sid: randomBytes(18).toString('base64url'), keyId, exp: Date.now() + SESSION_MS };
}

export function encodeSession(secret: Buffer, s: SessionData): string {
  const body = Buffer.from(JSON.stringify(s)).toString('base64url');
  return `${body}.${mac(secret, 'session', body)}`;
}

export function decodeSession(secret: Buffer, value: string | undefined): SessionData | undefined {
  if (!value) return undefined;
  const dot = value.indexOf('.');
  if (dot < 1) return undefined;
  const body = value.slice(0, dot);
  if (!safeEqual(value.slice(dot + 1), mac(secret, 'session', body))) return undefined;
  try {
    const s = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionData;
    if (typeof s.sid !== 'string' || typeof s.keyId !== 'string' || typeof s.exp !== 'number')
      return undefined;
    return s.exp > Date.now() ? s : undefined;
  } catch {
    return undefined;
  }
}

export function csrfToken(secret: Buffer, s: SessionData): string {
  return mac(secret, 'csrf', s.sid);
}

export function csrfValid(secret: Buffer, s: SessionData, token: string | undefined): boolean {
  return typeof token === 'string' && safeEqual(token, csrfToken(secret, s));
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export function sessionCookie(value: string, secure: boolean, maxAgeSec = SESSION_MS / 1000): string {
  return `${SESSION_COOKIE}=${value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}${secure ? '; Secure' : ''}`;
}

export function isSecure(req: IncomingMessage): boolean {
  return Boolean((req.socket as { encrypted?: boolean }).encrypted);
}
