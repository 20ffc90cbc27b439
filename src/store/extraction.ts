// The store of per-principal extraction statistics: opaque fixed-size blobs keyed by subject, so memory,
// SQLite and (later) Redis hold the same bytes. Never holds query text.

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
  get(subject: string): ExtractionStateRecord | undefined | Promise<ExtractionStateRecord | undefined>;
  putMany(records: readonly ExtractionStateRecord[]): void | Promise<void>;
  /** Every record, or only the given subject's. */
  list(subject?: string): ExtractionStateRecord[] | Promise<ExtractionStateRecord[]>;
  close(): void | Promise<void>;
}
