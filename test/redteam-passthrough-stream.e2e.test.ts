// Red team: a passthrough upstream's stream whose data lines are not event objects (a JSON string, an array,
// text that is not JSON) carrying a key: none of it reaches the Responses client.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { buildWarden, type WardenApp } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import { tempDir } from './helpers.js';

// Assembled at run time so that no complete credential sits in the source.
const KEY = `AKIA${'7Q2W3E4R5T6Y7U2I'}`;

const response = {
  id: 'resp_up',
  object: 'response',
  created_at: 1,
  model: 'm',
  status: 'completed',
  output: [],
};
const LINES: Record<string, string> = {
  'a JSON string': JSON.stringify(`the key is ${KEY}`),
  'a JSON array': JSON.stringify([`the key is ${KEY}`]),
  'text that is not JSON': `the key is ${KEY}`,
};

describe('red team: non-event data lines from a passthrough upstream', () => {
  let upstream: Server;
  let app: WardenApp;
  let base: string;
  let line = '';

  before(async () => {
    upstream = createServer(async (req, res) => {
      for await (const _ of req);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const ev = (e: Record<string, unknown>) => `data: ${JSON.stringify(e)}\n\n`;
      res.write(ev({ type: 'response.created', response: { ...response, status: 'in_progress' } }));
      res.write(
        ev({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, delta: 'Hello.' }),
      );
      res.write(`data: ${line}\n\n`);
      res.end(ev({ type: 'response.completed', response }));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
    app = buildWarden(
      validateConfig({
        ...embeddedDefaults({ upstream: url }),
        upstreams: [{ name: 'crafted', baseUrl: url, responses: 'passthrough' }],
        auth: { mode: 'none' },
        dataDir: tempDir(),
        logging: { level: 'silent' },
      }),
    );
    base = `http://127.0.0.1:${(await app.gateway.listen(0, '127.0.0.1')).port}/v1`;
  });
  after(async () => {
    await app.close();
    upstream.closeAllConnections();
    await new Promise<void>((r) => upstream.close(() => r()));
  });

  for (const [name, data] of Object.entries(LINES))
    it(`${name} never shows the key`, async () => {
      line = data;
      const res = await fetch(`${base}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'crafted', input: 'hi', stream: true }),
      });
      const text = await res.text();
      assert.ok(!text.includes(KEY.slice(4)), `the key reached the client: ${text.slice(0, 400)}`);
    });
});
