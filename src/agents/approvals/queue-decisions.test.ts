// The approval queue's records and decisions: what a new approval holds, how long an approval lasts once
// decided, races with another replica, audit events (and an audit store that fails), waiting and wake-ups.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { Principal } from '../../core/context.js';
import { MemoryApprovalStore } from '../../store/memory/approvals.js';
import type { ApprovalStore, AuditRecord, AuditStore } from '../../store/types.js';
import { ApprovalQueue, type ApprovalQueueOptions, type CallToApprove, callHash } from './queue.js';

const agent: Principal = { id: 'key:agent', kind: 'apiKey', scopes: ['chat'], tenant: 'acme' };
const loner: Principal = { id: 'key:loner', kind: 'apiKey', scopes: ['chat'] };
const alice: Principal = { id: 'key:alice', kind: 'apiKey', scopes: ['approver'], tenant: 'acme' };
const floater: Principal = { id: 'key:floater', kind: 'apiKey', scopes: ['approver'] };
const root: Principal = { id: 'key:root', kind: 'apiKey', scopes: ['admin'] };

type Patch = Parameters<ApprovalStore['decide']>[1];

function setup(opts: Partial<ApprovalQueueOptions> = {}) {
  const clock = { now: 5_000_000 };
  const store = new MemoryApprovalStore();
  const patches: Patch[] = [];
  const decide = store.decide.bind(store);
  store.decide = async (id, d) => {
    patches.push(d);
    return decide(id, d);
  };
  const audit: AuditRecord[] = [];
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  const queue = new ApprovalQueue({
    store,
    log: pino({ level: 'info' }, sink),
    ttlMs: 60_000,
    redeemMs: 10_000,
    pollMs: 5,
    now: () => clock.now,
    audit: { append: (r: AuditRecord) => audit.push(r) } as unknown as AuditStore,
    ...opts,
  });
  return { queue, store, clock, patches, audit, lines };
}

const request = (over: Partial<CallToApprove> = {}): CallToApprove => ({
  principal: agent,
  route: 'chat',
  tool: 'delete_user',
  args: { id: '1', b: [2, { z: 1, a: 0 }] },
  place: { choice: 0, position: 0, count: 1 },
  reason: 'destructive',
  requestId: 'r1',
  ...over,
});

describe('callHash format', () => {
  it('is pinned: stored approvals keep matching their calls across releases', () => {
    // sha256 of the JSON array ["call/v2", route, model or "", principal, tool, canonical args, choice,
    // position, count]; a change of format strands every pending approval, so it must be deliberate
    const call = {
      route: 'chat',
      principalId: 'key:agent',
      tool: 'delete_user',
      args: { b: 2, a: 1 },
      place: { choice: 0, position: 1, count: 2 },
    };
    assert.equal(callHash(call), 'f18d2b6dd42c1eb1fbef56f87d14a5b6de1e545dcee8471546498a59b5743d25');
    assert.equal(
      callHash({ ...call, model: 'gpt-4o' }),
      '46811e874a70e285d018accbb407d96fc18f9ca1498a3039a0028830c559cda4',
    );
  });
});

describe('ApprovalQueue records', () => {
  it('a new approval: id, canonical arguments, requester, tenant, route, model, context and expiry', async () => {
    const { queue, clock } = setup();
    const r = await queue.request(request({ model: 'gpt-4o', excerpt: 'delete him' }));
    assert.match(r.id, /^apr_[A-Za-z0-9_-]{16}$/);
    const { id, callHash, ...rest } = r;
    assert.match(callHash, /^[0-9a-f]{64}$/);
    assert.deepEqual(rest, {
      tool: 'delete_user',
      arguments: '{"b":[2,{"a":0,"z":1}],"id":"1"}',
      requester: 'key:agent',
      tenant: 'acme',
      route: 'chat',
      model: 'gpt-4o',
      reason: 'destructive',
      context: { requestId: 'r1', excerpt: 'delete him' },
      status: 'pending',
      createdAt: clock.now,
      expiresAt: clock.now + 60_000,
    });
    assert.deepEqual(await queue.get(id), r);
  });

  it('leaves out tenant, model and excerpt when there are none', async () => {
    const { queue } = setup();
    const r = await queue.request(request({ principal: loner }));
    assert.equal('tenant' in r, false);
    assert.equal('model' in r, false);
    assert.deepEqual(r.context, { requestId: 'r1' });
  });

  it('allows 50 pending approvals per requester by default', async () => {
    const { queue } = setup();
    for (let i = 0; i < 50; i++) await queue.request(request({ args: { i } }));
    await assert.rejects(queue.request(request({ args: { i: 50 } })), { code: 'WARDEN_APPROVAL_LIMIT' });
    assert.ok(await queue.request(request({ principal: loner })), 'another requester has its own allowance');
  });
});

