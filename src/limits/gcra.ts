// GCRA (generic cell rate algorithm): exact "N per window" limits with one number of state per key.

export interface RateSpec {
  /** How many units (requests or tokens) per window. */
  limit: number;
  windowMs: number;
}

export interface GcraResult {
  allowed: boolean;
  /** When denied: how long until this cost could pass. */
  retryAfterMs: number;
  /** Units still available right after this decision. */
  remaining: number;
  /** Time until the limit is fully replenished. */
  resetMs: number;
  /** The new theoretical arrival time to store (only meaningful when allowed). */
  tat: number;
}

/** Decides one request of `cost` units against the stored theoretical arrival time `storedTat`. */
export function gcra(storedTat: number, now: number, cost: number, spec: RateSpec): GcraResult {
  const interval = spec.windowMs / spec.limit;
  const tat = Math.max(storedTat, now);
  const newTat = tat + cost * interval;
  const allowAt = newTat - spec.windowMs;
  if (now < allowAt || cost > spec.limit) {
    return {
      allowed: false,
      retryAfterMs: cost > spec.limit ? Number.POSITIVE_INFINITY : allowAt - now,
      remaining: Math.max(0, Math.floor((spec.windowMs - (tat - now)) / interval + 1e-9)),
      resetMs: tat - now,
      tat,
    };
  }
  return {
    allowed: true,
    retryAfterMs: 0,
    remaining: Math.max(0, Math.floor((spec.windowMs - (newTat - now)) / interval + 1e-9)),
    resetMs: newTat - now,
    tat: newTat,
  };
}

/** Moves a stored theoretical arrival time by `delta` units (settlement: positive charges more, negative refunds). */
export function gcraAdjust(storedTat: number, now: number, delta: number, spec: RateSpec): number {
  const interval = spec.windowMs / spec.limit;
  return Math.max(now, storedTat + delta * interval);
}
