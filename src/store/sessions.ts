// Console sessions kept server-side, so signing out, revoking or rotating the key ends them at once.

export interface ConsoleSessionRecord {
  sid: string;
  keyId: string;
  /** Expiry (ms since the epoch). */
  exp: number;
}

export interface ConsoleSessionStore {
  create(s: ConsoleSessionRecord): void | Promise<void>;
  /** The live session with this id, or undefined (unknown, ended or expired). */
  get(sid: string): ConsoleSessionRecord | undefined | Promise<ConsoleSessionRecord | undefined>;
  /** Ends one session (sign-out). */
  end(sid: string): void | Promise<void>;
  /** Ends every session signed in with this key (revocation, rotation). */
  endForKey(keyId: string): void | Promise<void>;
}
