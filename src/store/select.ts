// Chooses the backend of each store from the config: embedded SQLite unless redis/postgres are configured.
import type { WardenConfig } from '../config/schema.js';

export interface StoreChoice {
  audit: 'sqlite' | 'postgres';
  keys: 'sqlite' | 'postgres';
  bans: 'sqlite' | 'redis' | 'postgres';
  limits: 'sqlite' | 'memory' | 'redis';
}

/** Explicit `stores.*` / `limits.store` win; otherwise postgres takes keys+audit and redis takes bans+limits. */
export function resolveStores(config: WardenConfig): StoreChoice {
  const pg = config.postgres !== undefined;
  const redis = config.redis !== undefined;
  const choice: StoreChoice = {
    audit: config.stores.audit ?? (pg ? 'postgres' : 'sqlite'),
    keys: config.stores.keys ?? (pg ? 'postgres' : 'sqlite'),
    bans: config.stores.bans ?? (redis ? 'redis' : pg ? 'postgres' : 'sqlite'),
    limits: config.limits.store ?? (redis ? 'redis' : 'memory'),
  };
  if ((choice.bans === 'redis' || choice.limits === 'redis') && !redis)
    throw new Error('a store is set to redis but no redis.url is configured');
  if ((choice.audit === 'postgres' || choice.keys === 'postgres' || choice.bans === 'postgres') && !pg)
    throw new Error('a store is set to postgres but no postgres.url is configured');
  return choice;
}

/** Stores that must be shared for replicas to agree; a deployment with more than one replica needs them all. */
export function unsharedStores(choice: StoreChoice): string[] {
  const out: string[] = [];
  if (choice.audit === 'sqlite') out.push('audit');
  if (choice.keys === 'sqlite') out.push('keys');
  if (choice.bans === 'sqlite') out.push('bans');
  if (choice.limits !== 'redis') out.push('limits');
  return out;
}
