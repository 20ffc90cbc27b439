// End to end: the simulator answers with a secret or a card number disguised by invisible characters,
// look-alikes, full-width digits, entities, escapes or separators; the secrets and pii guards redact each
// one through the gateway, non-streamed and streamed in chunks small enough to split every disguise.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildWarden, type WardenApp } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import { detectorView } from '../src/detectors/unicode/view.js';
import { type SimServer, startSimulator } from '../src/sim/server.js';

// Assembled at run time so that no complete credential sits in the source.
const TOKEN = `ghp_${'Q1w2E3r4T5'.repeat(3)}y6U7i8`;
const CARD = ['4111', '1111', '1111', '1111'];
const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d)));

const secretVariants: [string, string][] = [
  ...['\u200b', '\u00ad', '\u2060', '\u200d', '\ufeff', '\u202e', '\u{e0061}'].map((c): [string, string] => [
    `U+${c.codePointAt(0)!.toString(16)} between every character`,
    Array.from(TOKEN).join(c),
  ]),
  ['Cyrillic look-alikes', TOKEN.replace('p', 'р').replace(/e/g, 'е')],
  ['full-width digits', fullWidth(TOKEN)],
  ['HTML entities', TOKEN.replace('_', '&#95;').replace('g', '&#x67;')],
  ['markdown escape', TOKEN.replace('_', '\\_')],
];
const cardVariants: [string, string][] = [
  ...[' ', '-', '.', '/', ' - '].map((s): [string, string] => [
    `separator ${JSON.stringify(s)}`,
    CARD.join(s),
  ]),
  ...['\u200b', '\u00ad', '\u2060'].map((c): [string, string] => [
    `U+${c.codePointAt(0)!.toString(16)} between digits`,
    Array.from(CARD.join('')).join(c),
  ]),
  ['full-width digits', fullWidth(CARD.join(' '))],
];

let sim: SimServer;
let app: WardenApp;
let base: string;
let dataDir: string;

before(async () => {
  sim = await startSimulator(0);
  dataDir = mkdtempSync(join(tmpdir(), 'warden-view-e2e-'));
  const config = validateConfig({
    ...embeddedDefaults({ upstream: sim.url }),
    upstreams: [{ name: 'sim', baseUrl: sim.url, extraParams: ['sim_chunk_size'] }],
    auth: { mode: 'none' },
    dataDir,
    logging: { level: 'silent' },
    // No request guards: the disguised text must reach the simulator as written, to be echoed back.
    guards: { request: [], response: [{ use: 'secrets' }, { use: 'pii' }], toolCall: [] },
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

async function answer(text: string, stream: boolean, chunk = 4): Promise<string> {
  const res = await fetch(`${base}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'warden-sim-1',
      messages: [{ role: 'user', content: `#sim echo ${text}` }],
      ...(stream ? { stream: true, sim_chunk_size: chunk } : {}),
    }),
  });
  assert.equal(res.status, 200);
  const raw = await res.text();
  if (!stream)
    return (JSON.parse(raw) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
  let out = '';
  for (const block of raw.split('\n\n')) {
    const data = block.replace(/^data: /, '');
    if (!data || data === '[DONE]') continue;
    const ev = JSON.parse(data) as { choices?: { delta?: { content?: string } }[] };
    out += ev.choices?.[0]?.delta?.content ?? '';
  }
  return out;
}

/** What a reader of the answer sees, with every disguise undone. */
const seen = (text: string) => detectorView(text).text.replace(/[ ./-]/g, '');

describe('normalised reading end to end', () => {
  for (const [name, variant] of secretVariants) {
    it(`redacts a secret disguised by ${name}, JSON and streamed`, async () => {
      for (const [stream, chunk] of [
        [false, 0],
        [true, 1],
        [true, 5],
        [true, 16],
      ] as const) {
        const out = await answer(`Your token: ${variant} (keep it safe).`, stream, chunk);
        assert.ok(
          out.includes('[REDACTED:github-token]'),
          `${name} stream=${stream}/${chunk}: ${out.slice(0, 60)}`,
        );
        assert.ok(!seen(out).includes(TOKEN.slice(4, 20)), `${name} stream=${stream}/${chunk}: leaked`);
        assert.ok(
          out.startsWith('Your token: ') && out.endsWith(' (keep it safe).'),
          'only the span is replaced',
        );
      }
    });
  }
  for (const [name, variant] of cardVariants) {
    it(`redacts a card number disguised by ${name}, JSON and streamed`, async () => {
      for (const [stream, chunk] of [
        [false, 0],
        [true, 1],
        [true, 7],
      ] as const) {
        const out = await answer(`Card on file: ${variant}, expires soon.`, stream, chunk);
        assert.ok(out.includes('[REDACTED:payment-card]'), `${name} stream=${stream}/${chunk}: ${out}`);
        assert.ok(!seen(out).includes('41111111'), `${name} stream=${stream}/${chunk}: leaked`);
      }
    });
  }
  it('leaves ordinary non-ASCII answers untouched', async () => {
    const text = 'Grüße aus Köln: Preis 12,50 € – Lieferung in 3–5 Tagen. 你好，世界！ Привет.';
    assert.equal(await answer(text, false), text);
    assert.equal(await answer(text, true, 3), text);
  });
});
