// Chooses the backend of each store from the config: embedded SQLite unless redis/postgres are configured.
import type { WardenConfig } from '../config/schema.js';

export interface StoreChoice {
  audit: 'sqlite' | 'postgres';
  keys: 'sqlite' | 'postgres';
  bans: 'sqlite' | 'redis' | 'postgres';
  limits: 'sqlite' | 'memory' | 'redis';
  approvals: 'sqlite' | 'memory' | 'postgres';
  extraction: 'sqlite' | 'redis';
}

/**
 * Explicit `stores.*` / `limits.store` / `approvals.store` win; otherwise postgres takes keys, audit and
 * approvals, and redis takes bans, limits and extraction statistics.
 */
export function resolveStores(config: WardenConfig): StoreChoice {
  const pg = config.postgres !== undefined;
  const redis = config.redis !== undefined;
  const choice: StoreChoice = {
    audit: config.stores.audit ?? (pg ? 'postgres' : 'sqlite'),
    keys: config.stores.keys ?? (pg ? 'postgres' : 'sqlite'),
    bans: config.stores.bans ?? (redis ? 'redis' : pg ? 'postgres' : 'sqlite'),
    limits: config.limits.store ?? (redis ? 'redis' : 'memory'),
    approvals: config.approvals.store ?? (pg ? 'postgres' : 'sqlite'),
    extraction: config.stores.extraction ?? (redis ? 'redis' : 'sqlite'),
  };
  if ((choice.bans === 'redis' || choice.limits === 'redis' || choice.extraction === 'redis') && !redis)
    throw new Error('a store is set to redis but no redis.url is configured');
  if (
    (choice.audit === 'postgres' ||
      choice.keys === 'postgres' ||
      choice.bans === 'postgres' ||
      choice.approvals === 'postgres') &&
    !pg
  )
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
  if (choice.approvals !== 'postgres') out.push('approvals');
  if (choice.extraction !== 'redis') out.push('extraction');
  return out;
}
