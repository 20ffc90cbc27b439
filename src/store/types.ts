// Store interfaces shared by the memory, SQLite, Redis and PostgreSQL implementations.

export interface AuditDecision {
  guardId: string;
  phase: string;
  action: string;
  status: string;
  score?: number;
  code?: string;
  reason?: string;
  latencyMs?: number;
}

/** One audit record per request (or per administrative event); never raw prompt or response text. */
export interface AuditRecord {
  ts: string;
  requestId: string;
  /** 'request' for API traffic; other kinds for administrative events (ban, key.revoke, approval...). */
  kind: string;
  principal: string;
  tenant?: string;
  route?: string;
  model?: string;
  upstream?: string;
  status?: number;
  outcome: 'ok' | 'blocked' | 'filtered' | 'error' | 'pending' | 'event';
  code?: string;
  stream?: boolean;
  decisions?: AuditDecision[];
  latency?: { totalMs: number; upstreamMs?: number; firstByteMs?: number; guardMs?: number };
  usage?: { promptTokens?: number; completionTokens?: number; totalTokens?: number };
  excerpt?: string;
  detail?: Record<string, unknown>;
  /** The caller's own x-request-id, when it sent a well-formed one; never unique, never Warden's id. */
  clientRequestId?: string;
}

export interface StoredAuditRecord extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
  /** The exact stored JSON text the hash covers (present in exports, for external verification). */
  recordJson?: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  /** Records checked (every one from 1 on). */
  count: number;
  /** Of those, records of chain version 1 (unkeyed SHA-256, made before the audit key existed). */
  legacy: number;
  headSeq: number;
  headHash: string;
  /** First problem found, with the sequence number where it shows. */
  problem?: {
    seq: number;
    kind:
      | 'hash-mismatch'
      | 'chain-broken'
      | 'gap'
      | 'bad-record'
      | 'downgrade'
      | 'no-key'
      | 'wrong-key'
      | 'head-missing'
      | 'head-mismatch'
      | 'truncated'
      | 'no-store';
    detail: string;
  };
}

/** Whether the audit trail can take records: `unavailable` refuses requests (fail closed), `degraded` is not ready. */
export type AuditHealth =
  | { state: 'ok' }
  | { state: 'degraded'; reason: string; backlog: number }
  | { state: 'unavailable'; reason: string; backlog: number };

export interface AuditStore {
  /** Accepts a record durably (it survives a killed process) before returning; committing may be batched. */
  append(record: AuditRecord): unknown;
  /**
   * Accepts several records with ONE durable write (all survive a killed process once it returns, or it throws
   * and none is accepted); the gateway coalesces the records of one event-loop turn through it.
   */
  appendMany?(records: readonly AuditRecord[]): void;
  /** Commits anything accepted but not yet in the chain. */
  flush?(): void | Promise<void>;
  verify(): AuditVerifyResult | Promise<AuditVerifyResult>;
  export(): AsyncIterable<StoredAuditRecord> | Iterable<StoredAuditRecord>;
  recent?(limit: number): StoredAuditRecord[] | Promise<StoredAuditRecord[]>;
  /** A filtered page of API traffic and aggregates over the whole store (the console's Traffic page). */
  traffic?(q: TrafficPageQuery): Promise<TrafficPage>;
  trafficStats?(f: TrafficFilter): Promise<TrafficStats>;
  /** Current state: the gateway refuses requests while `unavailable` and reports anything but `ok` in /readyz. */
  health?(): AuditHealth;
  close(): void | Promise<void>;
}

/** An API key as stored: never the secret, only its keyed hash. */
export interface KeyRecord {
  /** Public id (the middle part of `wdn_<id>_<secret>`). */
  id: string;
  /** Stable principal id; a rotated key keeps its predecessor's, so limits and history carry over. */
  principal: string;
  name: string;
  owner?: string;
  tenant?: string;
  scopes: string[];
  /** Model allow-list (globs); empty means none. */
  models: string[];
  labels: Record<string, string>;
  hash: string;
  createdAt: number;
  expiresAt?: number;
  revokedAt?: number;
  /** Set on a key that was rotated: the id of its successor. */
  rotatedTo?: string;
}

export interface KeyStore {
  get(id: string): KeyRecord | undefined | Promise<KeyRecord | undefined>;
  put(record: KeyRecord): void | Promise<void>;
  update(id: string, patch: Partial<Omit<KeyRecord, 'id'>>): boolean | Promise<boolean>;
  list(): KeyRecord[] | Promise<KeyRecord[]>;
}

export interface BanRecord {
  principal: string;
  reason: string;
  by: string;
  createdAt: number;
  expiresAt?: number;
}

export interface BanStore {
  get(principal: string): BanRecord | undefined | Promise<BanRecord | undefined>;
  add(ban: BanRecord): void | Promise<void>;
  remove(principal: string): boolean | Promise<boolean>;
  list(): BanRecord[] | Promise<BanRecord[]>;
}

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired';

/** A human-approval request bound to one exact tool call of one principal. */
export interface ApprovalRecord {
  id: string;
  /** sha256 over the tool name, the canonical JSON of the parsed arguments and the requester. */
  callHash: string;
  tool: string;
  /** Canonical JSON of the arguments: shown to approvers, never logged. */
  arguments: string;
  /** Principal id of the requester. */
  requester: string;
  tenant?: string;
  route: string;
  model?: string;
  /** Why approval is needed (the guard's safe reason). */
  reason: string;
  /** Redacted context an approver needs: request id, an excerpt of the last user turn. */
  context: { requestId: string; excerpt?: string };
  status: ApprovalStatus;
  createdAt: number;
  /** Pending: when it expires (then denied). Approved: the deadline to redeem it. */
  expiresAt: number;
  decidedBy?: string;
  decidedAt?: number;
  decisionReason?: string;
  /** Set when an approved call was released (single use). */
  usedAt?: number;
}

export interface ApprovalListFilter {
  status?: ApprovalStatus;
  requester?: string;
  tenant?: string;
  limit?: number;
}

/**
 * The durable approval queue. Implementations report a pending record past its expiry as 'expired'.
 * Async so that shared stores (Redis, PostgreSQL) fit.
 */
export interface ApprovalStore {
  create(record: ApprovalRecord): Promise<void>;
  get(id: string, now: number): Promise<ApprovalRecord | undefined>;
  list(filter: ApprovalListFilter, now: number): Promise<ApprovalRecord[]>;
  /** A pending, unexpired approval of this requester for this exact call, if any. */
  findPending(requester: string, callHash: string, now: number): Promise<ApprovalRecord | undefined>;
  /** Decides a pending, unexpired approval (compare and set); undefined when it was not pending. */
  decide(
    id: string,
    decision: { status: 'approved' | 'denied'; by: string; reason?: string; at: number; expiresAt: number },
  ): Promise<ApprovalRecord | undefined>;
  /** Marks an approved, unexpired, unused approval of this call as used; true once only. */
  consume(id: string, callHash: string, now: number): Promise<boolean>;
  close?(): void | Promise<void>;
}

// Traffic queries over the audit chain (answered in SQL by src/store/audit-traffic.ts's builders).
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
