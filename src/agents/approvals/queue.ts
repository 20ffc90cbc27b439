// The approval queue: creates approvals bound to exact calls, lets approvers decide, waits for decisions, redeems them.
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Principal } from '../../core/context.js';
import { WardenError } from '../../core/errors.js';
import type { ApprovalListFilter, ApprovalRecord, ApprovalStore, AuditStore } from '../../store/types.js';
import { canonicalJson, safeName } from '../policy.js';
import { notifyWebhook } from './webhook.js';

export interface ApprovalQueueOptions {
  store: ApprovalStore;
  log: Logger;
  /** How long a pending approval waits for a decision before it expires (deny). */
  ttlMs: number;
  /** How long an approved call may be redeemed by resubmission. */
  redeemMs: number;
  /** Store polling interval while holding (sees decisions made by other replicas, also without a notifier). */
  pollMs: number;
  /** Most pending approvals per requester. */
  maxPending?: number;
  audit?: AuditStore;
  webhook?: { url: string; timeoutMs: number };
  /** Cross-replica wake-up of holders when a decision is taken elsewhere (Redis pub/sub). */
  notifier?: {
    publish(approvalId: string): void;
    subscribe(onDecided: (approvalId: string) => void): void;
  };
  now?: () => number;
}

/** Where a call sits in its response: choice index, position among the choice's calls, how many calls. */
export interface CallPlace {
  choice: number;
  position: number;
  count: number;
}

export interface CallToApprove {
  principal: Principal;
  /** 'chat', or 'mcp:<server>'. */
  route: string;
  model?: string;
  /** The tool name exactly as the model wrote it (what the executor receives). */
  tool: string;
  /** The validated arguments (one JSON object, see agents/arguments.ts). */
  args: Record<string, unknown>;
  place: CallPlace;
  reason: string;
  requestId: string;
  excerpt?: string;
}

export const APPROVER_SCOPES = ['approver', 'admin'] as const;

/**
 * The binding between an approval and one exact call (decision 1700): route, model, principal, tool, canonical
 * validated arguments and the call's place in its response; never the upstream's call id, which changes when
 * the model is asked again.
 */
export function callHash(
  c: Pick<CallToApprove, 'route' | 'model' | 'tool' | 'args' | 'place'> & {
    principalId: string;
  },
): string {
  const { choice, position, count } = c.place;
  return createHash('sha256')
    .update(
      JSON.stringify([
        'call/v2',
        c.route,
        c.model ?? '',
        c.principalId,
        c.tool,
        canonicalJson(c.args),
        choice,
        position,
        count,
      ]),
    )
    .digest('hex');
}

export class ApprovalQueue {
  private readonly events = new EventEmitter();
  private readonly now: () => number;

  constructor(private readonly opts: ApprovalQueueOptions) {
    this.now = opts.now ?? Date.now;
    this.events.setMaxListeners(0);
    opts.notifier?.subscribe((id) => this.events.emit('decided', { id }));
  }

  /** Returns the pending approval for this exact call, creating (and announcing) one when there is none. */
  async request(c: CallToApprove): Promise<ApprovalRecord> {
    const hash = callHash({ ...c, principalId: c.principal.id });
    const now = this.now();
    const existing = await this.opts.store.findPending(c.principal.id, hash, now);
    if (existing) return existing;
    const limit = this.opts.maxPending ?? 50;
    const pending = await this.opts.store.list({ status: 'pending', requester: c.principal.id, limit }, now);
    if (pending.length >= limit)
      throw new WardenError('WARDEN_APPROVAL_LIMIT', { principal: c.principal.id, limit });
    const record: ApprovalRecord = {
      id: `apr_${randomBytes(12).toString('base64url')}`,
      callHash: hash,
      tool: c.tool,
      arguments: canonicalJson(c.args),
      requester: c.principal.id,
      ...(c.principal.tenant ? { tenant: c.principal.tenant } : {}),
      route: c.route,
      ...(c.model ? { model: c.model } : {}),
      reason: c.reason,
      context: { requestId: c.requestId, ...(c.excerpt ? { excerpt: c.excerpt } : {}) },
      status: 'pending',
      createdAt: now,
      expiresAt: now + this.opts.ttlMs,
    };
    await this.opts.store.create(record);
    this.event('approval.create', record.requester, record);
    // Arguments are never logged: only the tool name and ids.
    this.opts.log.info(
      { approvalId: record.id, tool: safeName(record.tool), requester: record.requester },
      'tool call held for approval',
    );
    if (this.opts.webhook) notifyWebhook(this.opts.webhook, record, this.opts.log);
    return record;
  }

