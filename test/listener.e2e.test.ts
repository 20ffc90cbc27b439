// The listener under hostile clients on loopback: attackers connect from 127.0.0.2 and above, the
// authenticated client from 127.0.0.1. Slow request heads cannot starve it, key guessing is throttled per
// address, and too many headers is a 431.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { errorCode, type Stack, startStack } from './helpers.js';

let stack: Stack;
let port: number;
let token: string;
const MAX_CONNECTIONS = 30;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
}

/** One request over a fresh connection bound to `from`. */
function send(
  from: string,
  path: string,
  headers: Record<string, string> | [string, string][],
  body?: unknown,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: body === undefined ? 'GET' : 'POST',
        localAddress: from,
        agent: false,
        headers: Array.isArray(headers)
          ? [['host', 'localhost'], ...headers].flat()
          : { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => {
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {}
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const chat = { model: 'warden-sim-1', messages: [{ role: 'user', content: 'hi' }] };
const authed = (from: string, key = token) =>
  send(from, '/v1/chat/completions', { authorization: `Bearer ${key}` }, chat);

/** Opens `n` connections from `from` that send a partial request head and then trickle a byte a second. */
function slowHeads(from: string, n: number): { sockets: Socket[]; closed: () => number; stop(): void } {
  const sockets: Socket[] = [];
  let closed = 0;
  for (let i = 0; i < n; i++) {
    const s = connect({ host: '127.0.0.1', port, localAddress: from });
    s.on('error', () => {});
    s.resume();
    s.on('close', () => closed++);
    s.write('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n');
    const timer = setInterval(() => s.destroyed || s.write('X'), 1000);
    s.on('close', () => clearInterval(timer));
    sockets.push(s);
  }
  return {
    sockets,
    closed: () => closed,
    stop() {
      for (const s of sockets) s.destroy();
    },
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  stack = await startStack((c) => ({
    ...c,
    auth: { mode: 'keys', failureThrottle: { limit: 10, window: '1m' } },
    server: {
      ...c.server,
      maxConnections: MAX_CONNECTIONS,
      maxPendingHeadersPerAddress: 8,
      headersTimeoutMs: 20_000,
    },
    extraction: { enabled: false },
  }));
  port = Number(new URL(stack.url).port);
  ({ token } = await stack.app.admin.createKey({ name: 'fast' }, 'test'));
});
after(() => stack.close());

describe('slow request heads beside an authenticated client', () => {
  it('caps the connections one address may hold while still sending its request head', async () => {
    const slow = slowHeads('127.0.0.2', 20);
    try {
      await pause(500);
      assert.equal(slow.closed(), 20 - 8, 'all but 8 were refused');
      assert.equal((await authed('127.0.0.1')).status, 200);
    } finally {
      slow.stop();
    }
  });

  it('serves every authenticated request while attackers from many addresses fill the listener', async () => {
    const attackers = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'].map((a) => slowHeads(a, 8));
    try {
      await pause(500);
      const open = stack.app.gateway.connections.stats().open;
      assert.ok(open >= MAX_CONNECTIONS - 2, `the listener is (nearly) full of slow heads (${open})`);
      const results = [];
      for (let i = 0; i < 10; i++) results.push((await authed('127.0.0.1')).status);
      assert.deepEqual(results, Array(10).fill(200));
      assert.ok(stack.app.gateway.connections.stats().shed > 0, 'slow heads were shed to make room');
    } finally {
      for (const a of attackers) a.stop();
    }
  });
});

describe('failed-authentication throttling', () => {
  it('answers 429 with retry-after once an address has used up its failures, and only that address', async () => {
    const wrong = 'wdn_aaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const statuses: number[] = [];
    let throttled: Reply | undefined;
    for (let i = 0; i < 15; i++) {
      const r = await authed('127.0.0.6', wrong);
      statuses.push(r.status);
      if (r.status === 429) throttled ??= r;
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401), 'the allowance is answered as usual');
    assert.ok(throttled, 'then the address is throttled');
    assert.equal(errorCode(throttled.json), 'WARDEN_AUTH_THROTTLED');
    assert.ok(Number(throttled.headers['retry-after']) >= 1);
    assert.equal((await authed('127.0.0.6')).status, 429, 'even a valid key from that address waits');
    assert.equal((await authed('127.0.0.1')).status, 200, 'other addresses are not affected');
  });
});

describe('header count', () => {
  it('answers more headers than server.maxHeadersCount with 431, never dropping the extras', async () => {
    const limit = stack.config.server.maxHeadersCount;
    const filler: [string, string][] = Array.from({ length: limit }, (_, i) => [`x-filler-${i}`, 'v']);
    // The credential comes last: a server that silently drops the extra headers would answer 401.
    const r = await send('127.0.0.1', '/v1/models', [...filler, ['authorization', `Bearer ${token}`]]);
    assert.equal(r.status, 431, JSON.stringify(r.json));
    assert.equal(errorCode(r.json), 'WARDEN_HEADERS_TOO_LARGE');
    const ok = await send('127.0.0.1', '/v1/models', [
      ...filler.slice(0, 10),
      ['authorization', `Bearer ${token}`],
    ]);
    assert.equal(ok.status, 200);
  });
});
