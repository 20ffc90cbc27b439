// The admin console in a real headless Chromium (Debian's, driven by playwright-core): sign-in, a held tool
// call approved in the page and released to the waiting client, inert rendering of hostile text, refusals.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM, skipUnless } from './fixtures/services.js';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

const skip = skipUnless('the admin console in Chromium', 'chromium');
const SHOTS = 'test-results/console';
const XSS_ARG = '<img src=x onerror=window.__xss=1><script>window.__xss=2</script>';
const HOSTILE_ROW = '<b> bold </b>';

let stack: Stack;
let browser: Browser;
const keys: Record<string, string> = {};

before(async () => {
  if (skip) return;
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack((cfg) => ({
    ...cfg,
    auth: { mode: 'keys' },
    approvals: { holdMs: 25_000 },
    // Excerpts on: the traffic page must show the hostile request (as text) for the XSS check to mean anything.
    audit: { ...cfg.audit, excerpts: true },
    guards: {
      request: [{ use: 'request-limits' }],
      toolCall: [
        {
          use: 'tool-policy',
          options: {
            policies: [
              {
                name: 'all',
                rules: [{ tools: ['delete_*'], action: 'approve', reason: 'destructive action' }],
              },
            ],
          },
        },
      ],
    },
  }));
  const admin = stack.app.admin;
  keys.requester = (await admin.createKey({ name: 'agent', scopes: ['chat'] }, 'test')).token;
  keys.approver = (await admin.createKey({ name: 'alice-approver', scopes: ['approver'] }, 'test')).token;
  keys.admin = (await admin.createKey({ name: 'ops-admin', scopes: ['admin'] }, 'test')).token;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  await stack?.close();
});

async function signIn(key: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${stack.url}/admin`);
  assert.match(page.url(), /\/admin\/login$/, 'no session: sent to the sign-in page');
  await page.fill('input[name=key]', key);
  await page.click('button[type=submit]');
  await page.waitForURL(`${stack.url}/admin`);
  return page;
}

describe('admin console', { skip }, () => {
  it('shows a held tool call, approves it in the page, and the waiting client receives it', async () => {
    const page = await signIn(keys.approver!);
    const waiting = postJson(
      `${stack.baseURL}/chat/completions`,
      {
        model: 'warden-sim-1',
        messages: [{ role: 'user', content: `please call delete_user {"id": "${XSS_ARG}"}` }],
        tools: [{ type: 'function', function: { name: 'delete_user', parameters: { type: 'object' } } }],
      },
      { authorization: `Bearer ${keys.requester}` },
    );
    await page.waitForSelector('a[data-approval]', { timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/approvals-pending.png`, fullPage: true });
    await page.click('a[data-approval]');
    await page.waitForSelector('#approval-args');
    const shown = await page.textContent('#approval-args');
    assert.ok(shown?.includes(XSS_ARG), 'the hostile argument is shown literally, as text');
    assert.equal(await page.locator('#approval-args img, #approval-args script').count(), 0);
    assert.equal(await page.evaluate('window.__xss'), undefined, 'nothing ran');
    await page.screenshot({ path: `${SHOTS}/approval-detail.png`, fullPage: true });
    await page.click('#approve');
    const res = await waiting;
    assert.equal(res.status, 200, res.text);
    const call = (res.json.choices as { message: { tool_calls?: { function: { name: string } }[] } }[])[0]
      ?.message.tool_calls?.[0];
    assert.equal(call?.function.name, 'delete_user');
    await page.close();
  });

  it('renders every page for an admin, with prompts and outputs as inert text', async () => {
    // Traffic shows redacted excerpts; make one with markup in it. Tokens under five characters survive the
    // excerpt's masking, so `<b> hostile </b>` reaches the page as markup and must be shown as text.
    await postJson(
      `${stack.baseURL}/chat/completions`,
      {
        model: 'warden-sim-1',
        messages: [{ role: 'user', content: `<script>window.__xss=3</script> ${HOSTILE_ROW}` }],
      },
      { authorization: `Bearer ${keys.requester}` },
    );
    const page = await signIn(keys.admin!);
    for (const name of ['approvals', 'traffic', 'keys', 'bans', 'extraction', 'scans']) {
      await page.goto(`${stack.url}/admin/${name}`);
      await page.waitForFunction(() => {
        // A function, not a string: the console's CSP (rightly) forbids string evaluation.
        const doc = (
          globalThis as unknown as {
            document: { getElementById(id: string): { textContent: string | null } | null };
          }
        ).document;
        return !doc.getElementById('app')?.textContent?.includes('Loading');
      });
      await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
      assert.equal(await page.evaluate('window.__xss'), undefined, name);
      if (name === 'traffic') {
        // First prove the hostile row is on the page at all, then that its markup stayed text.
        const shown = await page.locator('#app code', { hasText: HOSTILE_ROW }).count();
        assert.ok(shown >= 1, 'the hostile request is rendered in the traffic table, literally');
        assert.equal(
          await page.locator('#app td b, #app code b, #app code script').count(),
          0,
          'as text only',
        );
      }
    }
    await page.goto(`${stack.url}/admin/keys`);
    await page.fill('input[name=name]', 'made-in-console');
    await page.click('form.card button[type=submit]');
    await page.waitForSelector('#new-secret');
    assert.match((await page.textContent('#new-secret')) ?? '', /wdn_[a-z0-9]{12}_/);
    const csp = (await page.goto(`${stack.url}/admin/keys`))?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline'.*script|script-src[^;]*unsafe/);
    await page.close();
  });

  it('refuses requests without a session, with a requester-only key, or with a forged CSRF token', async () => {
    const noSession = await fetch(`${stack.url}/admin/keys`, { redirect: 'manual' });
    assert.equal(noSession.status, 303);
    assert.equal(noSession.headers.get('location'), '/admin/login');
    const api = await fetch(`${stack.url}/admin/api/keys`);
    assert.equal(api.status, 401);

    const login = await fetch(`${stack.url}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: keys.requester! }).toString(),
    });
    assert.equal(login.status, 401, 'a requester-only key cannot sign in');
    assert.equal(login.headers.get('set-cookie'), null);

    const page = await signIn(keys.admin!);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'warden_session');
    assert.ok(
      cookie?.httpOnly && cookie.sameSite === 'Strict',
      'session cookie is HttpOnly and SameSite=Strict',
    );
    const csrf = await page.getAttribute('meta[name=csrf-token]', 'content');
    const post = (token: string) =>
      postJson(
        `${stack.url}/admin/api/bans`,
        { principal: 'key:someone', reason: 'test' },
        {
          cookie: `warden_session=${cookie!.value}`,
          'x-csrf-token': token,
        },
      );
    const forged = await post('forged-token');
    assert.equal(forged.status, 403);
    assert.equal(errorCode(forged.json), 'WARDEN_CSRF_INVALID');
    const real = await post(csrf!);
    assert.equal(real.status, 201);
    await page.close();
  });
});
