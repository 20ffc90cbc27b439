// Administrative operations on keys and bans, shared by the admin API and the CLI; every change is audited.
import { WardenError } from '../core/errors.js';
import type { ConsoleSessionStore } from '../store/sessions.js';
import type { AuditStore, BanRecord, BanStore, KeyRecord, KeyStore } from '../store/types.js';
import { generateKey, hashSecret } from './keys.js';

export const DEFAULT_KEY_SCOPES = ['chat', 'completions', 'embeddings', 'models'];
export const KNOWN_SCOPES = [
  'chat',
  'completions',
  'embeddings',
  'models',
  'admin',
  'approver',
  'scan',
  'metrics',
];

export interface CreateKeyInput {
  name: string;
  owner?: string;
  tenant?: string;
  scopes?: string[];
  models?: string[];
  expiresInMs?: number;
  labels?: Record<string, string>;
}

/** A key as shown to operators: everything but the hash. */
export type KeyView = Omit<KeyRecord, 'hash'> & { status: 'active' | 'revoked' | 'expired' };

export function keyView(rec: KeyRecord, now = Date.now()): KeyView {
  const { hash: _hash, ...rest } = rec;
  const status =
    rec.revokedAt !== undefined
      ? 'revoked'
      : rec.expiresAt !== undefined && rec.expiresAt <= now
        ? 'expired'
        : 'active';
  return { ...rest, status };
}

export class IdentityAdmin {
  constructor(
    private readonly deps: {
      keys: KeyStore;
      bans: BanStore;
      serverSecret: Buffer;
      audit?: AuditStore;
      /** Console sessions to end when their key is revoked or rotated. */
      sessions?: ConsoleSessionStore;
    },
  ) {}

  private event(kind: string, actor: string, detail: Record<string, unknown>): void {
    this.deps.audit?.append({
      ts: new Date().toISOString(),
      requestId: `admin-${Date.now().toString(36)}`,
      kind,
      principal: actor,
      outcome: 'event',
      detail,
    });
  }

  async createKey(
    input: CreateKeyInput,
    actor: string,
    principal?: string,
  ): Promise<{ token: string; key: KeyView }> {
    const scopes = input.scopes ?? DEFAULT_KEY_SCOPES;
    const unknown = scopes.filter((s) => !KNOWN_SCOPES.includes(s));
    if (unknown.length > 0) {
      throw new WardenError('WARDEN_BAD_REQUEST', {
        detail: `unknown scope(s): ${unknown.join(', ')} (known: ${KNOWN_SCOPES.join(', ')})`,
      });
    }
    if (!input.name || input.name.length > 100)
      throw new WardenError('WARDEN_BAD_REQUEST', { detail: 'name is required (1-100 characters)' });
    const k = generateKey();
    const now = Date.now();
    const rec: KeyRecord = {
      id: k.id,
      principal: principal ?? `key:${k.id}`,
      name: input.name,
      scopes,
      models: input.models ?? ['*'],
      labels: input.labels ?? {},
      hash: hashSecret(this.deps.serverSecret, k.secret),
      createdAt: now,
      ...(input.owner ? { owner: input.owner } : {}),
      ...(input.tenant ? { tenant: input.tenant } : {}),
      ...(input.expiresInMs ? { expiresAt: now + input.expiresInMs } : {}),
    };
    await this.deps.keys.put(rec);
    this.event('key.create', actor, { keyId: rec.id, name: rec.name, scopes, models: rec.models });
    return { token: k.token, key: keyView(rec) };
  }

  async listKeys(): Promise<KeyView[]> {
    const now = Date.now();
    return (await this.deps.keys.list()).map((r) => keyView(r, now));
  }

  private async mustGet(id: string): Promise<KeyRecord> {
    const rec = await this.deps.keys.get(id);
    if (!rec) throw new WardenError('WARDEN_ADMIN_NOT_FOUND', { what: `key ${id.slice(0, 40)}` });
    return rec;
  }

  async revokeKey(id: string, actor: string): Promise<KeyView> {
    const rec = await this.mustGet(id);
    const revokedAt = rec.revokedAt ?? Date.now();
    await this.deps.keys.update(id, { revokedAt });
    await this.deps.sessions?.endForKey(id);
    this.event('key.revoke', actor, { keyId: id });
    return keyView({ ...rec, revokedAt });
  }

  /** Issues a successor with the same principal and privileges; the old key stays valid for `graceMs`. */
  async rotateKey(
    id: string,
    graceMs: number,
    actor: string,
  ): Promise<{ token: string; key: KeyView; previous: KeyView }> {
    const old = await this.mustGet(id);
    if (old.revokedAt !== undefined)
      throw new WardenError('WARDEN_BAD_REQUEST', { detail: 'a revoked key cannot be rotated' });
    const remaining = old.expiresAt !== undefined ? old.expiresAt - Date.now() : undefined;
    const next = await this.createKey(
      {
        name: old.name,
        scopes: old.scopes,
        models: old.models,
        labels: old.labels,
        ...(old.owner ? { owner: old.owner } : {}),
        ...(old.tenant ? { tenant: old.tenant } : {}),
        ...(remaining !== undefined && remaining > 0 ? { expiresInMs: remaining } : {}),
      },
      actor,
      old.principal,
    );
    const expiresAt = Math.min(old.expiresAt ?? Number.POSITIVE_INFINITY, Date.now() + graceMs);
    await this.deps.keys.update(id, { expiresAt, rotatedTo: next.key.id });
    await this.deps.sessions?.endForKey(id);
    this.event('key.rotate', actor, { keyId: id, successor: next.key.id, graceMs });
    return { ...next, previous: keyView({ ...old, expiresAt, rotatedTo: next.key.id }) };
  }

  async addBan(
    principal: string,
    reason: string,
    expiresInMs: number | undefined,
    actor: string,
  ): Promise<BanRecord> {
    if (!principal) throw new WardenError('WARDEN_BAD_REQUEST', { detail: 'principal is required' });
    const ban: BanRecord = {
      principal,
      reason: reason || 'no reason given',
      by: actor,
      createdAt: Date.now(),
      ...(expiresInMs ? { expiresAt: Date.now() + expiresInMs } : {}),
    };
    await this.deps.bans.add(ban);
    this.event('ban.add', actor, { banned: principal, reason: ban.reason, expiresAt: ban.expiresAt });
    return ban;
  }

  async removeBan(principal: string, actor: string): Promise<boolean> {
    const removed = await this.deps.bans.remove(principal);
    if (removed) this.event('ban.remove', actor, { banned: principal });
    return removed;
  }

  async listBans(): Promise<BanRecord[]> {
    return this.deps.bans.list();
  }
}
