// Failed-authentication throttling per client address: past the allowance, every attempt from that address
// is refused with 429 before any credential is looked at, so guessing keys gains nothing.
import { LRUCache } from 'lru-cache';
import { WardenError } from '../core/errors.js';
import { gcra, type RateSpec } from '../limits/gcra.js';

/** Codes that mean "a credential was presented and it was wrong": each one counts as a failure. */
const FAILURES = new Set([
  'WARDEN_AUTH_MALFORMED',
  'WARDEN_AUTH_INVALID',
  'WARDEN_KEY_REVOKED',
  'WARDEN_KEY_EXPIRED',
  'WARDEN_JWT_INVALID',
  'WARDEN_JWT_EXPIRED',
  'WARDEN_JWT_NOT_YET_VALID',
  'WARDEN_JWT_AUDIENCE',
  'WARDEN_JWT_ISSUER',
  'WARDEN_JWT_ALGORITHM',
  'WARDEN_JWT_UNKNOWN_KEY',
]);

export class AuthThrottle {
  /** Address -> GCRA theoretical arrival time of its failures; bounded, least recently failing go first. */
  private readonly tats: LRUCache<string, number>;

  constructor(private readonly spec: RateSpec) {
    this.tats = new LRUCache({ max: 100_000 });
  }

  /** Throws 429 WARDEN_AUTH_THROTTLED while the address has used up its failures. */
  check(address: string | undefined, now = Date.now()): void {
    if (address === undefined) return;
    const tat = this.tats.get(address);
    if (tat === undefined) return;
    const r = gcra(tat, now, 1, this.spec);
    if (r.allowed) return;
    const retryAfter = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
    throw new WardenError(
      'WARDEN_AUTH_THROTTLED',
      { retryAfter },
      { headers: { 'retry-after': String(retryAfter) } },
    );
  }

  /** Counts the error against the address when it is an authentication failure. */
  record(address: string | undefined, err: unknown, now = Date.now()): void {
    if (address === undefined || !(err instanceof WardenError) || !FAILURES.has(err.code)) return;
    const r = gcra(this.tats.get(address) ?? 0, now, 1, this.spec);
    if (r.allowed) this.tats.set(address, r.tat);
  }
}
