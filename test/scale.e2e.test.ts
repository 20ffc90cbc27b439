// Three Warden replicas sharing real Redis and PostgreSQL: one exact limit, bans enforced everywhere at once,
// approvals requested on one replica and granted on another, one verifiable audit chain, and no accepted
// audit record lost when a replica is killed with SIGKILL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IdentityAdmin } from '../src/identity/admin.js';
import { type SimServer, startSimulator } from '../src/sim/server.js';
import { openPostgres, type PostgresDb } from '../src/store/postgres/db.js';
import { PostgresBanStore, PostgresKeyStore } from '../src/store/postgres/identity.js';
import { type PostgresServer, startPostgres } from './fixtures/postgres.js';
import { type RedisServer, startRedis } from './fixtures/redis.js';
import { type Replica, startReplica, stopReplica } from './fixtures/replicas.js';
import { skipUnless } from './fixtures/services.js';
import { errorCode, postJson, tempDir } from './helpers.js';

const body = { model: 'warden-sim-1', messages: [{ role: 'user', content: 'hi' }] };
const deleteUser = (id: string) => ({
  model: 'warden-sim-1',
  messages: [{ role: 'user', content: `call delete_user {"id": "${id}"}` }],
  tools: [
    {
      type: 'function',
      function: {
        name: 'delete_user',
        description: 'Delete a user account',
        parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      },
    },
  ],
});
const toolCallsOf = (json: Record<string, unknown>) =>
  ((json.choices as { message: { tool_calls?: { function: { name: string; arguments: string } }[] } }[])[0]
    ?.message.tool_calls ?? []) as { function: { name: string; arguments: string } }[];

