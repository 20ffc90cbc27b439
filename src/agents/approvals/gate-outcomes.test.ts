// What the approval gate answers besides "pending": denied and expired resubmissions, calls no decision holds,
// a redemption lost to another replica, and the client-facing text, field and header of a withheld hold.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { GuardContext, Principal, ToolCallView } from '../../core/context.js';
import type { Decision } from '../../core/decision.js';
import { MemoryApprovalStore } from '../../store/memory/approvals.js';
import type { ApprovalRecord } from '../../store/types.js';
import { ApprovalGate, type HoldOutcome, pendingIds, pendingText, summary, withheldField } from './gate.js';
import { ApprovalQueue } from './queue.js';

const log = pino({ level: 'silent' });
const agent: Principal = { id: 'key:agent', kind: 'apiKey', scopes: ['chat'] };
const alice: Principal = { id: 'key:alice', kind: 'apiKey', scopes: ['approver'] };
const signal = new AbortController().signal;

function setup(holdMs = 0) {
  const clock = { now: 1_000_000 };
  const queue = new ApprovalQueue({
    store: new MemoryApprovalStore(),
    log,
    ttlMs: 60_000,
    redeemMs: 60_000,
    pollMs: 5,
    now: () => clock.now,
  });
  return { queue, clock, gate: new ApprovalGate(queue, holdMs) };
}

const ctx: GuardContext = {
  requestId: 'r1',
  route: 'chat',
  principal: agent,
  model: 'm',
  body: { messages: [{ role: 'user', content: 'drop the staging table' }] },
  state: new Map(),
  log,
};
const call = (id: string, name: string, args = '{}', choiceIndex = 0): ToolCallView => ({
  id,
  name,
  arguments: args,
  choiceIndex,
});
// A decision without a reason is not a valid Decision type, but the gate must still word the approval.
const ask = (reason?: string, callIds?: string[]): Decision =>
  ({
    guardId: 'tool-policy-toolCall',
    status: 'ok',
    action: 'requireApproval',
    approvalId: 'unassigned',
    ...(reason === undefined ? {} : { reason }),
    ...(callIds ? { details: { callIds } } : {}),
  }) as Decision;
const allow: Decision = { guardId: 'other', status: 'ok', action: 'allow' };

function withheldOf(o: HoldOutcome): Extract<HoldOutcome, { kind: 'withheld' }> {
  assert.equal(o.kind, 'withheld');
  return o as Extract<HoldOutcome, { kind: 'withheld' }>;
}

