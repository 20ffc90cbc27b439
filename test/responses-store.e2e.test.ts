// Stored Responses API answers: a read is audited like an exchange, expired rows are not served, and the owner
// (only) can delete one; each over the real gateway, its SQLite state DB and its audit journal.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

const MODEL = 'warden-sim-1';

describe('stored responses', () => {
  let stack: Stack;
  let owner: { id: string; token: string };
  let other: { id: string; token: string };

  before(async () => {
    stack = await startStack((c) => ({
      ...c,
      auth: { mode: 'keys' },
      responses: { store: 'sqlite', retention: '2d' },
    }));
    const key = async (name: string) => {
      const k = await stack.app.admin.createKey({ name, scopes: ['chat'] }, 'test');
      return { id: k.key.principal, token: k.token };
    };
    owner = await key('owner');
    other = await key('other');
  });
  after(() => stack.close());

  const auth = (k: { token: string }) => ({ authorization: `Bearer ${k.token}` });
  const create = async (input: string) => {
    const res = await postJson(`${stack.baseURL}/responses`, { model: MODEL, input }, auth(owner));
    assert.equal(res.status, 200);
    return String(res.json.id);
  };

  async function auditRecords(): Promise<Record<string, unknown>[]> {
    await stack.app.audit.flush?.();
    const db = new Database(`${stack.dataDir}/warden.db`, { readonly: true });
    try {
      const rows = db.prepare('SELECT record FROM audit ORDER BY seq').all() as { record: string }[];
      return rows.map((r) => JSON.parse(r.record) as Record<string, unknown>);
    } finally {
      db.close();
    }
  }
  const recordOf = async (requestId: string | null) => {
    assert.ok(requestId, 'the answer names its request id');
    const found = (await auditRecords()).find((r) => r.requestId === requestId && r.kind === 'request');
    assert.ok(found, 'an audit record for the request');
    return found;
  };

  it('GET /v1/responses/{id} writes an audit record: route chat, api responses, operation read', async () => {
    const id = await create('Say hello');
    const got = await fetch(`${stack.baseURL}/responses/${id}`, { headers: auth(owner) });
    assert.equal(got.status, 200);
    assert.equal(((await got.json()) as { id: string }).id, id);
    const rec = await recordOf(got.headers.get('x-request-id'));
    assert.equal(rec.route, 'chat');
    assert.equal(rec.principal, owner.id);
    assert.equal(rec.model, MODEL);
    assert.equal(rec.status, 200);
    assert.equal(rec.outcome, 'ok');
    assert.deepEqual(rec.detail, { api: 'responses', responseId: id, operation: 'read' });
    const phases = (rec.decisions as { phase: string }[]).map((d) => d.phase);
    assert.ok(phases.includes('response'), `the re-run response guards are recorded: ${phases}`);
  });

  it("a read of another principal's response is a 404, and is audited as one", async () => {
    const id = await create('Say hello again');
    const got = await fetch(`${stack.baseURL}/responses/${id}`, { headers: auth(other) });
    assert.equal(got.status, 404);
    assert.equal(errorCode((await got.json()) as Record<string, unknown>), 'WARDEN_RESPONSE_NOT_FOUND');
    const rec = await recordOf(got.headers.get('x-request-id'));
    assert.equal(rec.principal, other.id);
    assert.equal(rec.status, 404);
    assert.equal(rec.outcome, 'error');
    assert.equal(rec.code, 'WARDEN_RESPONSE_NOT_FOUND');
    assert.deepEqual(rec.detail, { api: 'responses', responseId: id, operation: 'read' });
  });

  it("an id that is not Warden's shape is never recorded as given", async () => {
    const got = await fetch(`${stack.baseURL}/responses/resp_not-ours-${'x'.repeat(12)}`, {
      headers: auth(owner),
    });
    assert.equal(got.status, 404);
    await got.body?.cancel();
    const rec = await recordOf(got.headers.get('x-request-id'));
    assert.deepEqual(rec.detail, { api: 'responses', responseId: '-', operation: 'read' });
  });
  it('a response older than responses.retention is not served', async () => {
    const id = await create('Say something');
    const db = new Database(`${stack.dataDir}/warden.db`);
    try {
      const aged = Math.floor(Date.now() / 1000) - 3 * 86_400;
      db.prepare('UPDATE responses SET created_at = ? WHERE id = ?').run(aged, id);
    } finally {
      db.close();
    }
    const got = await fetch(`${stack.baseURL}/responses/${id}`, { headers: auth(owner) });
    assert.equal(got.status, 404);
    assert.equal(errorCode((await got.json()) as Record<string, unknown>), 'WARDEN_RESPONSE_NOT_FOUND');
    const follow = await postJson(
      `${stack.baseURL}/responses`,
      { model: MODEL, input: 'and then?', previous_response_id: id },
      auth(owner),
    );
    assert.equal(follow.status, 404, 'nor continued from');
  });

  it('DELETE /v1/responses/{id}: the owner only, 404 otherwise, audited; the row is gone', async () => {
    const id = await create('Forget me');
    const del = (k: { token: string }, which = id) =>
      fetch(`${stack.baseURL}/responses/${which}`, { method: 'DELETE', headers: auth(k) });
    const byOther = await del(other);
    assert.equal(byOther.status, 404);
    assert.equal(errorCode((await byOther.json()) as Record<string, unknown>), 'WARDEN_RESPONSE_NOT_FOUND');
    const still = await fetch(`${stack.baseURL}/responses/${id}`, { headers: auth(owner) });
    assert.equal(still.status, 200, "another principal's delete changed nothing");
    await still.body?.cancel();

    const byOwner = await del(owner);
    assert.equal(byOwner.status, 200);
    assert.deepEqual(await byOwner.json(), { id, object: 'response', deleted: true });
    const rec = await recordOf(byOwner.headers.get('x-request-id'));
    assert.equal(rec.principal, owner.id);
    assert.equal(rec.status, 200);
    assert.deepEqual(rec.detail, { api: 'responses', responseId: id, operation: 'delete' });
    const db = new Database(`${stack.dataDir}/warden.db`, { readonly: true });
    try {
      assert.equal(
        db.prepare('SELECT id FROM responses WHERE id = ?').get(id),
        undefined,
        'the row is deleted',
      );
    } finally {
      db.close();
    }
    const again = await del(owner);
    assert.equal(again.status, 404, 'a second delete finds nothing');
    await again.body?.cancel();
    const bogus = await del(owner, 'not-an-id');
    assert.equal(bogus.status, 404);
    await bogus.body?.cancel();
  });

  it('counts Responses API exchanges, reads and deletes under route responses in the metrics, not chat', async () => {
    const count = async (route: string) => {
      const text = await (await fetch(`${stack.url}/metrics`)).text();
      let n = 0;
      for (const line of text.split('\n'))
        if (line.startsWith('warden_requests_total{') && line.includes(`route="${route}"`))
          n += Number(line.slice(line.lastIndexOf(' ') + 1));
      return n;
    };
    const [responses, chat] = [await count('responses'), await count('chat')];
    const id = await create('Count me');
    const read = await fetch(`${stack.baseURL}/responses/${id}`, { headers: auth(owner) });
    await read.body?.cancel();
    const del = await fetch(`${stack.baseURL}/responses/${id}`, { method: 'DELETE', headers: auth(owner) });
    await del.body?.cancel();
    const refused = await postJson(`${stack.baseURL}/responses`, { model: MODEL, input: 'x' });
    assert.equal(refused.status, 401);
    assert.equal(await count('responses'), responses + 4, 'create, read, delete and a refused create');
    const plain = await postJson(
      `${stack.baseURL}/chat/completions`,
      { model: MODEL, messages: [{ role: 'user', content: 'hi' }] },
      auth(owner),
    );
    assert.equal(plain.status, 200);
    assert.equal(await count('chat'), chat + 1, 'only the chat completion counts as chat');
  });
});
