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
  count: number;
  headHash: string;
  /** First problem found, with the sequence number where it shows. */
  problem?: { seq: number; kind: 'hash-mismatch' | 'chain-broken' | 'gap' | 'bad-record'; detail: string };
}

export interface AuditStore {
  /** Accepts a record durably (it survives a killed process) before returning; committing may be batched. */
  append(record: AuditRecord): unknown;
  /** Commits anything accepted but not yet in the chain. */
  flush?(): void | Promise<void>;
  verify(): AuditVerifyResult | Promise<AuditVerifyResult>;
  export(): AsyncIterable<StoredAuditRecord> | Iterable<StoredAuditRecord>;
  recent?(limit: number): StoredAuditRecord[] | Promise<StoredAuditRecord[]>;
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
