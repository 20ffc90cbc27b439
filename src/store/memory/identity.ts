// In-memory key and ban stores, for tests, benchmarks and single-process deployments without persistence.
import type { BanRecord, BanStore, KeyRecord, KeyStore } from '../types.js';

export class MemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, KeyRecord>();
  get(id: string): KeyRecord | undefined {
    return this.keys.get(id);
  }
  put(record: KeyRecord): void {
    this.keys.set(record.id, { ...record });
  }
  update(id: string, patch: Partial<Omit<KeyRecord, 'id'>>): boolean {
    const cur = this.keys.get(id);
    if (!cur) return false;
    this.keys.set(id, { ...cur, ...patch });
    return true;
  }
  list(): KeyRecord[] {
    return [...this.keys.values()];
  }
}

export class MemoryBanStore implements BanStore {
  private readonly bans = new Map<string, BanRecord>();
  get(principal: string): BanRecord | undefined {
    const ban = this.bans.get(principal);
    if (ban?.expiresAt !== undefined && ban.expiresAt <= Date.now()) {
      this.bans.delete(principal);
      return undefined;
    }
    return ban;
  }
  add(ban: BanRecord): void {
    this.bans.set(ban.principal, ban);
  }
  remove(principal: string): boolean {
    return this.bans.delete(principal);
  }
  list(): BanRecord[] {
    return [...this.bans.keys()].map((p) => this.get(p)).filter((b): b is BanRecord => b !== undefined);
  }
}
