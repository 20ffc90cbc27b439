// How a guarded stream ends: a block raised by the last window check (at a choice's finish, or when the upstream
// says [DONE] without one) ends it with content_filter and an audit record `filtered`; streamed n > 1 keeps each
// choice whole and apart. The pattern guard's response phase blocks here, JSON and streamed.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { buildWarden, type WardenApp } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import { type CraftedUpstream, pieces, startCraftedUpstream } from './fixtures/crafted-upstream.js';
import { tempDir } from './helpers.js';

type Json = Record<string, unknown>;
const head = { id: 'chatcmpl-e', object: 'chat.completion.chunk', created: 1, model: 'crafted' };
const CLEAN = 'Falcons are fast birds that hunt from great heights over open country.';
// The code name arrives in the very last piece, so only the final window check can see it whole.
const LEAKS_LAST = 'The plan you asked about is called project falcon';

function chunks(texts: string[], finish: boolean): Json[] {
  const split = texts.map((t) => pieces(t, 4));
  const out: Json[] = [];
  for (let s = 0; s < Math.max(...split.map((p) => p.length)); s++)
    split.forEach((p, index) => {
      if (p[s] === undefined) return;
      out.push({ ...head, choices: [{ index, delta: { content: p[s] }, finish_reason: null }] });
    });
  if (finish)
    texts.forEach((_, index) => {
      out.push({ ...head, choices: [{ index, delta: {}, finish_reason: 'stop' }] });
    });
  return out;
}

function reply(texts: string[], finish = true) {
  return {
    json: {
      ...head,
      object: 'chat.completion',
      choices: texts.map((content, index) => ({
        index,
        message: { role: 'assistant', content },
        finish_reason: 'stop',
      })),
    },
    chunks: chunks(texts, finish),
  };
}

let upstream: CraftedUpstream;
let app: WardenApp;
let base: string;
let dataDir: string;

before(async () => {
  upstream = await startCraftedUpstream({
    'leak-at-finish': reply([LEAKS_LAST]),
    'leak-at-done': reply([LEAKS_LAST], false),
    'clean-at-done': reply([CLEAN], false),
    'two-clean': reply([CLEAN, 'Two and two make four, as every child learns at school early on.']),
    'two-one-leaks': reply([CLEAN, `Careful: ${LEAKS_LAST}, which is secret.`]),
  });
  dataDir = tempDir('warden-stream-endings-');
  const config = validateConfig(
    {
      ...embeddedDefaults({ upstream: upstream.url }),
      auth: { mode: 'none' },
      dataDir,
      logging: { level: 'silent' },
      guards: {
        request: [],
        response: [
          {
            use: 'pattern',
            id: 'codename',
            options: { patterns: [{ name: 'codename', regex: 'project\\s+falcon' }], action: 'block' },
          },
        ],
        toolCall: [],
      },
    },
    'stream endings test',
  );
  app = buildWarden(config);
  const addr = await app.gateway.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${addr.port}/v1`;
});

after(async () => {
  await app?.close();
  await upstream?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Streamed {
  events: Json[];
  texts: Map<number, string>;
  finishes: Map<number, string>;
  warden: Json | undefined;
}

async function stream(model: string, requestId: string): Promise<Streamed> {
  const res = await fetch(`${base}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'Tell me a fact.' }] }),
  });
  const raw = await res.text();
  assert.equal(res.status, 200, raw.slice(0, 300));
  const blocks = raw.split('\n\n').filter(Boolean);
  assert.equal(blocks.at(-1), 'data: [DONE]', 'every stream ends with [DONE]');
  const events = blocks.slice(0, -1).map((b) => JSON.parse(b.replace(/^data: /, '')) as Json);
  const texts = new Map<number, string>();
  const finishes = new Map<number, string>();
  let warden: Json | undefined;
  for (const e of events) {
    if (e.warden) warden = e.warden as Json;
    for (const c of (e.choices ?? []) as {
      index: number;
      delta?: { content?: string };
      finish_reason?: string;
    }[]) {
      if (c.delta?.content) texts.set(c.index, (texts.get(c.index) ?? '') + c.delta.content);
      if (c.finish_reason) finishes.set(c.index, c.finish_reason);
    }
  }
  return { events, texts, finishes, warden };
}

