// In-memory extraction state store (tests, single-process deployments without persistence).
import type { ExtractionStateRecord, ExtractionStateStore } from '../extraction.js';

export class MemoryExtractionStateStore implements ExtractionStateStore {
  private readonly records = new Map<string, ExtractionStateRecord>();

  get(subject: string): ExtractionStateRecord | undefined {
    const r = this.records.get(subject);
    return r && { ...r, state: Uint8Array.from(r.state) };
  }

  putMany(records: readonly ExtractionStateRecord[]): void {
    for (const r of records) this.records.set(r.subject, { ...r, state: Uint8Array.from(r.state) });
  }

  list(subject?: string): ExtractionStateRecord[] {
    const all = [...this.records.values()];
    return (subject === undefined ? all : all.filter((r) => r.subject === subject)).map((r) => ({
      ...r,
      state: Uint8Array.from(r.state),
    }));
  }

  close(): void {}
}