describe('ApprovalGate outcomes', () => {
  it('releases calls no requireApproval decision holds', async () => {
    const { gate, queue } = setup();
    const calls = [call('c1', 'drop_table')];
    assert.deepEqual(await gate.hold({ ctx, calls, decisions: [allow], approvalIds: [], signal }), {
      kind: 'release',
    });
    const other = await gate.hold({ ctx, calls, decisions: [ask('x', ['c9'])], approvalIds: [], signal });
    assert.deepEqual(other, { kind: 'release' }, 'a decision naming another call holds nothing here');
    assert.deepEqual(await queue.list({ ...alice, scopes: ['admin'] }), [], 'no approval was queued');
  });

  it('a denied resubmission is denied, and says so in the field and the text', async () => {
    const { gate, queue } = setup();
    const calls = [call('c1', 'drop_table', '{"t":"x"}')];
    const first = withheldOf(
      await gate.hold({ ctx, calls, decisions: [ask('risky')], approvalIds: [], signal }),
    );
    const id = first.approvals[0]!.id;
    await queue.decide(id, alice, 'denied', 'no');
    const out = withheldOf(
      await gate.hold({ ctx, calls, decisions: [ask('risky')], approvalIds: [id], signal }),
    );
    assert.equal(out.status, 'denied');
    assert.deepEqual(
      out.approvals.map((a) => [a.id, a.status]),
      [[id, 'denied']],
    );
    const field = withheldField(out);
    assert.equal(field.code, 'WARDEN_APPROVAL_DENIED');
    assert.deepEqual(field.approval, out.approvals[0]);
    assert.deepEqual(field.approvals, out.approvals);
    assert.equal(pendingIds(out), '', 'nothing is pending');
  });

  it('an expired approval is expired; a pending one expires when its time is up', async () => {
    const { gate, queue, clock } = setup();
    const calls = [call('c1', 'drop_table')];
    const first = withheldOf(
      await gate.hold({ ctx, calls, decisions: [ask('risky')], approvalIds: [], signal }),
    );
    const id = first.approvals[0]!.id;
    assert.equal(first.approvals[0]!.expires_at, new Date(clock.now + 60_000).toISOString());
    clock.now += 60_000;
    assert.equal((await queue.get(id))?.status, 'expired');
    const out = withheldOf(
      await gate.hold({ ctx, calls, decisions: [ask('risky')], approvalIds: [id], signal }),
    );
    assert.equal(out.status, 'expired');
    assert.equal(withheldField(out).code, 'WARDEN_APPROVAL_DENIED');
  });

  it('a redemption lost to another replica withholds the call as expired', async () => {
    const { gate, queue } = setup();
    const calls = [call('c1', 'drop_table')];
    const first = withheldOf(
      await gate.hold({ ctx, calls, decisions: [ask('risky')], approvalIds: [], signal }),
    );
    const id = first.approvals[0]!.id;
    await queue.decide(id, alice, 'approved');
    const redeemed: string[] = [];
    queue.consume = async (approvalId: string) => {
      redeemed.push(approvalId);
      return false;
    };
    const out = withheldOf(
      await gate.hold({ ctx, calls, decisions: [ask('risky')], approvalIds: [id], signal }),
    );
    assert.deepEqual(redeemed, [id]);
    assert.equal(out.status, 'expired');
    assert.deepEqual(
      out.approvals.map((a) => [a.id, a.status]),
      [[id, 'expired']],
    );
  });

  it('joins the reasons of every decision; a decision without one asks for approval', async () => {
    const { gate, queue } = setup();
    const decisions = [ask('destructive'), allow, ask(undefined)];
    const out = withheldOf(
      await gate.hold({ ctx, calls: [call('c1', 'drop_table')], decisions, approvalIds: [], signal }),
    );
    const stored = await queue.get(out.approvals[0]!.id);
    assert.equal(stored?.reason, 'destructive; approval required', 'one call: no "call 1 of 1"');
    assert.equal(stored?.context.excerpt, 'drop the staging table');
    assert.equal(stored?.context.requestId, 'r1');
    assert.equal(stored?.route, 'chat');
    assert.equal(stored?.model, 'm');
  });

  it('places calls per choice: one call in each of two choices is call 1 of 1 twice', async () => {
    const { gate, queue } = setup();
    const calls = [call('a', 'drop_table', '{}', 0), call('b', 'drop_table', '{}', 1)];
    const out = withheldOf(await gate.hold({ ctx, calls, decisions: [ask('r')], approvalIds: [], signal }));
    assert.equal(out.approvals.length, 2);
    for (const a of out.approvals) assert.equal((await queue.get(a.id))?.reason, 'r');
    const three = [call('a', 't', '{}', 0), call('b', 't', '{}', 1), call('c', 't', '{}', 1)];
    const held = withheldOf(
      await gate.hold({ ctx, calls: three, decisions: [ask('r')], approvalIds: [], signal }),
    );
    const reasons = await Promise.all(held.approvals.map(async (a) => (await queue.get(a.id))?.reason));
    assert.deepEqual(reasons, ['r', 'r (call 1 of 2)', 'r (call 2 of 2)']);
  });

  it('keeps no excerpt when the request has no user text', async () => {
    const { gate, queue } = setup();
    const system = { ...ctx, body: { messages: [{ role: 'system', content: 'you are a bot' }] } };
    const out = withheldOf(
      await gate.hold({
        ctx: system,
        calls: [call('c1', 't')],
        decisions: [ask('r')],
        approvalIds: [],
        signal,
      }),
    );
    assert.deepEqual((await queue.get(out.approvals[0]!.id))?.context, { requestId: 'r1' });
  });

  it('releases a call approved while the hold waits', async () => {
    const { gate, queue } = setup(5_000);
    const calls = [call('c1', 'drop_table')];
    let decided = false;
    const origRequest = queue.request.bind(queue);
    queue.request = async (c) => {
      const r = await origRequest(c);
      setTimeout(() => {
        decided = true;
        void queue.decide(r.id, alice, 'approved');
      }, 20);
      return r;
    };
    assert.deepEqual(await gate.hold({ ctx, calls, decisions: [ask('r')], approvalIds: [], signal }), {
      kind: 'release',
    });
    assert.equal(decided, true);
  });
});

