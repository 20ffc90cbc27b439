// Red team: with a token quota, every request reaches the upstream bounded by what was reserved; a `max_tokens`
// of null, of 1e400 (Infinity once parsed, null once forwarded) or of another type does not lift the bound.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { errorCode, type Stack, startStack } from './helpers.js';

const M = 'warden-sim-1';
const DEFAULT_TOKENS = 64;

describe('red team: the completion bound under a token quota', () => {
  let stack: Stack;
  let upstream: Server;
  let key: string;
  const seen: Record<string, unknown>[] = [];

  before(async () => {
    upstream = createServer(async (req, res) => {
      let raw = '';
      for await (const c of req) raw += c;
      seen.push(JSON.parse(raw) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model: M,
          choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    const baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
    stack = await startStack((c) => ({
      ...c,
      auth: { mode: 'keys' },
      limits: {
        principal: {
          requests: { limit: 600, window: '1m' },
          tokens: { limit: 100_000, window: '1m' },
          concurrent: 1,
        },
        defaultCompletionTokens: DEFAULT_TOKENS,
      },
      upstreams: (c.upstreams ?? []).map((u) => ({ ...u, baseUrl })),
    }));
    key = (await stack.app.admin.createKey({ name: 'attacker', scopes: ['chat'] }, 'test')).token;
  });
  after(async () => {
    await stack.close();
    upstream.closeAllConnections();
    await new Promise<void>((r) => upstream.close(() => r()));
  });

  const send = (raw: string, path = 'chat/completions') =>
    fetch(`${stack.baseURL}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: raw,
    });
  const chat = (extra: string) => `{"model":"${M}","messages":[{"role":"user","content":"hi"}]${extra}}`;

  /** The upstream saw a finite completion maximum no larger than the default reservation. */
  function bounded(body: Record<string, unknown> | undefined) {
    assert.ok(body, 'the request was forwarded');
    const maxima = [body.max_tokens, body.max_completion_tokens].filter((v) => v !== undefined);
    assert.ok(maxima.length > 0, `a maximum was forwarded: ${JSON.stringify(maxima)}`);
    for (const v of maxima) assert.ok(typeof v === 'number' && v <= DEFAULT_TOKENS, `bounded: ${v}`);
  }

  for (const [name, extra] of [
    ['max_tokens null', ',"max_tokens":null'],
    ['max_tokens null and max_completion_tokens null', ',"max_tokens":null,"max_completion_tokens":null'],
  ] as const)
    it(`${name}: forwarded with the default bound`, async () => {
      seen.length = 0;
      const res = await send(chat(extra));
      assert.equal(res.status, 200, await res.text());
      bounded(seen[0]);
    });

  for (const [name, raw, path] of [
    ['max_tokens 1e400', chat(',"max_tokens":1e400'), 'chat/completions'],
    ['max_tokens as a string', chat(',"max_tokens":"100000"'), 'chat/completions'],
    ['max_completion_tokens 0.5', chat(',"max_completion_tokens":0.5'), 'chat/completions'],
    ['max_output_tokens 1e400', `{"model":"${M}","input":"hi","max_output_tokens":1e400}`, 'responses'],
  ] as const)
    it(`${name}: refused before the upstream`, async () => {
      seen.length = 0;
      const res = await send(raw, path);
      const json = (await res.json()) as Record<string, unknown>;
      assert.equal(res.status, 400, JSON.stringify(json));
      assert.equal(errorCode(json), 'WARDEN_BAD_REQUEST');
      assert.deepEqual(seen, []);
    });

  it('a refused maximum charged nothing: the concurrency slot and the request count are free again', async () => {
    // A limit of one in flight: had the refusals above leaked their lease, this would be a 429.
    seen.length = 0;
    const res = await send(chat(',"max_tokens":8'));
    assert.equal(res.status, 200, await res.text());
  });

  it('an ordinary maximum is kept', async () => {
    seen.length = 0;
    const res = await send(chat(',"max_tokens":16'));
    assert.equal(res.status, 200);
    assert.equal(seen[0]?.max_tokens, 16);
  });
});