describe('ApprovalQueue decisions', () => {
  it('an approval can be redeemed for redeemMs after it is approved; a denial keeps its expiry', async () => {
    const { queue, clock, patches } = setup();
    const a = await queue.request(request());
    clock.now += 1_000;
    const approved = await queue.decide(a.id, alice, 'approved', 'fine');
    assert.deepEqual(patches.at(-1), {
      status: 'approved',
      by: 'key:alice',
      reason: 'fine',
      at: clock.now,
      expiresAt: clock.now + 10_000,
    });
    assert.equal(approved.expiresAt, clock.now + 10_000);
    assert.equal(approved.decisionReason, 'fine');
    const b = await queue.request(request({ args: { other: true } }));
    const denied = await queue.decide(b.id, alice, 'denied', '');
    assert.deepEqual(patches.at(-1), {
      status: 'denied',
      by: 'key:alice',
      at: clock.now,
      expiresAt: b.expiresAt,
    });
    assert.equal(denied.expiresAt, b.expiresAt);
    clock.now += 10_000;
    assert.equal(await queue.consume(a.id, a.callHash), false, 'past the redemption deadline');
  });

  it('an unknown approval is not found; one decided elsewhere meanwhile is a conflict naming its status', async () => {
    const { queue, store } = setup();
    await assert.rejects(queue.decide('apr_nothing', root, 'approved'), { code: 'WARDEN_ADMIN_NOT_FOUND' });
    const a = await queue.request(request());
    const decide = store.decide;
    store.decide = async (id, d) => {
      await decide.call(store, id, { ...d, status: 'denied' });
      return undefined;
    };
    await assert.rejects(queue.decide(a.id, alice, 'approved'), (err: { code: string; params: unknown }) => {
      assert.equal(err.code, 'WARDEN_APPROVAL_CONFLICT');
      assert.deepEqual(err.params, { approvalId: a.id, status: 'denied' });
      return true;
    });
  });

  it('an approval gone between reading and deciding is a conflict with status unknown', async () => {
    const { queue, store } = setup();
    const a = await queue.request(request());
    const get = store.get.bind(store);
    let reads = 0;
    // the first read finds it, the store's conditional update does not, the second read finds nothing
    store.get = async (id, now) => (reads++ === 0 ? get(id, now) : undefined);
    store.decide = async () => undefined;
    await assert.rejects(queue.decide(a.id, alice, 'approved'), (err: { code: string; params: unknown }) => {
      assert.equal(err.code, 'WARDEN_APPROVAL_CONFLICT');
      assert.deepEqual(err.params, { approvalId: a.id, status: 'unknown' });
      return true;
    });
  });

  it('a reviewer outside the approval is told it does not exist, in those words', async () => {
    const { queue } = setup();
    const a = await queue.request(request());
    await assert.rejects(queue.decide(a.id, { ...alice, tenant: 'globex' }, 'approved'), (err: Error) => {
      assert.deepEqual((err as unknown as { params: unknown }).params, { what: 'approval' });
      assert.equal(err.message, 'approval not found');
      return true;
    });
  });

  it('reviewers: admins see all, tenant approvers their tenant, tenantless approvers every tenant', async () => {
    const { queue } = setup();
    const a = await queue.request(request());
    const b = await queue.request(request({ principal: { ...loner, tenant: 'globex' } }));
    assert.equal(queue.canReview(root, a), true);
    assert.equal(queue.canReview({ ...root, tenant: 'globex' }, a), true, 'an admin key bound to a tenant');
    assert.equal(queue.canReview(alice, a), true);
    assert.equal(queue.canReview(alice, b), false);
    assert.equal(queue.canReview(floater, b), true);
    assert.equal(queue.canReview({ ...root, scopes: ['chat'] }, a), false);
    const ids = (rs: { id: string }[]) => rs.map((r) => r.id).sort();
    assert.deepEqual(ids(await queue.list(root)), ids([a, b]));
    assert.deepEqual(ids(await queue.list(alice)), [a.id]);
    assert.deepEqual(ids(await queue.list(floater)), ids([a, b]));
    assert.deepEqual(
      ids(await queue.list({ ...root, tenant: 'globex' })),
      ids([a, b]),
      'admin: no tenant filter',
    );
    assert.deepEqual(ids(await queue.list(root, { status: 'approved' })), []);
  });
});

