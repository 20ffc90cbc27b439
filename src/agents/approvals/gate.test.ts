import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { GuardContext, Principal, ToolCallView } from '../../core/context.js';
import type { Decision } from '../../core/decision.js';
import { MemoryApprovalStore } from '../../store/memory/approvals.js';
import { TOOL_ROUTE } from '../policy.js';
import { ApprovalGate, pendingIds, pendingText } from './gate.js';
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
  it('masks a secret or PII in the context an approver reads, and keeps the rest readable', async () => {
    const { gate, queue } = setup();
    const key = `sk-proj-${'Q7vX2mN9pL4kR8sT'.repeat(3)}`;
    const leaky: GuardContext = {
      ...ctx,
      body: {
        messages: [
          { role: 'user', content: `delete user 42, my key is ${key}, mail jane.doe@acme-mail.net` },
        ],
      },
    };
    const out = await gate.hold({
      ctx: leaky,
      calls: [call('c1', 'delete_user', '{"id":"42"}')],
      decisions: [ask(['c1'])],
      approvalIds: [],
      signal: new AbortController().signal,
    });
    assert.equal(out.kind, 'withheld');
    if (out.kind !== 'withheld') return;
    const excerpt = (await queue.get(out.approvals[0]!.id))?.context.excerpt ?? '';
    assert.ok(excerpt.startsWith('delete user 42, my key is '), excerpt);
    assert.ok(!excerpt.includes(key.slice(8, 24)), 'the key is masked');
    assert.ok(!excerpt.includes('jane.doe@acme-mail.net'), 'the address is masked');
  });

  it('holds only the calls a decision names, one approval per call, identical ones included', async () => {
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
    assert.equal(out.approvals.length, 3, 'identical calls are distinct calls');
    const stored = await queue.get(out.approvals[0]!.id);
    assert.equal(stored?.reason, 'destructive (call 2 of 4)');
    // Decision 1930: an approver reads the context; only what a secret or PII detector finds is masked.
    assert.equal(stored?.context.excerpt, 'please delete the inactive accounts now');
    const text = pendingText(out);
    for (const a of out.approvals) assert.ok(text.includes(a.id), 'the text names every approval id');
    assert.match(text, /x-warden-approval-id/);
    assert.equal(pendingIds(out), out.approvals.map((a) => a.id).join(','));
    assert.equal(out.approvals[0]!.poll_url, `/v1/approvals/${out.approvals[0]!.id}`);
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

  it('N identical calls need N approvals, and a resubmission with new call ids redeems each once', async () => {
    const { gate, queue } = setup();
    const signal = new AbortController().signal;
    const three = (p: string) => [0, 1, 2].map((i) => call(`${p}${i}`, 'delete_user', '{"id":"7"}'));
    const first = await gate.hold({ ctx, calls: three('a'), decisions: [ask()], approvalIds: [], signal });
    const ids = first.kind === 'withheld' ? first.approvals.map((a) => a.id) : [];
    assert.equal(new Set(ids).size, 3);
    assert.match((await queue.get(ids[1]!))?.reason ?? '', /call 2 of 3/);
    await queue.decide(ids[0]!, alice, 'approved');
    const one = await gate.hold({
      ctx,
      calls: three('b'),
      decisions: [ask()],
      approvalIds: [ids[0]!],
      signal,
    });
    assert.equal(one.kind, 'withheld', 'one approval does not release three calls');
    await queue.decide(ids[1]!, alice, 'approved');
    await queue.decide(ids[2]!, alice, 'approved');
    const all = await gate.hold({ ctx, calls: three('c'), decisions: [ask()], approvalIds: ids, signal });
    assert.deepEqual(all, { kind: 'release' });
    const again = await gate.hold({ ctx, calls: three('d'), decisions: [ask()], approvalIds: ids, signal });
    assert.equal(again.kind, 'withheld');
  });

  it('an approval is bound to the route and the model', async () => {
    const { gate, queue } = setup();
    const signal = new AbortController().signal;
    const calls = [call('c1', 'delete_user', '{"id":"1"}')];
    const onTest = { ...ctx, state: new Map<string, unknown>([[TOOL_ROUTE, 'mcp:test']]) };
    const first = await gate.hold({ ctx: onTest, calls, decisions: [ask()], approvalIds: [], signal });
    const id = first.kind === 'withheld' ? first.approvals[0]!.id : '';
    await queue.decide(id, alice, 'approved');
    const onProd = { ...ctx, state: new Map<string, unknown>([[TOOL_ROUTE, 'mcp:prod']]) };
    const prod = await gate.hold({ ctx: onProd, calls, decisions: [ask()], approvalIds: [id], signal });
    assert.equal(prod.kind, 'withheld', 'an approval on mcp:test does not release mcp:prod');
    const otherModel = { ...onTest, model: 'other' };
    const model = await gate.hold({ ctx: otherModel, calls, decisions: [ask()], approvalIds: [id], signal });
    assert.equal(model.kind, 'withheld');
    assert.deepEqual(await gate.hold({ ctx: onTest, calls, decisions: [ask()], approvalIds: [id], signal }), {
      kind: 'release',
    });
  });

  it('never binds an approval to arguments that read more than one way', async () => {
    const { gate, queue } = setup();
    const signal = new AbortController().signal;
    const first = await gate.hold({
      ctx,
      calls: [call('c1', 'delete_user', '{"id":"1"}')],
      decisions: [ask()],
      approvalIds: [],
      signal,
    });
    const id = first.kind === 'withheld' ? first.approvals[0]!.id : '';
    await queue.decide(id, alice, 'approved');
    const dup = await gate.hold({
      ctx,
      calls: [call('c2', 'delete_user', '{"id":"2","id":"1"}')],
      decisions: [ask()],
      approvalIds: [id],
      signal,
    });
    assert.deepEqual(dup, { kind: 'withheld', status: 'denied', approvals: [] });
    assert.equal((await queue.get(id))?.usedAt, undefined, 'the approval was not spent');
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

  it('an unknown approval id is ignored: the call is held for a fresh approval', async () => {
    const { gate } = setup();
    const signal = new AbortController().signal;
    const calls = [call('c1', 'delete_user', '{"id":"1"}')];
    const out = await gate.hold({ ctx, calls, decisions: [ask()], approvalIds: ['apr_unknown'], signal });
    assert.equal(out.kind, 'withheld');
    if (out.kind !== 'withheld') return;
    assert.equal(out.status, 'pending');
    assert.notEqual(out.approvals[0]?.id, 'apr_unknown');
  });
});
