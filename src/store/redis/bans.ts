// Redis ban store: one hash of bans shared by every replica, read through on each request (one HGET), so a
// ban made through any replica is enforced by all of them on their next request.
import { Redis } from 'ioredis';
import type { BanRecord, BanStore } from '../types.js';

export class RedisBanStore implements BanStore {
  readonly redis: Redis;
  private readonly key: string;

  constructor(url: string, opts: { prefix?: string } = {}) {
    this.key = `${opts.prefix ?? 'warden:'}bans`;
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
    // Errors surface on the commands (the gate fails closed); the connection event alone must not crash us.
    this.redis.on('error', () => {});
  }

  private live(json: string | null): BanRecord | undefined {
    if (!json) return undefined;
    const ban = JSON.parse(json) as BanRecord;
    return ban.expiresAt !== undefined && ban.expiresAt <= Date.now() ? undefined : ban;
  }

  async get(principal: string): Promise<BanRecord | undefined> {
    return this.live(await this.redis.hget(this.key, principal));
  }

  async add(ban: BanRecord): Promise<void> {
    await this.redis.hset(this.key, ban.principal, JSON.stringify(ban));
  }

  async remove(principal: string): Promise<boolean> {
    return (await this.redis.hdel(this.key, principal)) > 0;
  }

  /** Active bans. Expired entries stay in the hash (inert) until lifted: deleting them here could race a re-ban. */
  async list(): Promise<BanRecord[]> {
    const all = await this.redis.hgetall(this.key);
    return Object.values(all)
      .map((json) => this.live(json))
      .filter((b): b is BanRecord => b !== undefined)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
