// Console sessions end server-side: sign-out (the form carries its CSRF token), key revocation and key
// rotation end them; forged and expired cookies never open the admin API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { encodeSession, newSession, SESSION_COOKIE } from '../src/console/session.js';
import { loadServerSecret } from '../src/identity/keys.js';
import { errorCode, type Stack, startStack } from './helpers.js';

let stack: Stack;

before(async () => {
  stack = await startStack((c) => ({ ...c, auth: { mode: 'keys' }, extraction: { enabled: false } }));
});
after(() => stack.close());

async function adminKey(name: string): Promise<{ token: string; id: string }> {
  const { token, key } = await stack.app.admin.createKey({ name, scopes: ['admin'] }, 'test');
  return { token, id: key.id };
}

/** Signs in through the form and returns the session cookie ("name=value"). */
async function signIn(token: string): Promise<string> {
  const res = await fetch(`${stack.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ key: token }).toString(),
    redirect: 'manual',
  });
  assert.equal(res.status, 303);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  assert.ok(cookie?.startsWith(`${SESSION_COOKIE}=`));
  return cookie as string;
}

const api = (cookie: string) => fetch(`${stack.url}/admin/api/keys`, { headers: { cookie } });

describe('console sessions', () => {
  it("signs out with the page's own form, and the old cookie no longer opens the admin API", async () => {
    const cookie = await signIn((await adminKey('alice')).token);
    assert.equal((await api(cookie)).status, 200);
    const page = await (await fetch(`${stack.url}/admin/keys`, { headers: { cookie } })).text();
    const form = /<form method="post" action="\/admin\/logout"[^>]*>(.*?)<\/form>/.exec(page)?.[1] ?? '';
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)?.[1];
    assert.ok(csrf, 'the Sign-out form carries the CSRF token');
    const forged = await fetch(`${stack.url}/admin/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'csrf=forged',
      redirect: 'manual',
    });
    assert.equal(forged.status, 403, 'a sign-out without the right token is refused');
    assert.equal((await api(cookie)).status, 200, 'and the session stays open');
    const out = await fetch(`${stack.url}/admin/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf }).toString(),
      redirect: 'manual',
    });
    assert.equal(out.status, 303);
    assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
    const after = await api(cookie);
    assert.equal(after.status, 401);
    assert.equal(errorCode((await after.json()) as Record<string, unknown>), 'WARDEN_AUTH_MISSING');
  });

  it('ends the sessions of a revoked key and of a rotated key', async () => {
    const revoked = await adminKey('carol');
    const rotated = await adminKey('dave');
    const a = await signIn(revoked.token);
    const b = await signIn(rotated.token);
    await stack.app.admin.revokeKey(revoked.id, 'test');
    await stack.app.admin.rotateKey(rotated.id, 3_600_000, 'test');
    assert.equal((await api(a)).status, 401);
    assert.equal((await api(b)).status, 401, 'rotation ends console sessions, whatever the grace period');
  });

  it('refuses forged and expired cookies, even when correctly signed', async () => {
    const { id } = await adminKey('erin');
    const secret = loadServerSecret(stack.dataDir, {});
    // Signed with the real secret but never opened server-side (a stateless forgery or a replayed copy).
    const unopened = `${SESSION_COOKIE}=${encodeSession(secret, newSession(id))}`;
    assert.equal((await api(unopened)).status, 401);
    const real = await signIn((await adminKey('frank')).token);
    const value = decodeURIComponent(real.slice(SESSION_COOKIE.length + 1));
    const [body] = value.split('.');
    const session = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as { exp: number };
    const expired = `${SESSION_COOKIE}=${encodeSession(secret, { ...session, exp: Date.now() - 1000 } as never)}`;
    assert.equal((await api(expired)).status, 401);
    const tampered = `${real.slice(0, -3)}xyz`;
    assert.equal((await api(tampered)).status, 401);
    assert.equal((await api(real)).status, 200);
  });
});
