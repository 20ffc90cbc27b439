// Redis limit store: GCRA and leases as atomic Lua scripts on the server's clock, so replicas share exact limits.
import { Redis } from 'ioredis';
import type { GcraResult, RateSpec } from './gcra.js';
import type { LimitStore } from './store.js';

// Same arithmetic as gcra.ts, on Redis TIME (ms) so replica clocks do not matter.
const CONSUME = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cost, limit, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local interval = window / limit
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local newTat = tat + cost * interval
local allowAt = newTat - window
if now < allowAt or cost > limit then
  local remaining = math.max(0, math.floor((window - (tat - now)) / interval + 1e-9))
  return {0, tostring(allowAt - now), remaining, tostring(tat - now)}
end
redis.call('SET', KEYS[1], tostring(newTat), 'PX', math.ceil(newTat - now) + 1000)
local remaining = math.max(0, math.floor((window - (newTat - now)) / interval + 1e-9))
return {1, '0', remaining, tostring(newTat - now)}
`;

const ADJUST = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local delta, limit, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or tostring(now))
local newTat = math.max(now, tat + delta * (window / limit))
redis.call('SET', KEYS[1], tostring(newTat), 'PX', math.ceil(newTat - now) + 1000)
return 1
`;

const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) + 1000)
return 1
`;

type Cmd = (key: string, ...args: (string | number)[]) => Promise<unknown>;

export class RedisLimitStore implements LimitStore {
  readonly kind = 'redis';
  readonly redis: Redis;
  private readonly prefix: string;

  constructor(url: string, opts: { prefix?: string } = {}) {
    this.prefix = opts.prefix ?? 'warden:limits:';
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false });
    // Outages surface on the commands (503, fail closed) and in /readyz; the connection event must not crash.
    this.redis.on('error', () => {});
    this.redis.defineCommand('wardenConsume', { numberOfKeys: 1, lua: CONSUME });
    this.redis.defineCommand('wardenAdjust', { numberOfKeys: 1, lua: ADJUST });
    this.redis.defineCommand('wardenAcquire', { numberOfKeys: 1, lua: ACQUIRE });
  }

  private cmd(name: string): Cmd {
    return (this.redis as unknown as Record<string, Cmd>)[name]!.bind(this.redis);
  }

  async consume(key: string, cost: number, spec: RateSpec): Promise<GcraResult> {
    const [ok, retry, remaining, reset] = (await this.cmd('wardenConsume')(
      this.prefix + key,
      cost,
      spec.limit,
      spec.windowMs,
    )) as [number, string, number, string];
    return {
      allowed: ok === 1,
      retryAfterMs: cost > spec.limit ? Number.POSITIVE_INFINITY : Number(retry),
      remaining,
      resetMs: Number(reset),
      tat: 0,
    };
  }

  async adjust(key: string, delta: number, spec: RateSpec): Promise<void> {
    await this.cmd('wardenAdjust')(this.prefix + key, delta, spec.limit, spec.windowMs);
  }

  async acquire(key: string, lease: string, limit: number, ttlMs: number): Promise<boolean> {
    return (await this.cmd('wardenAcquire')(`${this.prefix}lease:${key}`, lease, limit, ttlMs)) === 1;
  }

  async release(key: string, lease: string): Promise<void> {
    await this.redis.zrem(`${this.prefix}lease:${key}`, lease);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Whether a Redis client is connected and answers a PING within the deadline (for /readyz). */
export async function redisReachable(redis: Redis, timeoutMs = 1_000): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([redis.ping().then((r) => r === 'PONG'), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