describe('withheld answers', () => {
  const record = (id: string, status: ApprovalRecord['status'], tool = 'drop_table'): ApprovalRecord => ({
    id,
    callHash: 'h',
    tool,
    arguments: '{}',
    requester: 'key:agent',
    route: 'chat',
    reason: 'r',
    context: { requestId: 'r1' },
    status,
    createdAt: 0,
    expiresAt: Date.UTC(2030, 0, 1),
  });

  it('summarises an approval with its poll URL and ISO expiry', () => {
    assert.deepEqual(summary(record('apr_1', 'pending')), {
      id: 'apr_1',
      status: 'pending',
      tool: 'drop_table',
      expires_at: '2030-01-01T00:00:00.000Z',
      poll_url: '/v1/approvals/apr_1',
    });
  });

  it('a pending hold: the required code, the pending approval first, the text and header name pending ones', () => {
    const out: Extract<HoldOutcome, { kind: 'withheld' }> = {
      kind: 'withheld',
      status: 'pending',
      approvals: [summary(record('apr_a', 'approved')), summary(record('apr_b', 'pending', 'send_mail'))],
    };
    const field = withheldField(out);
    assert.equal(field.code, 'WARDEN_APPROVAL_REQUIRED');
    assert.equal((field.approval as { id: string }).id, 'apr_b');
    assert.equal(pendingIds(out), 'apr_b');
    assert.equal(
      pendingText(out),
      '[warden] A tool call (send_mail) awaits human approval: apr_b. Nothing was executed. ' +
        'Once approved (GET /v1/approvals/{id}), send the same request again with the header ' +
        'x-warden-approval-id: apr_b',
    );
  });

  it('several calls: plural text, each tool named once, every id listed', () => {
    const out: Extract<HoldOutcome, { kind: 'withheld' }> = {
      kind: 'withheld',
      status: 'pending',
      approvals: [
        summary(record('apr_a', 'pending')),
        summary(record('apr_b', 'pending')),
        summary(record('apr_c', 'pending', 'x'.repeat(100))),
      ],
    };
    assert.equal(pendingIds(out), 'apr_a,apr_b,apr_c');
    assert.equal(
      pendingText(out),
      '[warden] 3 tool calls (drop_table, tool(100 chars)) await human approval: apr_a, apr_b, apr_c. ' +
        'Nothing was executed. Once approved (GET /v1/approvals/{id}), send the same request again with the ' +
        'header x-warden-approval-id: apr_a,apr_b,apr_c',
    );
  });

  it('with nothing pending the text names every approval, and the field falls back to the first', () => {
    const out: Extract<HoldOutcome, { kind: 'withheld' }> = {
      kind: 'withheld',
      status: 'denied',
      approvals: [summary(record('apr_a', 'expired'))],
    };
    assert.match(pendingText(out), /^\[warden\] A tool call \(drop_table\) awaits human approval: apr_a\./);
    assert.equal((withheldField(out).approval as { id: string }).id, 'apr_a');
  });
});
