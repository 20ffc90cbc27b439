// Paces requests to a target: a leaky bucket that backs off when the target answers 429 and recovers slowly.
import { setTimeout as sleep } from 'node:timers/promises';

export interface PacerOptions {
  /** The ceiling in requests per second (undefined = no ceiling until the target pushes back). */
  ratePerSecond?: number;
  /** Pause used when a 429 carries no Retry-After (ms). */
  defaultPauseMs?: number;
  /** The longest Retry-After honoured (ms); longer values are clipped to it. */
  maxPauseMs?: number;
}

export interface PacerState {
  /** The rate now allowed, in requests per second (undefined = unlimited). */
  ratePerSecond: number | undefined;
  /** 429 answers seen. */
  throttled: number;
}

export interface Pacer {
  /** Resolves when the next request may go out. */
  wait(signal?: AbortSignal): Promise<void>;
  /** The target said "too many requests": pause everyone and halve the rate. */
  throttled(retryAfterMs?: number): void;
  /** A request went through: creep the rate back towards the ceiling. */
  succeeded(): void;
  state(): PacerState;
}

/** Slowest pace the backoff goes to: one request every ten seconds. */
const MAX_GAP_MS = 10_000;
/** The gap a first 429 on an unpaced run starts from (20 requests per second). */
const FIRST_GAP_MS = 50;
/** Each success shortens the gap by this factor (about +2% rate). */
const RECOVERY = 0.98;

export function adaptivePacer(opts: PacerOptions = {}): Pacer {
  const floorGap = opts.ratePerSecond && opts.ratePerSecond > 0 ? 1000 / opts.ratePerSecond : 0;
  const defaultPause = opts.defaultPauseMs ?? 1000;
  const maxPause = opts.maxPauseMs ?? 120_000;
  let gap = floorGap;
  let next = 0;
  let pausedUntil = 0;
  let throttles = 0;
  return {
    async wait(signal) {
      const now = Date.now();
      const at = Math.max(now, next, pausedUntil);
      next = at + gap;
      if (at > now) await sleep(at - now, undefined, signal ? { signal } : undefined).catch(() => {});
    },
    throttled(retryAfterMs) {
      throttles++;
      const now = Date.now();
      // Workers in flight during one burst all see 429: back off once per pause, not once per worker.
      if (now >= pausedUntil)
        gap = Math.min(MAX_GAP_MS, gap > 0 ? gap * 2 : Math.max(FIRST_GAP_MS, floorGap));
      const pause = Math.min(maxPause, Math.max(0, retryAfterMs ?? defaultPause));
      pausedUntil = Math.max(pausedUntil, now + pause);
      next = Math.max(next, pausedUntil);
    },
    succeeded() {
      if (gap <= floorGap) return;
      gap = Math.max(floorGap, gap * RECOVERY);
      if (floorGap === 0 && gap < 1) gap = 0;
    },
    state: () => ({ ratePerSecond: gap > 0 ? 1000 / gap : undefined, throttled: throttles }),
  };
}

/** Parses a Retry-After header (delta seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  const trimmed = v.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
