// Limit stores: where GCRA state and concurrency leases live (memory, SQLite, Redis behind one interface).
import { type GcraResult, gcra, gcraAdjust, type RateSpec } from './gcra.js';

export interface LimitStore {
  readonly kind: string;
  consume(key: string, cost: number, spec: RateSpec): GcraResult | Promise<GcraResult>;
  adjust(key: string, delta: number, spec: RateSpec): void | Promise<void>;
  /** Takes a concurrency lease; false when `limit` leases are already held. Leases expire after ttlMs. */
  acquire(key: string, lease: string, limit: number, ttlMs: number): boolean | Promise<boolean>;
  release(key: string, lease: string): void | Promise<void>;
  close?(): void | Promise<void>;
}

export class MemoryLimitStore implements LimitStore {
  readonly kind = 'memory';
  private readonly tats = new Map<string, number>();
  private readonly leases = new Map<string, Map<string, number>>();

  consume(key: string, cost: number, spec: RateSpec): GcraResult {
    const now = Date.now();
    const r = gcra(this.tats.get(key) ?? 0, now, cost, spec);
    if (r.allowed) this.tats.set(key, r.tat);
    if (this.tats.size > 100_000) this.sweep(now);
    return r;
  }

  adjust(key: string, delta: number, spec: RateSpec): void {
    const now = Date.now();
    this.tats.set(key, gcraAdjust(this.tats.get(key) ?? now, now, delta, spec));
  }

  acquire(key: string, lease: string, limit: number, ttlMs: number): boolean {
    const now = Date.now();
    let held = this.leases.get(key);
    if (!held) {
      held = new Map();
      this.leases.set(key, held);
    }
    for (const [id, exp] of held) if (exp <= now) held.delete(id);
    if (held.size >= limit) return false;
    held.set(lease, now + ttlMs);
    return true;
  }

  release(key: string, lease: string): void {
    const held = this.leases.get(key);
    held?.delete(lease);
    if (held?.size === 0) this.leases.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, tat] of this.tats) if (tat < now) this.tats.delete(k);
  }
}
