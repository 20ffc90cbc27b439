// The store of per-principal extraction statistics: opaque fixed-size blobs keyed by subject, so memory,
// SQLite and Redis hold the same bytes. Never holds query text.

export interface ExtractionStateRecord {
  /** A key principal, or `tenant:<id>` for a tenant aggregate. */
  subject: string;
  /** Identifies the statistics layout (embedder and shape); blobs of another space are ignored. */
  space: string;
  state: Uint8Array;
  /** Epoch ms of the last query folded in. */
  updatedAt: number;
  /** The last checkpoint verdict as JSON (scores and signals only). */
  lastVerdict?: string;
}

export interface ExtractionStateStore {
  /**
   * True when other processes (replicas) write the same subjects: a reader must not trust a cached copy
   * across batches. Read-modify-write is not atomic across replicas (see docs/decisions/0920).
   */
  readonly shared?: boolean;
  get(subject: string): ExtractionStateRecord | undefined | Promise<ExtractionStateRecord | undefined>;
  putMany(records: readonly ExtractionStateRecord[]): void | Promise<void>;
  /** Every record, or only the given subject's. */
  list(subject?: string): ExtractionStateRecord[] | Promise<ExtractionStateRecord[]>;
  close(): void | Promise<void>;
}
