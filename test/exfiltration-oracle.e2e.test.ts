// Property test of the exfiltration guard against an independent oracle: generated markdown/HTML carrying an
// attacker URL is rendered by marked and loaded in real headless Chromium, whose actual requests (and the links a
// click would follow) are recorded; after the guard (whole and streamed), Chromium must request nothing off-list.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { marked } from 'marked';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { GuardContext } from '../src/core/context.js';
import { GuardPipeline } from '../src/core/pipeline.js';
import { OutputWindow } from '../src/core/stream-window.js';
import { buildGuard } from '../src/guards/registry.js';
import { type Variant, variantArb } from './fixtures/markup-variants.js';
import { CHROMIUM, skipUnless } from './fixtures/services.js';

const skip = skipUnless('the Chromium exfiltration oracle', 'chromium');
const PAGE = 'https://page.test/';
const ALLOWED = ['*.acme.io'];
const log = pino({ level: 'silent' });
const env = { log, dataDir: '/nonexistent', secrets: [] as string[] };

let browser: Browser;

before(async () => {
  if (skip) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
});

/** What the client receives from the guard: the whole answer (size 0) or a stream of `size`-char chunks. */
async function guarded(text: string, size: number): Promise<string> {
  const g = buildGuard({ use: 'exfiltration', options: { allowedHosts: ALLOWED } }, 'response', env, 'g');
  const pipeline = new GuardPipeline([g], { defaultDeadlineMs: 10_000, log });
  const ctx: GuardContext = {
    requestId: 'r',
    route: 'chat',
    principal: { id: 'p', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: { messages: [] },
    state: new Map(),
    log,
  };
  const w = new OutputWindow((view) => {
    ctx.output = view;
    return pipeline.run('response', ctx);
  }, pipeline.holdBack);
  let out = '';
  if (size > 0) {
    for (let i = 0; i < text.length; i += size) {
      const step = await w.push(text.slice(i, i + size));
      assert.equal(step.blocked, undefined);
      out += step.release;
    }
  }
  const last = await w.finish(size > 0 ? '' : text);
  assert.equal(last.blocked, undefined);
  return out + last.release;
}

const LINK_TARGETS = `[...document.querySelectorAll('a[href], area[href]')].flatMap((a) => [
  a.href,
  ...(a.getAttribute('ping') || '').split(/\\s+/).filter(Boolean).map((p) => new URL(p, document.baseURI).href),
])`;

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * Renders each text with marked in its own iframe of one page and returns, per text, the off-list URLs Chromium
 * requested while loading plus the dangerous targets of its links (javascript:, data:, off-list hosts and pings).
 */
async function oracle(texts: readonly string[]): Promise<string[][]> {
  const page: Page = await browser.newPage();
  const frames = texts.map(
    (t, i) =>
      `<iframe name="f${i}" style="width:320px;height:120px" srcdoc="${attr(marked.parse(t, { async: false }))}"></iframe>`,
  );
  const html = `<!doctype html><html><body>${frames.join('')}</body></html>`;
  const seen: string[][] = texts.map(() => []);
  const offList = (u: string) => {
    try {
      const url = new URL(u);
      if (/^(?:javascript|vbscript|data):$/.test(url.protocol)) return !u.startsWith('data:image/');
      return url.hostname !== 'page.test' && !url.hostname.endsWith('.acme.io');
    } catch {
      return false;
    }
  };
  await page.route('**/*', (route) => {
    const req = route.request();
    if (req.url() === PAGE) return route.fulfill({ contentType: 'text/html', body: html });
    const i = Number(/^f(\d+)$/.exec(req.frame().name())?.[1] ?? -1);
    if (i >= 0 && offList(req.url())) seen[i]!.push(req.url());
    return route.abort();
  });
  await page.goto(PAGE, { waitUntil: 'load' });
  await page.waitForTimeout(400); // CSS backgrounds are fetched after style and layout
  for (const f of page.frames()) {
    const i = Number(/^f(\d+)$/.exec(f.name())?.[1] ?? -1);
    if (i < 0) continue;
    // Where a click would go: every link's target and its pings, resolved by the page itself.
    const targets = (await f.evaluate(LINK_TARGETS)) as string[];
    for (const t of targets) if (offList(t)) seen[i]!.push(t);
  }
  await page.close();
  return seen;
}

interface Checked {
  variant: Variant;
  whole: string;
  streamed: string;
}

async function check(batch: readonly { variant: Variant; chunk: number }[]): Promise<void> {
  const cases: Checked[] = [];
  for (const { variant, chunk } of batch) {
    cases.push({
      variant,
      whole: await guarded(variant.text, 0),
      streamed: await guarded(variant.text, chunk),
    });
  }
  // A guarded text that no longer names the attacker's host cannot reach it (the variants never encode the
  // host itself): only the others need a second rendering.
  const named = (t: string) => t.toLowerCase().includes('evil.example');
  const again = [...new Set(cases.flatMap((c) => [c.whole, c.streamed]).filter(named))];
  const [before, after] = await Promise.all([oracle(cases.map((c) => c.variant.text)), oracle(again)]);
  const requests = (t: string) => (named(t) ? after[again.indexOf(t)]! : []);
  const whole = cases.map((c) => requests(c.whole));
  const streamed = cases.map((c) => requests(c.streamed));
  const problems: string[] = [];
  cases.forEach((c, i) => {
    const label = `${c.variant.name}: ${JSON.stringify(c.variant.text)}`;
    if (c.variant.attack) {
      // The variant must really reach the attacker in Chromium, or it proves nothing.
      if (before[i]!.length === 0) problems.push(`not live in Chromium: ${label}`);
      if (whole[i]!.length > 0)
        problems.push(`requested after the guard (whole): ${label} -> ${JSON.stringify(c.whole)}`);
      if (streamed[i]!.length > 0)
        problems.push(`requested after the guard (streamed): ${label} -> ${JSON.stringify(c.streamed)}`);
    } else {
      if (before[i]!.length > 0) problems.push(`benign variant requests off-list: ${label}`);
      if (c.whole !== c.variant.text)
        problems.push(`benign altered (whole): ${label} -> ${JSON.stringify(c.whole)}`);
      if (c.streamed !== c.variant.text)
        problems.push(`benign altered (streamed): ${label} -> ${JSON.stringify(c.streamed)}`);
    }
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

describe('exfiltration guard against what Chromium fetches', { skip }, () => {
  it('leaves no off-list request in 150 generated variants, and alters no benign one', async () => {
    const seed = Number(process.env.WARDEN_PROPERTY_SEED ?? Date.now() % 100_000);
    const item = fc.record({ variant: variantArb, chunk: fc.integer({ min: 1, max: 24 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 30, maxLength: 30 }), (batch) => check(batch)),
      {
        numRuns: 5,
        seed,
        endOnFailure: true,
        reporter: (r) => {
          if (r.failed)
            throw new Error(
              `seed ${r.seed}: ${r.errorInstance instanceof Error ? r.errorInstance.message : r.errorInstance}`,
            );
        },
      },
    );
  });
});
