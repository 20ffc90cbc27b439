// The sandbox through the admin API: admins run code in a fresh, empty sandbox; nobody else can.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { skipUnless } from './fixtures/services.js';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

const skip = skipUnless('the sandbox admin API', 'bubblewrap');

describe('POST /admin/api/sandbox/run', { skip }, () => {
  let stack: Stack;
  let admin: string;
  let user: string;
  before(async () => {
    process.env.WARDEN_TEST_HOST_SECRET = 'host-only-value';
    stack = await startStack((cfg) => ({ ...cfg, auth: { mode: 'keys' } }));
    admin = (await stack.app.admin.createKey({ name: 'ops', scopes: ['admin'] }, 'test')).token;
    user = (await stack.app.admin.createKey({ name: 'user' }, 'test')).token;
  });
  after(() => stack.close());

  it('runs a program for an admin, with none of the host environment, and audits it without the code', async () => {
    const r = await postJson(
      `${stack.url}/admin/api/sandbox/run`,
      { language: 'python', code: "import os\nprint('hi', os.environ.get('WARDEN_TEST_HOST_SECRET'))" },
      { authorization: `Bearer ${admin}` },
    );
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.exit_code, 0);
    assert.equal(String(r.json.stdout).trim(), 'hi None');
    const events: { kind: string; detail?: unknown }[] = [];
    for await (const e of stack.app.audit.export()) events.push(e);
    const ev = events.find((e) => e.kind === 'sandbox.run');
    assert.ok(ev);
    assert.ok(!JSON.stringify(ev).includes('os.environ'), 'the program text is not audited');
  });

  it('refuses callers without the admin scope, and invalid programs', async () => {
    const denied = await postJson(
      `${stack.url}/admin/api/sandbox/run`,
      { language: 'python', code: 'print(1)' },
      {
        authorization: `Bearer ${user}`,
      },
    );
    assert.equal(denied.status, 403);
    const bad = await postJson(
      `${stack.url}/admin/api/sandbox/run`,
      { language: 'cobol', code: 'x' },
      {
        authorization: `Bearer ${admin}`,
      },
    );
    assert.equal(bad.status, 400);
    assert.equal(errorCode(bad.json), 'WARDEN_BAD_REQUEST');
  });
});