describe('ApprovalQueue audit and log', () => {
  it('audits creation and each decision with ids and the tool, never the arguments', async () => {
    const { queue, audit, clock } = setup();
    const a = await queue.request(request());
    await queue.decide(a.id, alice, 'approved');
    const b = await queue.request(request({ principal: loner, args: { n: 2 } }));
    await queue.decide(b.id, root, 'denied');
    assert.deepEqual(
      audit.map((r) => [r.kind, r.principal, r.tenant, r.outcome, r.requestId]),
      [
        ['approval.create', 'key:agent', 'acme', 'event', 'r1'],
        ['approval.approve', 'key:alice', 'acme', 'event', 'r1'],
        ['approval.create', 'key:loner', undefined, 'event', 'r1'],
        ['approval.deny', 'key:root', undefined, 'event', 'r1'],
      ],
    );
    assert.deepEqual(audit[1]!.detail, {
      approvalId: a.id,
      tool: 'delete_user',
      requester: 'key:agent',
      status: 'approved',
    });
    assert.equal(audit[0]!.ts, new Date(clock.now).toISOString());
    assert.equal('tenant' in audit[2]!, false);
    assert.ok(!JSON.stringify(audit).includes('"id":"1"'), 'arguments stay out of the audit');
  });

  it('an audit store that fails is logged and does not fail the approval', async () => {
    const { queue, lines } = setup({
      audit: {
        append: () => {
          throw new TypeError('audit down');
        },
      } as unknown as AuditStore,
    });
    const a = await queue.request(request());
    assert.equal(a.status, 'pending');
    const failed = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'audit write failed for approval');
    assert.equal(failed.length, 1);
    assert.equal(failed[0].err, 'TypeError');
    assert.equal(failed[0].approvalId, a.id);
    const held = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'tool call held for approval');
    assert.deepEqual(
      { approvalId: held.approvalId, tool: held.tool, requester: held.requester },
      { approvalId: a.id, tool: 'delete_user', requester: 'key:agent' },
    );
  });
});

describe('ApprovalQueue waiting', () => {
  it('returns the pending state when the hold ends, and skips unknown ids', async () => {
    const real = setup({ now: Date.now });
    const a = await real.queue.request(request());
    const out = await real.queue.waitAll([a.id, 'apr_unknown'], 30);
    assert.deepEqual(
      out.map((r) => [r.id, r.status]),
      [[a.id, 'pending']],
    );
  });

  it('waits for every approval of the hold, not the first one decided', { timeout: 20_000 }, async () => {
    const real = setup({ now: Date.now, pollMs: 60_000 });
    const a = await real.queue.request(request());
    const b = await real.queue.request(request({ args: { other: 1 } }));
    await real.queue.decide(a.id, alice, 'denied');
    const waiting = real.queue.waitAll([a.id, b.id], 600_000);
    setTimeout(() => void real.queue.decide(b.id, alice, 'approved'), 20);
    // only the local decision's event ends this wait (the poll is a minute, the hold ten)
    const out = await waiting;
    assert.deepEqual(
      out.map((r) => r.status),
      ['denied', 'approved'],
    );
    const events = (real.queue as unknown as { events: import('node:events').EventEmitter }).events;
    assert.equal(events.listenerCount('decided'), 0, 'the wait leaves no listener behind');
  });

  it('an abort ends the wait at once', { timeout: 20_000 }, async () => {
    const real = setup({ now: Date.now, pollMs: 60_000 });
    const a = await real.queue.request(request());
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 20);
    // Neither the poll (60 s) nor the hold (10 min) ends this wait: only the abort does, within the test timeout.
    const out = await real.queue.waitAll([a.id], 600_000, ctl.signal);
    assert.equal(out[0]?.status, 'pending');
  });

  it('a decision announced by another replica wakes the waiter; a local decision is published', {
    timeout: 20_000,
  }, async () => {
    let wake: ((id: string) => void) | undefined;
    const published: string[] = [];
    const notifier = {
      publish: (id: string) => published.push(id),
      subscribe: (fn: (id: string) => void) => {
        wake = fn;
      },
    };
    const shared = new MemoryApprovalStore();
    const here = setup({ store: shared, notifier, now: Date.now, pollMs: 60_000 });
    const there = setup({ store: shared, now: Date.now });
    const a = await here.queue.request(request());
    const waiting = here.queue.waitAll([a.id], 600_000);
    await there.queue.decide(a.id, alice, 'approved');
    assert.ok(wake, 'the queue subscribed');
    wake(a.id);
    const [r] = await waiting;
    assert.equal(r?.status, 'approved');
    const b = await here.queue.request(request({ args: { b: 1 } }));
    await here.queue.decide(b.id, alice, 'denied');
    assert.deepEqual(published, [b.id]);
  });
});
