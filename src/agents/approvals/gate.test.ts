import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { GuardContext, Principal, ToolCallView } from '../../core/context.js';
import type { Decision } from '../../core/decision.js';
import { MemoryApprovalStore } from '../../store/memory/approvals.js';
import { ApprovalGate, pendingBody } from './gate.js';
import { ApprovalQueue } from './queue.js';

const log = pino({ level: 'silent' });
const agent: Principal = { id: 'key:agent', kind: 'apiKey', scopes: ['chat'] };
const alice: Principal = { id: 'key:alice', kind: 'apiKey', scopes: ['approver'] };

function setup() {
  const queue = new ApprovalQueue({
    store: new MemoryApprovalStore(),
    log,
    ttlMs: 60_000,
    redeemMs: 60_000,
    pollMs: 10,
  });
  return { queue, gate: new ApprovalGate(queue, 0) };
}

const ctx: GuardContext = {
  requestId: 'r1',
  route: 'chat',
  principal: agent,
  model: 'm',
  body: { messages: [{ role: 'user', content: 'please delete the inactive accounts now' }] },
  state: new Map(),
  log,
};

const call = (id: string, name: string, args: string): ToolCallView => ({
  id,
  name,
  arguments: args,
  choiceIndex: 0,
});
const ask = (callIds?: string[]): Decision => ({
  guardId: 'tool-policy-toolCall',
  status: 'ok',
  action: 'requireApproval',
  approvalId: 'unassigned',
  reason: 'destructive',
  ...(callIds ? { details: { callIds } } : {}),
});

describe('ApprovalGate', () => {
  it('holds only the calls a decision names, one approval per distinct call', async () => {
    const { gate, queue } = setup();
    const calls = [
      call('c1', 'search', '{}'),
      call('c2', 'delete_user', '{"id":"1"}'),
      call('c3', 'delete_user', '{ "id": "1" }'),
      call('c4', 'delete_user', '{"id":"2"}'),
    ];
    const out = await gate.hold({
      ctx,
      calls,
      decisions: [ask(['c2', 'c3', 'c4'])],
      approvalIds: [],
      signal: new AbortController().signal,
    });
    assert.equal(out.kind, 'withheld');
    if (out.kind !== 'withheld') return;
    assert.equal(out.status, 'pending');
    assert.equal(out.approvals.length, 2, 'identical calls share one approval');
    const stored = await queue.get(out.approvals[0]!.id);
    assert.equal(stored?.reason, 'destructive');
    assert.ok(
      stored?.context.excerpt && !stored.context.excerpt.includes('inactive'),
      'the context is redacted',
    );
    const body = pendingBody(out) as { error: { code: string }; approval: { id: string; poll_url: string } };
    assert.equal(body.error.code, 'WARDEN_APPROVAL_REQUIRED');
    assert.equal(body.approval.poll_url, `/v1/approvals/${body.approval.id}`);
  });

  it('holds every call when a decision names none, and releases once all are approved', async () => {
    const { gate, queue } = setup();
    const calls = [call('c1', 'a', '{}'), call('c2', 'b', '{}')];
    const signal = new AbortController().signal;
    const first = await gate.hold({ ctx, calls, decisions: [ask()], approvalIds: [], signal });
    assert.equal(first.kind, 'withheld');
    const ids = first.kind === 'withheld' ? first.approvals.map((a) => a.id) : [];
    assert.equal(ids.length, 2);
    await queue.decide(ids[0]!, alice, 'approved');
    const partial = await gate.hold({ ctx, calls, decisions: [ask()], approvalIds: ids, signal });
    assert.equal(partial.kind, 'withheld', 'one approval of two is not enough');
    await queue.decide(ids[1]!, alice, 'approved');
    assert.deepEqual(await gate.hold({ ctx, calls, decisions: [ask()], approvalIds: ids, signal }), {
      kind: 'release',
    });
    const replay = await gate.hold({ ctx, calls, decisions: [ask()], approvalIds: ids, signal });
    assert.equal(replay.kind, 'withheld', 'approvals are used once');
  });

  it("ignores another principal's approval ids", async () => {
    const { gate, queue } = setup();
    const calls = [call('c1', 'a', '{}')];
    const signal = new AbortController().signal;
    const first = await gate.hold({ ctx, calls, decisions: [ask()], approvalIds: [], signal });
    const id = first.kind === 'withheld' ? first.approvals[0]!.id : '';
    await queue.decide(id, alice, 'approved');
    const other = { ...ctx, principal: { ...agent, id: 'key:other' } };
    const out = await gate.hold({ ctx: other, calls, decisions: [ask()], approvalIds: [id], signal });
    assert.equal(out.kind, 'withheld');
  });
});
