// Traffic queries over the audit chain, answered by the backend's SQL (filters, pages, aggregates over the
// whole store), shared by SQLite and PostgreSQL: one filter builder, one choice of chart bucket.
import type { AuditRecord, StoredAuditRecord } from './types.js';

export const TRAFFIC_OUTCOMES = ['ok', 'blocked', 'filtered', 'error', 'pending'] as const;

/** Which API traffic to read; every field narrows (absent: any). Times are ISO instants, `to` exclusive. */
export interface TrafficFilter {
  principal?: string;
  outcome?: AuditRecord['outcome'];
  route?: string;
  from?: string;
  to?: string;
}

export interface TrafficPageQuery extends TrafficFilter {
  limit: number;
  offset: number;
}

export interface TrafficPage {
  rows: StoredAuditRecord[];
  /** Records matching the filter, all pages together. */
  total: number;
}

export interface TrafficStats {
  total: number;
  /** Oldest and newest matching record (null when none match). */
  first: string | null;
  last: string | null;
  /** Width of one chart bucket, chosen from the time range so that a chart has at most MAX_BUCKETS bars. */
  bucketSeconds: number;
  /** Requests per bucket start (unix seconds) and outcome. */
  buckets: { t: number; outcome: string; count: number }[];
  /** Block decisions per guard (a request blocked by two guards counts for each). */
  blocksByGuard: { guardId: string; count: number }[];
  /** Requests per route, for the route filter. */
  routes: { route: string; count: number }[];
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
