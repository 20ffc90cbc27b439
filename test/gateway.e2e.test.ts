// End-to-end: the official openai client through Warden to the simulator, and every failure mode's error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import OpenAI from 'openai';
import { allow } from '../src/core/decision.js';
import type { Guard } from '../src/core/guard.js';
import { type FaultUpstream, startFaultUpstream } from './fixtures/fault-upstream.js';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

let stack: Stack;
let faults: FaultUpstream;
let client: OpenAI;

const slowGuard: Guard = {
  id: 'test-slow',
  phase: 'request',
  tags: [],
  failMode: 'closed',
  deadlineMs: 30,
  check: (ctx) =>
    new Promise((resolve) => {
      const delay = JSON.stringify(ctx.body).includes('TRIGGER_SLOW') ? 500 : 0;
      setTimeout(() => resolve(allow('test-slow')), delay);
    }),
};
const throwingGuard: Guard = {
  id: 'test-throws',
  phase: 'request',
  tags: [],
  failMode: 'closed',
  check: (ctx) => {
    if (JSON.stringify(ctx.body).includes('TRIGGER_THROW')) throw new Error('guard bug');
    return allow('test-throws');
  },
};

async function auditRows(): Promise<{ record: string }[]> {
  await stack.app.audit.flush?.();
  const db = new Database(`${stack.dataDir}/warden.db`, { readonly: true });
  try {
    return db.prepare('SELECT record FROM audit ORDER BY seq').all() as { record: string }[];
  } finally {
    db.close();
  }
}

async function audited(requestId: string): Promise<Record<string, unknown> | undefined> {
  const row = (await auditRows())
    .map((r) => JSON.parse(r.record) as Record<string, unknown>)
    .find((r) => r.clientRequestId === requestId);
  return row;
}

before(async () => {
  faults = await startFaultUpstream();
  stack = await startStack(
    (cfg, simUrl) => ({
      ...cfg,
      server: { maxBodyBytes: 64 * 1024 },
      // The core's own behaviour, without the default guards (whose hold-back would keep these short fault
      // streams from starting before they fail: then the client gets a plain HTTP error instead).
      guards: { request: [{ use: 'request-limits' }] },
      upstreams: [
        { name: 'sim', baseUrl: simUrl, models: ['warden-sim-*'] },
        {
          name: 'endless',
          baseUrl: faults.url,
          models: ['fault-endless'],
          timeouts: { firstByteMs: 300, idleMs: 300, totalMs: 1_500, connectMs: 1_000 },
        },
        {
          // Megabytes of one event take a while on a loaded machine: only the size limit may end this one.
          name: 'huge',
          baseUrl: faults.url,
          models: ['fault-huge-chunk'],
          timeouts: { firstByteMs: 10_000, idleMs: 10_000, totalMs: 30_000, connectMs: 1_000 },
        },
        {
          name: 'faulty',
          baseUrl: faults.url,
          models: ['fault-*'],
          timeouts: { firstByteMs: 300, idleMs: 300, totalMs: 5_000, connectMs: 1_000 },
        },
        { name: 'refused', baseUrl: 'http://127.0.0.1:9/v1', models: ['refused-*'] },
      ],
    }),
    { extraGuards: [slowGuard, throwingGuard] },
  );
  client = new OpenAI({ baseURL: stack.baseURL, apiKey: 'unused-by-anonymous-access', maxRetries: 0 });
});

after(async () => {
  await stack.close();
  await faults.close();
});

describe('openai client through Warden', () => {
  it('completes a chat (non-streaming)', async () => {
    const res = await client.chat.completions.create({
      model: 'warden-sim-1',
      messages: [{ role: 'user', content: 'What is a gateway?' }],
    });
    assert.equal(res.object, 'chat.completion');
    assert.match(res.choices[0]?.message.content ?? '', /gateway/);
    assert.ok((res.usage?.total_tokens ?? 0) > 0);
  });

  it('completes a chat (streaming)', async () => {
    const stream = await client.chat.completions.create({
      model: 'warden-sim-1',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Tell me about streaming' }],
    });
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish ??= chunk.choices[0]?.finish_reason;
    }
    assert.match(text, /streaming/);
    assert.equal(finish, 'stop');
  });

  it('creates embeddings', async () => {
    const res = await client.embeddings.create({ model: 'warden-sim-embed-1', input: ['alpha', 'beta'] });
    assert.equal(res.data.length, 2);
    assert.equal(res.data[0]?.embedding.length, 256);
  });

  it('lists models routed by the configured globs', async () => {
    const models = await client.models.list();
    const ids = models.data.map((m) => m.id);
    assert.ok(ids.includes('warden-sim-1'));
  });

  it('completes a legacy completion, streaming and not', async () => {
    const res = await client.completions.create({
      model: 'warden-sim-1',
      prompt: 'Say something about tests',
    });
    assert.match(res.choices[0]?.text ?? '', /tests/);
    const stream = await client.completions.create({
      model: 'warden-sim-1',
      prompt: 'stream it',
      stream: true,
    });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.text ?? '';
    assert.match(text, /stream it/);
  });
});

