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

export interface VersionedExtractionState {
  record: ExtractionStateRecord | undefined;
  /** Opaque; changes on every write of the subject. */
  version: string;
}

export interface ExtractionStateStore {
  /**
   * Shared stores (other replicas write the same subjects) implement these two, and the monitor then folds
   * each batch by compare-and-set instead of from its cache: read a subject with its version, write it back
   * only if the version is unchanged, refold on conflict (docs/decisions/0920).
   */
  getVersioned?(subject: string): Promise<VersionedExtractionState>;
  /** Writes each record whose subject still has `version`; returns the subjects that changed meanwhile. */
  putIfUnchanged?(records: readonly { record: ExtractionStateRecord; version: string }[]): Promise<string[]>;
  get(subject: string): ExtractionStateRecord | undefined | Promise<ExtractionStateRecord | undefined>;
  putMany(records: readonly ExtractionStateRecord[]): void | Promise<void>;
  /** Every record, or only the given subject's. */
  list(subject?: string): ExtractionStateRecord[] | Promise<ExtractionStateRecord[]>;
  close(): void | Promise<void>;
}
