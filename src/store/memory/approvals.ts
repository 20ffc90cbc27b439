// An in-process approval store (tests, single-process demos); approvals do not survive a restart.
import type { ApprovalListFilter, ApprovalRecord, ApprovalStore } from '../types.js';

export function effectiveStatus(r: ApprovalRecord, now: number): ApprovalRecord {
  return r.status === 'pending' && r.expiresAt <= now ? { ...r, status: 'expired' } : r;
}

export class MemoryApprovalStore implements ApprovalStore {
  private readonly records = new Map<string, ApprovalRecord>();

  async create(record: ApprovalRecord): Promise<void> {
    if (this.records.has(record.id)) throw new Error('duplicate approval id');
    this.records.set(record.id, { ...record });
  }

  async get(id: string, now: number): Promise<ApprovalRecord | undefined> {
    const r = this.records.get(id);
    return r ? effectiveStatus({ ...r }, now) : undefined;
  }

  async list(filter: ApprovalListFilter, now: number): Promise<ApprovalRecord[]> {
    return [...this.records.values()]
      .map((r) => effectiveStatus({ ...r }, now))
      .filter(
        (r) =>
          (!filter.status || r.status === filter.status) &&
          (!filter.requester || r.requester === filter.requester) &&
          (!filter.tenant || r.tenant === filter.tenant),
      )
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, filter.limit ?? 100);
  }

  async findPending(requester: string, callHash: string, now: number): Promise<ApprovalRecord | undefined> {
    for (const r of this.records.values()) {
      if (r.requester === requester && r.callHash === callHash && r.status === 'pending' && r.expiresAt > now)
        return { ...r };
    }
    return undefined;
  }

  async decide(
    id: string,
    d: { status: 'approved' | 'denied'; by: string; reason?: string; at: number; expiresAt: number },
  ): Promise<ApprovalRecord | undefined> {
    const r = this.records.get(id);
    if (r?.status !== 'pending' || r.expiresAt <= d.at) return undefined;
    Object.assign(r, {
      status: d.status,
      decidedBy: d.by,
      decidedAt: d.at,
      expiresAt: d.expiresAt,
      ...(d.reason ? { decisionReason: d.reason } : {}),
    });
    return { ...r };
  }

  async consume(id: string, callHash: string, now: number): Promise<boolean> {
    const r = this.records.get(id);
    if (r?.status !== 'approved' || r.callHash !== callHash || r.usedAt !== undefined || r.expiresAt <= now)
      return false;
    r.usedAt = now;
    return true;
  }
}