describe('bad input gets a clear OpenAI-shaped error, is audited, and the process stays up', () => {
  const cases: {
    name: string;
    body: unknown;
    status: number;
    code: string;
    headers?: Record<string, string>;
  }[] = [
    {
      name: 'malformed JSON',
      body: '{"model": "warden-sim-1", "messages": [',
      status: 400,
      code: 'WARDEN_BAD_JSON',
    },
    { name: 'a JSON array', body: '[1,2]', status: 400, code: 'WARDEN_BAD_REQUEST' },
    { name: 'missing messages', body: { model: 'warden-sim-1' }, status: 400, code: 'WARDEN_BAD_REQUEST' },
    {
      name: 'missing model',
      body: { messages: [{ role: 'user', content: 'x' }] },
      status: 400,
      code: 'WARDEN_BAD_REQUEST',
    },
    {
      name: 'a body over the limit',
      body: { model: 'warden-sim-1', messages: [{ role: 'user', content: 'x'.repeat(70 * 1024) }] },
      status: 413,
      code: 'WARDEN_BODY_TOO_LARGE',
    },
    {
      name: 'an unknown model',
      body: { model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] },
      status: 404,
      code: 'WARDEN_UNKNOWN_MODEL',
    },
    {
      name: 'a non-JSON content type',
      body: 'model=x',
      status: 415,
      code: 'WARDEN_UNSUPPORTED_MEDIA_TYPE',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
  ];
  for (const c of cases) {
    it(`${c.name} -> ${c.status} ${c.code}`, async () => {
      const requestId = `bad-${c.code}-${c.status}-${c.name.length}`;
      const res = await postJson(`${stack.baseURL}/chat/completions`, c.body, {
        'x-request-id': requestId,
        ...c.headers,
      });
      assert.equal(res.status, c.status);
      assert.equal(errorCode(res.json), c.code);
      assert.equal(typeof (res.json.error as { message: string }).message, 'string');
      const rec = await audited(requestId);
      assert.ok(rec, 'the failure is in the audit log');
      assert.equal(rec.code, c.code);
    });
  }
});

describe('upstream failures', () => {
  const cases: { model: string; stream?: boolean; status: number; code: string }[] = [
    { model: 'refused-1', status: 502, code: 'WARDEN_UPSTREAM_UNAVAILABLE' },
    { model: 'fault-500', status: 502, code: 'WARDEN_UPSTREAM_ERROR' },
    { model: 'fault-400', status: 400, code: 'WARDEN_UPSTREAM_ERROR' },
    { model: 'fault-stall', status: 504, code: 'WARDEN_UPSTREAM_TIMEOUT' },
    { model: 'fault-reset', status: 502, code: 'WARDEN_UPSTREAM_UNAVAILABLE' },
    { model: 'fault-badjson', status: 502, code: 'WARDEN_UPSTREAM_BAD_RESPONSE' },
    { model: 'fault-html', stream: true, status: 502, code: 'WARDEN_UPSTREAM_BAD_RESPONSE' },
    { model: 'fault-stall', stream: true, status: 504, code: 'WARDEN_UPSTREAM_TIMEOUT' },
    { model: 'fault-json-stream', stream: true, status: 502, code: 'WARDEN_UPSTREAM_BAD_RESPONSE' },
  ];
  for (const c of cases) {
    it(`${c.model}${c.stream ? ' (stream)' : ''} -> ${c.status} ${c.code}`, async () => {
      const requestId = `up-${c.model}-${c.stream ? 's' : 'n'}`;
      const res = await postJson(
        `${stack.baseURL}/chat/completions`,
        { model: c.model, stream: c.stream === true, messages: [{ role: 'user', content: 'hi' }] },
        { 'x-request-id': requestId },
      );
      assert.equal(res.status, c.status);
      assert.equal(errorCode(res.json), c.code);
      assert.equal((await audited(requestId))?.code, c.code);
    });
  }

  const midStream: { model: string; code: string }[] = [
    { model: 'fault-reset-mid', code: 'WARDEN_UPSTREAM_STREAM_ABORTED' },
    { model: 'fault-idle', code: 'WARDEN_UPSTREAM_TIMEOUT' },
    { model: 'fault-truncated', code: 'WARDEN_UPSTREAM_STREAM_ABORTED' },
    { model: 'fault-badsse', code: 'WARDEN_UPSTREAM_BAD_RESPONSE' },
    { model: 'fault-huge-chunk', code: 'WARDEN_UPSTREAM_BAD_RESPONSE' },
    { model: 'fault-endless', code: 'WARDEN_UPSTREAM_TIMEOUT' },
  ];
  for (const c of midStream) {
    it(`${c.model} mid-stream ends the stream cleanly with an error event and [DONE]`, async () => {
      const requestId = `mid-${c.model}`;
      const res = await postJson(
        `${stack.baseURL}/chat/completions`,
        { model: c.model, stream: true, messages: [{ role: 'user', content: 'hi' }] },
        { 'x-request-id': requestId },
      );
      assert.equal(res.status, 200);
      const events = res.text.split('\n\n').filter(Boolean);
      assert.equal(events.at(-1), 'data: [DONE]');
      const err = JSON.parse(events.at(-2)!.slice('data: '.length)) as { error: { code: string } };
      assert.equal(err.error.code, c.code);
      for (const e of events.slice(0, -2)) JSON.parse(e.slice('data: '.length)); // every event is whole JSON
      assert.equal((await audited(requestId))?.code, c.code);
      // The openai client surfaces it as an error, not as a silently short answer.
      await assert.rejects(async () => {
        const s = await client.chat.completions.create({
          model: c.model,
          stream: true,
          messages: [{ role: 'user', content: 'x' }],
        });
        for await (const _ of s) {
          // drain
        }
      });
    });
  }

  it('serves other clients while an endless stream is running', async () => {
    const endless = postJson(`${stack.baseURL}/chat/completions`, {
      model: 'fault-endless',
      stream: true,
      messages: [{ role: 'user', content: 'forever' }],
    });
    const others = await Promise.all(
      Array.from({ length: 10 }, () =>
        client.chat.completions.create({
          model: 'warden-sim-1',
          messages: [{ role: 'user', content: 'meanwhile' }],
        }),
      ),
    );
    assert.ok(others.every((r) => r.choices[0]?.message.content));
    const ended = await endless;
    assert.ok(
      ended.text.endsWith('data: [DONE]\n\n'),
      'the endless stream was ended cleanly at the total timeout',
    );
  });

  it('the gateway still serves after all of the above', async () => {
    const res = await client.chat.completions.create({
      model: 'warden-sim-1',
      messages: [{ role: 'user', content: 'still there?' }],
    });
    assert.ok(res.choices[0]?.message.content);
  });
});

