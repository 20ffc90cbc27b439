// End-to-end: each exchange's audit record is in the journal before the client has the response's last byte
// (coalesced journal writes, decision 0210), and an exchange whose record cannot be written fails closed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

let stack: Stack;

before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack.close();
});

const journal = () =>
  readdirSync(stack.dataDir)
    .filter((f) => f.startsWith(`audit-sqlite-${process.pid}-`))
    .map((f) => readFileSync(join(stack.dataDir, f), 'utf8'))
    .join('');

async function exchange(i: number, stream: boolean): Promise<{ status: number; journalled: boolean }> {
  const requestId = `durability-${stream ? 's' : 'j'}-${i}`;
  const res = await fetch(`${stack.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({
      model: 'warden-sim-1',
      stream,
      messages: [{ role: 'user', content: `#sim echo reply number ${i}` }],
    }),
  });
  await res.text();
  // Read the moment the last byte is in: the record must already be on disk.
  return { status: res.status, journalled: journal().includes(`"clientRequestId":"${requestId}"`) };
}

describe('audit durability through the gateway', () => {
  it('has every record of concurrent exchanges in the journal before the client holds the whole response', async () => {
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => exchange(i, i % 3 === 0)));
    assert.deepEqual(
      results.filter((r) => r.status !== 200 || !r.journalled),
      [],
      'every exchange answered 200 with its record already journalled',
    );
  });

  it('answers 503 WARDEN_AUDIT_UNAVAILABLE when the record cannot be written (fail closed), and recovers after', async () => {
    const audit = stack.app.audit;
    const { append, appendMany } = audit;
    const broken = () => {
      throw new Error('disk full');
    };
    audit.append = broken;
    audit.appendMany = broken;
    try {
      const body = { model: 'warden-sim-1', messages: [{ role: 'user', content: '#sim echo hi' }] };
      const res = await postJson(`${stack.baseURL}/chat/completions`, body);
      assert.equal(res.status, 503);
      assert.equal(errorCode(res.json), 'WARDEN_AUDIT_UNAVAILABLE');
      assert.doesNotMatch(res.text, /echo|hi"/);
    } finally {
      audit.append = append;
      audit.appendMany = appendMany;
    }
    const ok = await exchange(99, false);
    assert.deepEqual(ok, { status: 200, journalled: true });
  });

  it('cuts a stream off before [DONE] when its record cannot be written', async () => {
    const audit = stack.app.audit;
    const { append, appendMany } = audit;
    const broken = () => {
      throw new Error('disk full');
    };
    audit.append = broken;
    audit.appendMany = broken;
    let text = '';
    try {
      const res = await fetch(`${stack.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'warden-sim-1',
          stream: true,
          messages: [{ role: 'user', content: '#sim echo streamed' }],
        }),
      });
      assert.equal(res.status, 200, 'the stream had started');
      text = await res.text().catch(() => '');
    } finally {
      audit.append = append;
      audit.appendMany = appendMany;
    }
    assert.ok(!text.includes('[DONE]'), 'the unrecorded stream never completes');
    assert.deepEqual(await exchange(100, true), { status: 200, journalled: true });
  });
});