describe('three replicas on shared Redis and PostgreSQL', {
  skip: skipUnless('three replicas on shared stores', 'postgresql', 'redis'),
}, () => {
  let pgServer: PostgresServer;
  let redis: RedisServer;
  let sim: SimServer;
  let pg: PostgresDb;
  let replicas: Replica[] = [];
  const dirs = [tempDir(), tempDir(), tempDir()];
  const secret = randomBytes(32).toString('hex');
  const env = { WARDEN_SERVER_SECRET: secret };
  const tokens: Record<
    'limited' | 'admin' | 'victim' | 'load' | 'agent' | 'approver',
    { token: string; id: string }
  > = {} as never;
  /** Request ids the client saw answered 200, from every test. */
  const accepted = new Set<string>();
  const configFor = (i: number, audit: Record<string, unknown> = {}) => ({
    dataDir: dirs[i],
    upstreams: [{ name: 'sim', baseUrl: sim.url, models: ['*'] }],
    auth: { mode: 'keys' },
    redis: { url: redis.url },
    postgres: { url: pgServer.url },
    audit,
    limits: {
      principal: { requests: { limit: 100_000, window: '1m' } },
      overrides: { [`key:${tokens.limited.id}`]: { requests: { limit: 10, window: '1h' } } },
    },
    guards: {
      toolCall: [
        {
          use: 'tool-policy',
          options: {
            policies: [{ rules: [{ tools: ['delete_*'], action: 'approve', reason: 'destructive action' }] }],
          },
        },
      ],
    },
    // Replica 2 answers pending at once (the resubmission flow); the others hold the client.
    approvals: { pollMs: 50, holdMs: i === 2 ? 0 : 60_000 },
  });
  const call = async (url: string, token: string, requestId: string) => {
    const r = await postJson(`${url}/v1/chat/completions`, body, {
      authorization: `Bearer ${token}`,
      'x-request-id': requestId,
    });
    if (r.status === 200) accepted.add(requestId);
    return r;
  };

  before(async () => {
    [pgServer, redis, sim] = await Promise.all([startPostgres(), startRedis(), startSimulator(0)]);
    pg = openPostgres(pgServer.url);
    const admin = new IdentityAdmin({
      keys: new PostgresKeyStore(pg),
      bans: new PostgresBanStore(pg),
      serverSecret: Buffer.from(secret, 'hex'),
    });
    for (const name of ['limited', 'victim', 'load', 'agent'] as const) {
      const { token, key } = await admin.createKey({ name, scopes: ['chat'] }, 'test');
      tokens[name] = { token, id: key.id };
    }
    const approver = await admin.createKey({ name: 'alice', scopes: ['approver'] }, 'test');
    tokens.approver = { token: approver.token, id: approver.key.id };
    // The operator's bootstrap path: the first admin key is created with the CLI, straight into PostgreSQL.
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'keys', 'create', '--name', 'ops', '--scopes', 'admin,chat'],
      { encoding: 'utf8', env: { ...process.env, ...env, WARDEN_POSTGRES_URL: pgServer.url } },
    );
    assert.equal(cli.status, 0, cli.stderr);
    const adminToken = cli.stdout.trim();
    tokens.admin = { token: adminToken, id: /^wdn_([a-z0-9]{12})_/.exec(adminToken)![1]! };
    replicas = await Promise.all([0, 1, 2].map((i) => startReplica(configFor(i), env)));
  });
  after(async () => {
    await Promise.all(replicas.map((r) => stopReplica(r)));
    await pg.close();
    await Promise.all([pgServer.stop(), redis.stop(), sim.close()]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('admits exactly 10 of 3 x 64 concurrent requests under a shared limit of 10', async () => {
    const results = await Promise.all(
      Array.from({ length: 192 }, (_, i) => call(replicas[i % 3]!.url, tokens.limited.token, `limit-${i}`)),
    );
    assert.equal(results.filter((r) => r.status === 200).length, 10);
    const refused = results.filter((r) => r.status !== 200);
    assert.ok(refused.every((r) => errorCode(r.json) === 'WARDEN_RATE_LIMITED'));
  });

  it("enforces a ban made through one replica's admin API on the others' very next request", async () => {
    for (const [i, r] of replicas.entries())
      assert.equal((await call(r.url, tokens.victim.token, `pre-ban-${i}`)).status, 200);
    const ban = await postJson(
      `${replicas[0]!.url}/admin/api/bans`,
      { principal: `key:${tokens.victim.id}`, reason: 'abuse' },
      { authorization: `Bearer ${tokens.admin.token}` },
    );
    assert.ok(ban.status === 200 || ban.status === 201, `ban answered ${ban.status}`);
    // Read-through: no waiting at all, which is well within the one second the issue allows.
    for (const [i, r] of replicas.entries()) {
      const res = await call(r.url, tokens.victim.token, `post-ban-${i}`);
      assert.equal(res.status, 403);
      assert.equal(errorCode(res.json), 'WARDEN_BANNED');
    }
  });

  /** Lists pending approvals through one replica's admin API until the one for this user id shows. */
  const pendingOn = async (url: string, userId: string): Promise<string> => {
    for (let i = 0; i < 400; i++) {
      const res = await fetch(`${url}/admin/api/approvals?status=pending`, {
        headers: { authorization: `Bearer ${tokens.approver.token}` },
      });
      assert.equal(res.status, 200);
      const list = (await res.json()) as { data: { id: string; arguments: { id?: string } }[] };
      const found = list.data.find((a) => a.arguments.id === userId);
      if (found) return found.id;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no pending approval for user ${userId}`);
  };
  const approveOn = async (url: string, id: string) =>
    postJson(
      `${url}/admin/api/approvals/${id}/approve`,
      { reason: 'ticket 9' },
      {
        authorization: `Bearer ${tokens.approver.token}`,
      },
    );

  it('releases a call held on one replica once a second principal approves it through another', async () => {
    const held = postJson(`${replicas[0]!.url}/v1/chat/completions`, deleteUser('42'), {
      authorization: `Bearer ${tokens.agent.token}`,
    });
    const id = await pendingOn(replicas[1]!.url, '42');
    const approved = await approveOn(replicas[1]!.url, id);
    assert.equal(approved.status, 200);
    assert.equal(approved.json.status, 'approved');
    assert.equal(approved.json.decidedBy, `key:${tokens.approver.id}`);
    const r = await held;
    assert.equal(r.status, 200);
    const calls = toolCallsOf(r.json);
    assert.equal(calls[0]?.function.name, 'delete_user');
    assert.deepEqual(JSON.parse(calls[0]!.function.arguments), { id: '42' });
    // Redeemed once, by the replica that held it; visible as used through the third.
    const seen = await fetch(`${replicas[2]!.url}/admin/api/approvals/${id}`, {
      headers: { authorization: `Bearer ${tokens.approver.token}` },
    });
    assert.ok(((await seen.json()) as { usedAt?: number }).usedAt, 'the approval is marked used');
  });

  it('answers pending on one replica, approves on a second, and releases the resubmission on the third, once', async () => {
    const auth = { authorization: `Bearer ${tokens.agent.token}` };
    const first = await postJson(`${replicas[2]!.url}/v1/chat/completions`, deleteUser('43'), auth);
    // Pending is a normal completion with the approval in its `warden` field (decision 1701).
    const approval = (first.json.warden as { approval: { id: string; status: string } }).approval;
    assert.equal(approval.status, 'pending');
    assert.equal(await pendingOn(replicas[0]!.url, '43'), approval.id);
    // The requester cannot decide its own call, whichever replica it asks (no approver scope).
    const self = await postJson(`${replicas[0]!.url}/admin/api/approvals/${approval.id}/approve`, {}, auth);
    assert.equal(self.status, 403);
    assert.equal((await approveOn(replicas[1]!.url, approval.id)).status, 200);
    // A second approver racing on another replica loses: deciding is compare-and-set in PostgreSQL.
    assert.notEqual((await approveOn(replicas[2]!.url, approval.id)).status, 200);
    const again = await postJson(`${replicas[0]!.url}/v1/chat/completions`, deleteUser('43'), {
      ...auth,
      'x-warden-approval-id': approval.id,
    });
    assert.equal(again.status, 200);
    assert.deepEqual(JSON.parse(toolCallsOf(again.json)[0]!.function.arguments), { id: '43' });
    // Single use across replicas: the same id resubmitted on replica 2 releases nothing (held again, pending).
    const replay = await postJson(`${replicas[2]!.url}/v1/chat/completions`, deleteUser('43'), {
      ...auth,
      'x-warden-approval-id': approval.id,
    });
    assert.deepEqual(toolCallsOf(replay.json), []);
    assert.notEqual((replay.json.warden as { approval: { id: string } }).approval.id, approval.id);
    const row = await pg.pool.query<{ status: string; used_at: string | null }>(
      'SELECT status, used_at FROM warden_approvals WHERE id = $1',
      [approval.id],
    );
    assert.equal(row.rows[0]?.status, 'approved');
    assert.ok(row.rows[0]?.used_at, 'the shared PostgreSQL row records the single use');
  });

  it("applies a key revoked through one replica on the others' very next request", async () => {
    const revoke = await postJson(
      `${replicas[1]!.url}/admin/api/keys/${tokens.limited.id}/revoke`,
      {},
      { authorization: `Bearer ${tokens.admin.token}` },
    );
    assert.equal(revoke.status, 200);
    for (const [i, r] of replicas.entries()) {
      const res = await call(r.url, tokens.limited.token, `post-revoke-${i}`);
      assert.equal(errorCode(res.json), 'WARDEN_KEY_REVOKED');
    }
  });

  it('loses no accepted audit record when a replica is killed with SIGKILL under load', async () => {
    // Replica 2 is restarted with a group commit far longer than the test, so everything it accepts is only
    // in its local journal when it dies: the check below then really depends on the journal replay.
    await stopReplica(replicas[2]!);
    replicas[2] = await startReplica(configFor(2, { groupCommitMs: 60_000 }), env);
    const victim = replicas[2]!;
    const mine = new Set<string>();
    let n = 0;
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; i < 40; i++) {
        const target = replicas[(w + i) % 3]!;
        if (killed && target === victim) continue;
        const id = `load-${w}-${i}`;
        try {
          const r = await call(target.url, tokens.load.token, id);
          if (r.status === 200 && target === victim) mine.add(id);
        } catch {
          // Connection reset by the kill: not accepted, so not expected in the audit.
        }
        if (++n === 150) {
          killed = true;
          victim.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    assert.equal(await victim.exited, 'SIGKILL');
    assert.ok(mine.size > 0, 'the killed replica had accepted requests');
    const inDb = async (ids: Iterable<string>) => {
      // The ids are the clients' x-request-id, kept as clientRequestId beside Warden's own request_id.
      const res = await pg.pool.query<{ id: string }>(
        "SELECT record::json->>'clientRequestId' AS id FROM warden_audit WHERE record::json->>'clientRequestId' = ANY($1::text[])",
        [[...ids]],
      );
      return new Set(res.rows.map((r) => r.id));
    };
    assert.equal((await inDb(mine)).size, 0, 'nothing of the victim was committed before the kill');
    // The restarted replica (same data directory, new process) replays its predecessor's journal.
    replicas[2] = await startReplica(configFor(2), env);
    await Promise.all(replicas.map((r) => stopReplica(r)));
    const stored = await inDb(accepted);
    const lost = [...accepted].filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], 'every request answered 200 has its audit record');
  });

  it('`warden audit verify --postgres` passes over the union of every replica, and export holds it all', () => {
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify', '--postgres', pgServer.url],
      // The chain is keyed from the replicas' shared secret: verify needs it too.
      { encoding: 'utf8', env: { ...process.env, ...env } },
    );
    assert.equal(res.status, 0, res.stderr);
    const result = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as { ok: boolean; count: number };
    assert.equal(result.ok, true);
    assert.ok(result.count >= accepted.size, `${result.count} records for ${accepted.size} accepted`);
    const out = join(dirs[0]!, 'audit.jsonl');
    const exp = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'export', '--postgres', pgServer.url, '--out', out],
      { encoding: 'utf8', env: { ...process.env, ...env } },
    );
    assert.equal(exp.status, 0, exp.stderr);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines.length, result.count);
    const exported = new Set(
      lines.map((l) => (JSON.parse(l) as { clientRequestId?: string }).clientRequestId),
    );
    assert.ok([...accepted].every((id) => exported.has(id)));
  });
});
