// Per-principal budget of guard CPU time: milliseconds of detector work per sliding window, refused past it.
import { LRUCache } from 'lru-cache';

export interface CpuBudgetOptions {
  /** Detector milliseconds one principal may use per window. */
  msPerWindow: number;
  windowMs: number;
  /** Principals tracked at once; the least recently seen is forgotten first (a flood cannot grow the map). */
  maxPrincipals?: number;
}

export type CpuAdmission = { kind: 'admit' } | { kind: 'exhausted'; retryAfterMs: number };

interface Usage {
  /** Start of the current fixed window. */
  start: number;
  current: number;
  previous: number;
}

/**
 * A sliding-window estimate over two fixed windows (the previous one weighted by how much of it still overlaps),
 * so a principal cannot spend two budgets across a window edge.
 */
export class CpuBudget {
  private readonly usage: LRUCache<string, Usage>;

  constructor(
    private readonly opts: CpuBudgetOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.usage = new LRUCache({ max: opts.maxPrincipals ?? 50_000 });
  }

  private roll(principal: string): Usage {
    const t = this.now();
    const u = this.usage.get(principal);
    if (!u) {
      const fresh = { start: t - (t % this.opts.windowMs), current: 0, previous: 0 };
      this.usage.set(principal, fresh);
      return fresh;
    }
    const elapsed = Math.floor((t - u.start) / this.opts.windowMs);
    if (elapsed >= 1) {
      u.previous = elapsed === 1 ? u.current : 0;
      u.current = 0;
      u.start += elapsed * this.opts.windowMs;
    }
    return u;
  }

  /** Milliseconds counted against the principal now. */
  spent(principal: string): number {
    const u = this.roll(principal);
    const overlap = 1 - (this.now() - u.start) / this.opts.windowMs;
    return u.current + u.previous * overlap;
  }

  /** Whether the principal may start more detector work now, and if not, when it may (with no further use). */
  admit(principal: string): CpuAdmission {
    if (this.spent(principal) < this.opts.msPerWindow) return { kind: 'admit' };
    const u = this.roll(principal);
    const { msPerWindow: budget, windowMs } = this.opts;
    const into = (this.now() - u.start) / windowMs;
    // The current window alone is over: it decays through the next window once it becomes the previous one.
    // Otherwise the previous window's weight must slide out far enough to leave room under the budget.
    const wait =
      u.current >= budget
        ? 1 - into + (1 - budget / u.current)
        : 1 - (budget - u.current) / u.previous - into;
    return { kind: 'exhausted', retryAfterMs: Math.max(1, Math.ceil(wait * windowMs)) };
  }

  charge(principal: string, ms: number): void {
    if (!(ms > 0)) return;
    this.roll(principal).current += ms;
  }
}