describe('fail closed', () => {
  it('a guard that throws blocks the request with WARDEN_GUARD_ERROR', async () => {
    const res = await postJson(
      `${stack.baseURL}/chat/completions`,
      { model: 'warden-sim-1', messages: [{ role: 'user', content: 'TRIGGER_THROW please' }] },
      { 'x-request-id': 'fc-throw' },
    );
    assert.equal(res.status, 503);
    assert.equal(errorCode(res.json), 'WARDEN_GUARD_ERROR');
    const rec = (await audited('fc-throw')) as {
      decisions: { guardId: string; status: string; action: string }[];
    };
    assert.ok(
      rec.decisions.some((d) => d.guardId === 'test-throws' && d.status === 'error' && d.action === 'block'),
    );
  });

  it('a guard that exceeds its deadline blocks the request with WARDEN_GUARD_TIMEOUT', async () => {
    const res = await postJson(
      `${stack.baseURL}/chat/completions`,
      { model: 'warden-sim-1', messages: [{ role: 'user', content: 'TRIGGER_SLOW please' }] },
      { 'x-request-id': 'fc-slow' },
    );
    assert.equal(res.status, 503);
    assert.equal(errorCode(res.json), 'WARDEN_GUARD_TIMEOUT');
  });
});

describe('metrics and probes', () => {
  it('exposes Prometheus series for requests, decisions, guard and upstream latency', async () => {
    const text = await (await fetch(`${stack.url}/metrics`)).text();
    for (const name of [
      'warden_requests_total',
      'warden_guard_decisions_total',
      'warden_guard_duration_seconds',
      'warden_upstream_duration_seconds',
    ]) {
      assert.ok(text.includes(name), name);
    }
    assert.equal((await fetch(`${stack.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${stack.url}/readyz`)).status, 200);
  });
});

describe('audit chain', () => {
  it('`warden audit verify` passes, then fails after one row is edited in SQLite', () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
    const ok = cli(['audit', 'verify', '--data-dir', stack.dataDir]);
    assert.equal(ok.status, 0, ok.stderr);
    const db = new Database(`${stack.dataDir}/warden.db`);
    const row = db.prepare('SELECT seq, record FROM audit ORDER BY seq LIMIT 1 OFFSET 2').get() as {
      seq: number;
      record: string;
    };
    db.prepare('UPDATE audit SET record = ? WHERE seq = ?').run(
      row.record.replace('"status":', '"status":1'),
      row.seq,
    );
    db.close();
    const bad = cli(['audit', 'verify', '--data-dir', stack.dataDir]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /hash-mismatch/);
  });

  it('never stores raw prompt text in audit records', async () => {
    const all = (await auditRows()).map((r) => r.record).join('\n');
    assert.ok(!all.includes('TRIGGER_THROW please'));
    assert.ok(!all.includes('still there?'));
  });
});
