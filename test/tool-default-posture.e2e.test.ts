// `warden serve` with no config: the default agent posture holds destructive calls, the start-up message says how
// to approve, the demo writes an admin key (0600) that can approve, and the approved resubmission is released.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { postJson, tempDir } from './helpers.js';

describe('the default agent posture in `warden serve` (demo)', () => {
  const dataDir = tempDir();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let stderr = '';
  const started = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      const m = /listening on (http:\/\/[^/\s]+)/.exec(stderr);
      if (m && /approvals list/.test(stderr)) resolve(m[1]!);
    });
    child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    setTimeout(() => reject(new Error(`no approval hint at start-up: ${stderr}`)), 90_000).unref();
  });
  after(async () => {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ask = (id: string) => ({
    model: 'warden-sim-1',
    messages: [{ role: 'user', content: `call delete_user {"id": "${id}"}` }],
    tools: [{ type: 'function', function: { name: 'delete_user', parameters: { type: 'object' } } }],
  });

  it('says how to approve and how to change the rule, and writes an admin key with mode 0600', async () => {
    const url = await started;
    assert.match(stderr, /wait for a human approver/);
    assert.match(stderr, new RegExp(`${url}/admin`));
    assert.match(stderr, /--config FILE/);
    const adminKey = join(dataDir, 'admin-key');
    assert.equal(statSync(adminKey).mode & 0o777, 0o600);
    assert.match(readFileSync(adminKey, 'utf8'), /^wdn_/);
  });

  it('holds delete_user for approval; the demo admin key approves; the resubmission is released once', async () => {
    const url = await started;
    const demo = { authorization: `Bearer ${readFileSync(join(dataDir, 'demo-key'), 'utf8').trim()}` };
    const admin = { authorization: `Bearer ${readFileSync(join(dataDir, 'admin-key'), 'utf8').trim()}` };
    const held = await postJson(`${url}/v1/chat/completions`, ask('77'), demo);
    assert.equal(held.status, 200);
    const warden = held.json.warden as { code: string; approval: { id: string } };
    assert.equal(warden.code, 'WARDEN_APPROVAL_REQUIRED');
    const ok = await fetch(`${url}/admin/api/approvals/${warden.approval.id}/approve`, {
      method: 'POST',
      headers: admin,
    });
    assert.equal(ok.status, 200);
    const again = await postJson(`${url}/v1/chat/completions`, ask('77'), {
      ...demo,
      'x-warden-approval-id': warden.approval.id,
    });
    const calls = (again.json.choices as { message: { tool_calls?: { function: { name: string } }[] } }[])[0]!
      .message.tool_calls;
    assert.equal(calls?.[0]?.function.name, 'delete_user');
    const search = await postJson(
      `${url}/v1/chat/completions`,
      {
        model: 'warden-sim-1',
        messages: [{ role: 'user', content: 'call search_docs {"q": "vpn"}' }],
        tools: [{ type: 'function', function: { name: 'search_docs', parameters: { type: 'object' } } }],
      },
      demo,
    );
    assert.equal(search.json.warden, undefined, 'other tools are not held');
  });
});
