// Red team: an approver's console session reaches only the approvals and the names beside them, never the
// admin's data (traffic, audit, scan listings and scan reports), whichever path it takes.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Stack, startStack } from './helpers.js';

describe('red team: an approver session and the admin data', () => {
  let stack: Stack;
  const cookies: Record<string, string> = {};

  async function signIn(token: string): Promise<string> {
    const res = await fetch(`${stack.url}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: token }).toString(),
    });
    assert.equal(res.status, 303, 'signed in');
    const set = res.headers.get('set-cookie') ?? '';
    const m = /warden_session=([^;]+)/.exec(set);
    assert.ok(m, 'a session cookie');
    return m[1]!;
  }

  before(async () => {
    stack = await startStack((c) => ({ ...c, auth: { mode: 'keys' } }));
    const dir = join(stack.dataDir, 'scans', 'run-1');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.html'), '<!doctype html><title>scan</title><p>admin-only findings</p>');
    writeFileSync(join(dir, 'summary.json'), '{}');
    for (const scope of ['admin', 'approver'] as const) {
      const { token } = await stack.app.admin.createKey({ name: scope, scopes: [scope] }, 'test');
      cookies[scope] = await signIn(token);
    }
  });
  after(() => stack.close());

  const get = (path: string, who: 'admin' | 'approver') =>
    fetch(`${stack.url}${path}`, {
      redirect: 'manual',
      headers: { cookie: `warden_session=${cookies[who]}` },
    });

  for (const path of ['/admin/api/scans', '/admin/api/audit', '/admin/scans/run-1/report.html'])
    it(`${path}: the admin reads it, an approver is refused`, async () => {
      const admin = await get(path, 'admin');
      assert.equal(admin.status, 200, 'the admin reads it');
      const approver = await get(path, 'approver');
      const body = await approver.text();
      assert.ok(approver.status === 403 || approver.status === 404, `approver got ${approver.status}`);
      assert.doesNotMatch(body, /admin-only findings/);
    });

  it('an approver still reads the names beside the approvals', async () => {
    const res = await get('/admin/api/principals', 'approver');
    assert.equal(res.status, 200);
  });
});
