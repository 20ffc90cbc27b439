// What records keep of caller input: no secret from the model field, no card number in excerpts, and the
// caller's x-request-id beside (never instead of) Warden's own unique id.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { postJson, type Stack, startStack } from './helpers.js';

let stack: Stack;
const logLines: string[] = [];

before(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  stack = await startStack((c) => ({ ...c, audit: { ...(c.audit ?? {}), excerpts: true } }), {
    log: pino({ level: 'debug' }, sink),
  });
});
after(() => stack.close());

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

describe('records of caller input', () => {
  it('never logs or audits a secret sent in the model field', async () => {
    const secret = 'sk-proj-Q7wErTy8UiOp9AsDf0GhJkL1ZxCv2BnM';
    for (const model of [secret, `warden-sim-1 ${secret}`]) {
      const res = await postJson(`${stack.baseURL}/chat/completions`, {
        model,
        messages: [{ role: 'user', content: 'hi' }],
      });
      assert.ok(res.status > 0);
    }
    const audit = JSON.stringify(await auditRecords());
    assert.ok(audit.includes('"model"'), 'the model field is recorded, in a safe form');
    assert.ok(!audit.includes(secret.slice(8)), 'no secret in the audit log');
    assert.ok(logLines.length > 0, 'the request lines were logged');
    assert.ok(!logLines.join('').includes(secret.slice(8)), 'no secret in the process log');
  });

  it('never stores a short-group card number in an audit excerpt', async () => {
    const res = await postJson(
      `${stack.baseURL}/chat/completions`,
      { model: 'warden-sim-1', messages: [{ role: 'user', content: 'my card is 4532 0151 1283 0366 ok' }] },
      { 'x-request-id': 'card-excerpt' },
    );
    assert.equal(res.status, 200);
    const rec = (await auditRecords()).find((r) => r.clientRequestId === 'card-excerpt');
    assert.ok(typeof rec?.excerpt === 'string', 'the excerpt was recorded');
    for (const group of ['4532', '0151', '1283', '0366']) assert.ok(!(rec.excerpt as string).includes(group));
  });

  it("records a client's x-request-id beside Warden's own unique id, duplicates included", async () => {
    const body = { model: 'warden-sim-1', messages: [{ role: 'user', content: 'hi' }] };
    const a = await postJson(`${stack.baseURL}/chat/completions`, body, { 'x-request-id': 'dup-id' });
    const b = await postJson(`${stack.baseURL}/chat/completions`, body, { 'x-request-id': 'dup-id' });
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    const recs = (await auditRecords()).filter((r) => r.clientRequestId === 'dup-id');
    assert.equal(recs.length, 2);
    const ids = recs.map((r) => r.requestId);
    assert.ok(!ids.includes('dup-id'), "the client's id is never Warden's id");
    assert.equal(new Set(ids).size, 2, "Warden's ids are unique");
    assert.deepEqual(new Set(ids), new Set([a.headers.get('x-request-id'), b.headers.get('x-request-id')]));
  });
});
