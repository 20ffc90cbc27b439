// Hostile clients: oversized headers, deep JSON, slow-loris, and property-based fuzzing of request bodies.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

let stack: Stack;
before(async () => {
  stack = await startStack((cfg) => ({
    ...cfg,
    server: { headersTimeoutMs: 500, requestTimeoutMs: 1500, maxHeaderBytes: 4096, maxJsonDepth: 16 },
  }));
});
after(() => stack.close());

/** Sends raw bytes; resolves with what came back and whether the server (not our give-up timer) closed. */
function rawExchange(text: string, waitMs = 3000): Promise<{ out: string; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const sock = connect(Number(new URL(stack.url).port), '127.0.0.1');
    let out = '';
    let gaveUp = false;
    sock.on('data', (b) => {
      out += b.toString();
    });
    sock.on('close', () => resolve({ out, closedByServer: !gaveUp }));
    sock.on('error', reject);
    sock.write(text);
    const timer = setTimeout(() => {
      gaveUp = true;
      sock.destroy();
    }, waitMs);
    sock.on('close', () => clearTimeout(timer));
  });
}

async function rawRequest(text: string, waitMs = 3000): Promise<string> {
  return (await rawExchange(text, waitMs)).out;
}

describe('resource bounds', () => {
  it('answers oversized headers with 431 in the OpenAI error shape', async () => {
    const out = await rawRequest(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(8000)}\r\n\r\n`);
    assert.match(out, /^HTTP\/1\.1 431/);
    assert.match(out, /WARDEN_HEADERS_TOO_LARGE/);
  });

  it('rejects JSON nested deeper than the limit', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = [deep];
    const r = await postJson(`${stack.baseURL}/chat/completions`, {
      model: 'warden-sim-1',
      messages: [{ role: 'user', content: 'hi' }],
      extra: deep,
    });
    assert.equal(r.status, 400);
    assert.equal(errorCode(r.json), 'WARDEN_JSON_TOO_DEEP');
  });

  it('closes a slow-loris connection that never finishes its headers', async () => {
    // headersTimeoutMs is 500 here; the client gives up after 10 s, so a close by then is the server's.
    const { out, closedByServer } = await rawExchange(
      'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n',
      10_000,
    );
    assert.ok(closedByServer, 'the server closed the half-sent request');
    assert.ok(out === '' || /^HTTP\/1\.1 408/.test(out), out.slice(0, 80));
  });

  it('still serves normal requests', async () => {
    const r = await postJson(`${stack.baseURL}/chat/completions`, {
      model: 'warden-sim-1',
      messages: [{ role: 'user', content: 'ok?' }],
    });
    assert.equal(r.status, 200);
  });
});

describe('fuzzing request bodies (fast-check)', () => {
  it('answers any JSON body with a 200 or a 4xx OpenAI-shaped error, never a 5xx', async () => {
    const message = fc.record(
      {
        role: fc.oneof(fc.constantFrom('user', 'system', 'assistant', 'tool'), fc.string()),
        content: fc.oneof(
          fc.string(),
          fc.constant(null),
          fc.array(fc.record({ type: fc.string(), text: fc.string() })),
        ),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.record(
        {
          model: fc.oneof(fc.constant('warden-sim-1'), fc.string(), fc.integer()),
          messages: fc.oneof(fc.array(message, { maxLength: 4 }), fc.anything()),
          stream: fc.oneof(fc.boolean(), fc.anything()),
          n: fc.oneof(fc.integer({ min: -2, max: 20 }), fc.anything()),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const raw = typeof b === 'string' ? b : (JSON.stringify(b) ?? 'null');
        const r = await postJson(`${stack.baseURL}/chat/completions`, raw);
        assert.ok(
          r.status === 200 || (r.status >= 400 && r.status < 500),
          `status ${r.status} for ${raw.slice(0, 80)}`,
        );
        if (r.status !== 200) assert.match(String(errorCode(r.json)), /^WARDEN_/);
        else if (!r.text.startsWith('data:')) assert.ok(Array.isArray(r.json.choices));
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