async function auditOf(requestId: string): Promise<{ outcome: string; code?: string }> {
  const found: { outcome: string; code?: string }[] = [];
  for await (const r of app.audit.export()) if (r.clientRequestId === requestId) found.push(r);
  assert.equal(found.length, 1, `one audit record for ${requestId}`);
  return found[0]!;
}

describe('stream endings', () => {
  it('a block raised when the choice finishes ends the stream with content_filter, audited as filtered', async () => {
    const s = await stream('leak-at-finish', 'end-finish');
    assert.ok(!(s.texts.get(0) ?? '').includes('falcon'), 'the code name never reaches the client');
    assert.equal(s.finishes.get(0), 'content_filter');
    assert.equal(s.warden?.code, 'WARDEN_CONTENT_FILTERED');
    assert.equal(s.warden?.guard, 'codename');
    const rec = await auditOf('end-finish');
    assert.equal(rec.outcome, 'filtered');
    assert.equal(rec.code, 'WARDEN_CONTENT_FILTERED');
  });

  it('a block raised when the upstream says [DONE] without a finish ends with content_filter too', async () => {
    const s = await stream('leak-at-done', 'end-done');
    assert.ok(!(s.texts.get(0) ?? '').includes('falcon'));
    assert.equal(s.finishes.get(0), 'content_filter');
    assert.equal(s.warden?.guard, 'codename');
    assert.equal((await auditOf('end-done')).outcome, 'filtered');
  });

  it('a clean stream that ends at [DONE] without a finish releases its whole text, audited ok', async () => {
    const s = await stream('clean-at-done', 'clean-done');
    assert.equal(s.texts.get(0), CLEAN);
    assert.notEqual(s.finishes.get(0), 'content_filter');
    assert.equal((await auditOf('clean-done')).outcome, 'ok');
  });

  it('streamed n > 1: each choice is released whole and apart, each with its own stop', async () => {
    const s = await stream('two-clean', 'two-clean');
    assert.equal(s.texts.get(0), CLEAN);
    assert.equal(s.texts.get(1), 'Two and two make four, as every child learns at school early on.');
    assert.equal(s.finishes.get(0), 'stop');
    assert.equal(s.finishes.get(1), 'stop');
    assert.equal((await auditOf('two-clean')).outcome, 'ok');
  });

  it('streamed n > 1: a block in one choice ends every open choice with content_filter', async () => {
    const s = await stream('two-one-leaks', 'two-leaks');
    for (const text of s.texts.values()) assert.ok(!text.includes('falcon'), text);
    assert.equal(s.finishes.get(1), 'content_filter');
    assert.equal(s.finishes.get(0), 'content_filter', 'the other choice does not end as a normal stop');
    assert.equal((await auditOf('two-leaks')).outcome, 'filtered');
  });

  it('the pattern guard blocks a JSON answer that matches, and passes one that does not', async () => {
    const ask = (model: string) =>
      fetch(`${base}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Tell me a fact.' }] }),
      });
    const blocked = await ask('leak-at-finish');
    const raw = await blocked.text();
    assert.ok(!raw.includes('falcon'), 'the matched text is not in the answer');
    const json = JSON.parse(raw) as { choices?: { finish_reason: string }[]; error?: { code: string } };
    const code = json.error?.code ?? json.choices?.[0]?.finish_reason;
    assert.ok(code === 'WARDEN_CONTENT_FILTERED' || code === 'content_filter', raw.slice(0, 300));
    const clean = await ask('clean-at-done');
    assert.equal(clean.status, 200);
    const body = (await clean.json()) as { choices: { message: { content: string } }[] };
    assert.equal(body.choices[0]!.message.content, CLEAN);
  });
});