  get(id: string): Promise<ApprovalRecord | undefined> {
    return this.opts.store.get(id, this.now());
  }

  /** Approvals an approver may see: admins see all, a tenant-bound approver sees its tenant's. */
  list(viewer: Principal, filter: Omit<ApprovalListFilter, 'tenant'> = {}): Promise<ApprovalRecord[]> {
    const tenant = viewer.scopes.includes('admin') ? undefined : viewer.tenant;
    return this.opts.store.list({ ...filter, ...(tenant ? { tenant } : {}) }, this.now());
  }

  /** Whether this principal may see or decide this approval as an approver. */
  canReview(viewer: Principal, r: ApprovalRecord): boolean {
    if (!APPROVER_SCOPES.some((s) => viewer.scopes.includes(s))) return false;
    if (viewer.scopes.includes('admin')) return true;
    return viewer.tenant === undefined || viewer.tenant === r.tenant;
  }

  /** Approves or denies a pending approval; the requester can never decide its own call. */
  async decide(
    id: string,
    approver: Principal,
    status: 'approved' | 'denied',
    reason?: string,
  ): Promise<ApprovalRecord> {
    const current = await this.get(id);
    if (!current || !this.canReview(approver, current))
      throw new WardenError('WARDEN_ADMIN_NOT_FOUND', { what: 'approval' });
    if (current.requester === approver.id) throw new WardenError('WARDEN_APPROVAL_SELF', {});
    if (current.status !== 'pending')
      throw new WardenError('WARDEN_APPROVAL_CONFLICT', { approvalId: id, status: current.status });
    const at = this.now();
    const decided = await this.opts.store.decide(id, {
      status,
      by: approver.id,
      ...(reason ? { reason } : {}),
      at,
      expiresAt: status === 'approved' ? at + this.opts.redeemMs : current.expiresAt,
    });
    if (!decided) {
      const again = await this.get(id);
      throw new WardenError('WARDEN_APPROVAL_CONFLICT', {
        approvalId: id,
        status: again?.status ?? 'unknown',
      });
    }
    this.event(status === 'approved' ? 'approval.approve' : 'approval.deny', approver.id, decided);
    this.events.emit('decided', decided);
    this.opts.notifier?.publish(id);
    return decided;
  }

  /** Waits until none of the approvals is pending, or the hold ends; returns their latest state. */
  async waitAll(ids: readonly string[], holdMs: number, signal?: AbortSignal): Promise<ApprovalRecord[]> {
    const deadline = this.now() + holdMs;
    const read = async () => {
      const out: ApprovalRecord[] = [];
      for (const id of ids) {
        const r = await this.get(id);
        if (r) out.push(r);
      }
      return out;
    };
    let latest = await read();
    while (latest.some((r) => r.status === 'pending') && this.now() < deadline && !signal?.aborted) {
      const wait = Math.min(this.opts.pollMs, Math.max(0, deadline - this.now()));
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.events.off('decided', onDecided);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const onDecided = (r: Pick<ApprovalRecord, 'id'>) => {
          if (ids.includes(r.id)) done();
        };
        const timer = setTimeout(done, wait);
        this.events.on('decided', onDecided);
        signal?.addEventListener('abort', done, { once: true });
      });
      latest = await read();
    }
    return latest;
  }

  /** Redeems an approved call once; false when not approved, expired, already used or for another call. */
  consume(id: string, hash: string): Promise<boolean> {
    return this.opts.store.consume(id, hash, this.now());
  }

  private event(kind: string, actor: string, r: ApprovalRecord): void {
    try {
      this.opts.audit?.append({
        ts: new Date(this.now()).toISOString(),
        requestId: r.context.requestId,
        kind,
        principal: actor,
        ...(r.tenant ? { tenant: r.tenant } : {}),
        outcome: 'event',
        detail: { approvalId: r.id, tool: safeName(r.tool), requester: r.requester, status: r.status },
      });
    } catch (err) {
      this.opts.log.error({ err: (err as Error).name, approvalId: r.id }, 'audit write failed for approval');
    }
  }
}
