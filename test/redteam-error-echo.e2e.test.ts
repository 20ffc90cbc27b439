// Red team: a body that is not JSON is refused without echoing any of it (V8's parse errors quote the text
// around the fault, which may be a credential the caller pasted), on the proxy and on route-table entries.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorCode, type Stack, startStack } from './helpers.js';

// Assembled at run time so that no complete credential sits in the source.
const KEY = `AKIA${'7Q2W3E4R5T6Y7U2I'}`;
const BODIES = [KEY, `{"model":"m","messages":[{"role":"user","content": ${KEY}}]}`, `${KEY}{}`];

describe('red team: parse errors echo no input', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  for (const path of ['/v1/chat/completions', '/v1/responses', '/v1/embeddings', '/admin/api/sandbox/run'])
    for (const [i, body] of BODIES.entries())
      it(`${path}, body ${i + 1}: WARDEN_BAD_JSON without the text`, async () => {
        const res = await fetch(`${stack.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const text = await res.text();
        assert.ok(res.status === 400 || res.status === 404, `${res.status} ${text}`);
        if (res.status === 400)
          assert.equal(errorCode(JSON.parse(text) as Record<string, unknown>), 'WARDEN_BAD_JSON');
        for (const piece of [KEY.slice(0, 8), KEY.slice(4, 12), KEY.slice(-8)])
          assert.ok(!text.includes(piece), `the error echoed the input: ${text}`);
      });
});
