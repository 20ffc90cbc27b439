// API key format and hashing: `wdn_<public id>_<secret>`; only a keyed hash of the secret is ever stored.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const KEY_PATTERN = /^wdn_([a-z0-9]{12})_([A-Za-z0-9]{40})$/;

function randomString(length: number, alphabet = ALPHABET): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    const b = bytes[i]!;
    // Rejection sampling keeps every character uniform.
    if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
  }
  return out.length === length ? out : randomString(length, alphabet);
}

export interface NewKey {
  id: string;
  secret: string;
  /** The full key as the client sends it; shown once, never stored. */
  token: string;
}

export function generateKey(): NewKey {
  const id = randomString(12, 'abcdefghijklmnopqrstuvwxyz0123456789');
  const secret = randomString(40);
  return { id, secret, token: `wdn_${id}_${secret}` };
}

export function parseKey(token: string): { id: string; secret: string } | undefined {
  const m = KEY_PATTERN.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

/** Keyed hash of a key secret (HMAC-SHA256 with the server secret). */
export function hashSecret(serverSecret: Buffer, secret: string): string {
  return createHmac('sha256', serverSecret).update(secret).digest('hex');
}

export function secretMatches(serverSecret: Buffer, secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(serverSecret, secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The server secret: WARDEN_SERVER_SECRET (hex or base64, >= 32 bytes), else a random one kept in the
 * data directory (mode 0600). Replicas must share it: set the variable for them.
 */
export function loadServerSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.WARDEN_SERVER_SECRET;
  if (fromEnv) {
    const buf = /^[0-9a-f]+$/i.test(fromEnv) ? Buffer.from(fromEnv, 'hex') : Buffer.from(fromEnv, 'base64');
    if (buf.length < 32)
      throw new Error('WARDEN_SERVER_SECRET must hold at least 32 bytes (64 hex characters)');
    return buf;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'server.secret');
  if (!existsSync(file)) createSecretFile(file);
  chmodSync(file, 0o600);
  return readServerSecretFile(file);
}

/** The bytes of a server.secret file. An empty or cut file would key every hash with fewer bytes (an empty HMAC
 * key is legal), so anything but 32 or more bytes as hex is refused. */
export function readServerSecretFile(file: string): Buffer {
  const text = readFileSync(file, 'utf8').trim();
  if (!/^(?:[0-9a-f]{2}){32,}$/i.test(text))
    throw new Error(
      `${file} must hold at least 32 bytes as hex (64 characters); it is damaged or not Warden's`,
    );
  return Buffer.from(text, 'hex');
}

/**
 * Writes a new secret file whole or not at all: the secret goes to a private temporary file that is then
 * hard-linked to its name, so a process starting at the same time (a second replica, `warden keys create`
 * beside `warden serve`) never reads it half-written, and the one that loses the race reads the winner's.
 */
function createSecretFile(file: string): void {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
}

/** Parses a duration such as 90s, 15m, 1h, 7d into milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/.exec(text.trim());
  if (!m) throw new Error(`'${text}' is not a duration (use e.g. 90s, 15m, 1h, 7d)`);
  const unit = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 }[m[2] as 'ms'];
  return Math.round(Number(m[1]) * unit);
}
