// Traffic queries over the audit chain, answered by the backend's SQL (filters, pages, aggregates over the
// whole store), shared by SQLite and PostgreSQL: one filter builder, one choice of chart bucket.
import type { TrafficFilter, TrafficStats } from './types.js';

export type { TrafficFilter, TrafficPage, TrafficPageQuery, TrafficStats } from './types.js';

export const TRAFFIC_OUTCOMES = ['ok', 'blocked', 'filtered', 'error', 'pending'] as const;

/** What the stats of an empty (or not yet created) store read as. */
export function noTraffic(): TrafficStats {
  return { total: 0, first: null, last: null, bucketSeconds: 60, buckets: [], blocksByGuard: [], routes: [] };
}

const MAX_BUCKETS = 120;
const BUCKETS = [60, 300, 900, 3_600, 6 * 3_600, 86_400, 7 * 86_400, 30 * 86_400];

/** The narrowest bucket that covers [firstMs, lastMs] in at most MAX_BUCKETS bars. */
export function bucketSeconds(firstMs: number, lastMs: number): number {
  const span = Math.max(0, lastMs - firstMs) / 1000;
  return BUCKETS.find((b) => span / b <= MAX_BUCKETS) ?? BUCKETS.at(-1)!;
}

export interface SqlDialect {
  /** The n-th (1-based) placeholder. */
  param(n: number): string;
  /** A text field of the stored record JSON. */
  field(name: 'route'): string;
}

export const sqliteDialect: SqlDialect = {
  param: () => '?',
  field: (name) => `json_extract(record, '$.${name}')`,
};

export const postgresDialect: SqlDialect = {
  param: (n) => `$${n}`,
  field: (name) => `(record::jsonb->>'${name}')`,
};

/** `WHERE ...` for API traffic (kind 'request') narrowed by the filter, with its parameters in order. */
export function trafficWhere(f: TrafficFilter, d: SqlDialect): { sql: string; params: unknown[] } {
  const parts = ["kind = 'request'"];
  const params: unknown[] = [];
  const add = (expr: string, value: unknown) => {
    params.push(value);
    parts.push(`${expr} ${d.param(params.length)}`);
  };
  if (f.principal) add('principal =', f.principal);
  if (f.outcome) add('outcome =', f.outcome);
  if (f.route) add(`${d.field('route')} =`, f.route);
  if (f.from) add('ts >=', f.from);
  if (f.to) add('ts <', f.to);
  return { sql: `WHERE ${parts.join(' AND ')}`, params };
}
