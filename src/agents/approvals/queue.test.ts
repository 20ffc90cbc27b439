import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { Principal } from '../../core/context.js';
import { MemoryApprovalStore } from '../../store/memory/approvals.js';
import { ApprovalQueue, callHash } from './queue.js';

const agent: Principal = { id: 'key:agent', kind: 'apiKey', scopes: ['chat', 'approver'], tenant: 'acme' };
const alice: Principal = { id: 'key:alice', kind: 'apiKey', scopes: ['approver'], tenant: 'acme' };
const bob: Principal = { id: 'key:bob', kind: 'apiKey', scopes: ['approver'], tenant: 'globex' };
const root: Principal = { id: 'key:root', kind: 'apiKey', scopes: ['admin'] };
const chatOnly: Principal = { id: 'key:eve', kind: 'apiKey', scopes: ['chat'], tenant: 'acme' };

const SECRET_ARG = 'sk-live-THIS-MUST-NOT-BE-LOGGED';

function queue(opts: { webhook?: { url: string; timeoutMs: number }; lines?: string[] } = {}) {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      opts.lines?.push(chunk.toString());
      cb();
    },
  });
  return new ApprovalQueue({
    store: new MemoryApprovalStore(),
    log: pino({ level: 'trace' }, sink),
    ttlMs: 60_000,
    redeemMs: 60_000,
    pollMs: 20,
    ...(opts.webhook ? { webhook: opts.webhook } : {}),
  });
}

const ask = (q: ApprovalQueue, args: Record<string, unknown> = { id: '1', token: SECRET_ARG }) =>
  q.request({
    principal: agent,
    route: 'chat',
    tool: 'delete_user',
    args,
    place: { choice: 0, position: 0, count: 1 },
    reason: 'destructive',
    requestId: 'r1',
  });

describe('callHash', () => {
  const base = {
    route: 'chat',
    model: 'gpt-4o',
    principalId: 'key:agent',
    tool: 'delete_user',
    args: { a: 1, b: 2 } as Record<string, unknown>,
    place: { choice: 0, position: 0, count: 1 },
  };
  it('binds route, model, principal, tool, canonical arguments and the place of the call', () => {
    const h = callHash(base);
    assert.equal(h, callHash({ ...base, args: { b: 2, a: 1 } }));
    const changed = [
      { args: { a: 1, b: 3 } },
      { tool: 'delete_users' },
      { tool: 'DELETE_USER' },
      { principalId: 'key:other' },
      { route: 'mcp:prod' },
      { model: 'gpt-4o-mini' },
      { place: { choice: 1, position: 0, count: 1 } },
      { place: { choice: 0, position: 1, count: 2 } },
      { place: { choice: 0, position: 0, count: 2 } },
    ];
    for (const c of changed) assert.notEqual(h, callHash({ ...base, ...c }), JSON.stringify(c));
  });
});

describe('ApprovalQueue', () => {
  it('reuses the pending approval of the same call instead of queueing a duplicate', async () => {
    const q = queue();
    const a = await ask(q);
    assert.equal((await ask(q, { token: SECRET_ARG, id: '1' })).id, a.id);
    assert.notEqual((await ask(q, { id: '2' })).id, a.id);
  });

  it('without an audit store, creating and deciding an approval logs no audit failure', async () => {
    const lines: string[] = [];
    const q = queue({ lines });
    const a = await ask(q);
    assert.equal((await q.decide(a.id, alice, 'approved')).status, 'approved');
    assert.ok(lines.length > 0, 'the queue logs at trace level');
    assert.deepEqual(
      lines.filter((l) => l.includes('audit write failed')),
      [],
    );
  });

  it('never lets the requester decide its own call, nor a principal without the approver scope', async () => {
    const q = queue();
    const a = await ask(q);
    await assert.rejects(q.decide(a.id, agent, 'approved'), { code: 'WARDEN_APPROVAL_SELF' });
    await assert.rejects(q.decide(a.id, chatOnly, 'approved'), { code: 'WARDEN_ADMIN_NOT_FOUND' });
    assert.equal((await q.get(a.id))?.status, 'pending');
  });

  it('keeps tenant-bound approvers to their tenant; admins see every tenant', async () => {
    const q = queue();
    const a = await ask(q);
    await assert.rejects(q.decide(a.id, bob, 'approved'), { code: 'WARDEN_ADMIN_NOT_FOUND' });
    assert.deepEqual(await q.list(bob), []);
    assert.equal((await q.list(root)).length, 1);
    const d = await q.decide(a.id, alice, 'denied', 'no');
    assert.equal(d.status, 'denied');
    await assert.rejects(q.decide(a.id, root, 'approved'), { code: 'WARDEN_APPROVAL_CONFLICT' });
  });

  it('wakes a waiting hold when a decision arrives', async () => {
    const q = queue();
    const a = await ask(q);
    const waiting = q.waitAll([a.id], 60_000);
    await q.decide(a.id, alice, 'approved');
    const [r] = await waiting;
    assert.equal(r?.status, 'approved');
    assert.equal(await q.consume(a.id, a.callHash), true);
    assert.equal(await q.consume(a.id, a.callHash), false);
  });

  it('announces new approvals to the webhook without arguments, and never logs arguments', async () => {
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      let b = '';
      req.on('data', (c) => {
        b += c;
      });
      req.on('end', () => {
        bodies.push(b);
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const lines: string[] = [];
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const q = queue({ webhook: { url, timeoutMs: 2000 }, lines });
      const a = await ask(q);
      for (let i = 0; i < 200 && !lines.some((l) => l.includes('webhook')); i++)
        await new Promise((r) => setTimeout(r, 10));
      assert.equal(bodies.length, 1);
      const payload = JSON.parse(bodies[0]!) as { event: string; approval: { id: string; tool: string } };
      assert.equal(payload.event, 'approval.created');
      assert.equal(payload.approval.id, a.id);
      assert.ok(!bodies[0]!.includes(SECRET_ARG));
      assert.ok(lines.some((l) => l.includes('approval webhook answered with an error')));
      assert.ok(!lines.join('').includes(SECRET_ARG));
    } finally {
      server.close();
    }
  });

  it('an unreachable webhook is logged and does not fail the request', async () => {
    const lines: string[] = [];
    const q = queue({ webhook: { url: 'http://127.0.0.1:9/hook', timeoutMs: 500 }, lines });
    const a = await ask(q);
    assert.equal(a.status, 'pending');
    for (let i = 0; i < 200 && !lines.some((l) => l.includes('approval webhook failed')); i++)
      await new Promise((r) => setTimeout(r, 10));
    assert.ok(lines.some((l) => l.includes('approval webhook failed')));
  });
});

describe('ApprovalQueue limits', () => {
  it('refuses new approvals past the per-principal pending limit, and reuses existing ones', async () => {
    const q = new ApprovalQueue({
      store: new MemoryApprovalStore(),
      log: pino({ level: 'silent' }),
      ttlMs: 60_000,
      redeemMs: 60_000,
      pollMs: 20,
      maxPending: 2,
    });
    const first = await ask(q, { id: '1' });
    await ask(q, { id: '2' });
    await assert.rejects(ask(q, { id: '3' }), { code: 'WARDEN_APPROVAL_LIMIT' });
    assert.equal((await ask(q, { id: '1' })).id, first.id);
    await q.decide(first.id, alice, 'denied');
    assert.equal((await ask(q, { id: '3' })).status, 'pending');
  });
});
