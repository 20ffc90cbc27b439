// Human approval end to end with the simulator: held calls released after a second principal approves through
// the CLI, denied and expired approvals never reach the client as executable calls, no self-approval, restarts.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { pino } from 'pino';
import { buildWarden } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import type { ConfigInput } from '../src/config/schema.js';
import { startSimulator } from '../src/sim/server.js';
import { errorCode, postJson, type Stack, startStack, tempDir } from './helpers.js';

const run = promisify(execFile);
const REPO = new URL('..', import.meta.url).pathname;

const deleteUserTool = {
  type: 'function',
  function: {
    name: 'delete_user',
    description: 'Delete a user account',
    parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  },
};

const chat = (id: string, stream = false) => ({
  model: 'warden-sim-1',
  stream,
  messages: [{ role: 'user', content: `call delete_user {"id": "${id}"}` }],
  tools: [deleteUserTool],
});

function withApprovals(approvals: ConfigInput['approvals']) {
  return (cfg: ConfigInput): ConfigInput => ({
    ...cfg,
    auth: { mode: 'keys' },
    guards: {
      ...cfg.guards,
      toolCall: [
        {
          use: 'tool-policy',
          options: {
            policies: [{ rules: [{ tools: ['delete_*'], action: 'approve', reason: 'destructive action' }] }],
          },
        },
      ],
    },
    approvals: { pollMs: 50, ...approvals },
  });
}

interface Keys {
  requester: string;
  approver: string;
  other: string;
  /** Holds chat and approver: may approve others' calls, never its own. */
  both: string;
}

async function makeKeys(stack: Stack): Promise<Keys> {
  const mk = async (name: string, scopes: string[]) =>
    (await stack.app.admin.createKey({ name, scopes }, 'test')).token;
  return {
    requester: await mk('agent', ['chat']),
    approver: await mk('alice', ['approver']),
    other: await mk('other-agent', ['chat']),
    both: await mk('self-approver', ['chat', 'approver']),
  };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function adminGet(stack: Stack, key: string, path: string) {
  const res = await fetch(`${stack.url}${path}`, { headers: bearer(key) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Waits until a pending approval for delete_user with this id shows in the approvers' list. */
async function pendingFor(stack: Stack, approverKey: string, userId: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const r = await adminGet(stack, approverKey, '/admin/api/approvals?status=pending');
    const found = (r.json.data as { id: string; arguments: { id?: string } }[]).find(
      (a) => a.arguments.id === userId,
    );
    if (found) return found.id;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`no pending approval for user ${userId}`);
}

async function cli(stack: Stack, key: string, ...args: string[]) {
  return run(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'approvals',
      ...args,
      '--url',
      stack.url,
      '--api-key-env',
      'APPROVER_KEY',
    ],
    { cwd: REPO, env: { ...process.env, APPROVER_KEY: key } },
  );
}

/** Decides through the admin API (the CLI is exercised by the tests that spawn it). */
async function decide(stack: Stack, key: string, id: string, action: 'approve' | 'deny') {
  const res = await fetch(`${stack.url}/admin/api/approvals/${id}/${action}`, {
    method: 'POST',
    headers: { ...bearer(key), 'content-type': 'application/json' },
    body: JSON.stringify({ reason: `${action} in a test` }),
  });
  assert.equal(res.status, 200);
}

function toolCallsOf(json: Record<string, unknown>): { function: { name: string; arguments: string } }[] {
  const choice = (json.choices as { message: { tool_calls?: unknown } }[])[0]!;
  return (choice.message.tool_calls as { function: { name: string; arguments: string } }[] | undefined) ?? [];
}

async function streamEvents(url: string, body: unknown, headers: Record<string, string>): Promise<string[]> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200);
  const text = await res.text();
  return (
    text
      .split('\n\n')
      // SSE comment lines (": awaiting approval" keep-alives while a call is held) are not events.
      .map((e) =>
        e
          .split('\n')
          .filter((line) => !line.startsWith(':'))
          .join('\n')
          .replace(/^data: /, '')
          .trim(),
      )
      .filter(Boolean)
  );
}

/** The approval a pending hold reported (a normal completion with a `warden` field, decision 1701). */
function approvalOf(json: Record<string, unknown>): {
  id: string;
  status: string;
  poll_url: string;
  expires_at: string;
} {
  return (json.warden as { approval: { id: string; status: string; poll_url: string; expires_at: string } })
    .approval;
}

function assertNoExecutableCall(events: string[], finish = 'content_filter'): Record<string, unknown> {
  assert.equal(events.at(-1), '[DONE]');
  const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Record<string, unknown>);
  for (const c of chunks) {
    for (const ch of (c.choices as { delta?: { tool_calls?: unknown } }[]) ?? [])
      assert.equal(ch.delta?.tool_calls, undefined, 'a withheld tool call reached the client');
  }
  const last = chunks.at(-1)!;
  assert.equal((last.choices as { finish_reason: string }[])[0]?.finish_reason, finish);
  return last.warden as Record<string, unknown>;
}

describe('approvals while the client waits (hold)', () => {
  let stack: Stack;
  let keys: Keys;
  before(async () => {
    stack = await startStack(withApprovals({ holdMs: 60_000, keepAliveMs: 100 }));
    keys = await makeKeys(stack);
  });
  after(() => stack.close());

  it('holds a delete_user call until a second principal approves it through the CLI, then releases it', async () => {
    const answer = postJson(`${stack.baseURL}/chat/completions`, chat('42'), bearer(keys.requester));
    const id = await pendingFor(stack, keys.approver, '42');
    const shown = await cli(stack, keys.approver, 'show', id);
    assert.match(shown.stdout, /delete_user/);
    assert.match(shown.stdout, /"42"/);
    const approved = await cli(stack, keys.approver, 'approve', id, '--reason', 'ticket 123');
    assert.equal(JSON.parse(approved.stdout).status, 'approved');
    const r = await answer;
    assert.equal(r.status, 200);
    const calls = toolCallsOf(r.json);
    assert.equal(calls[0]?.function.name, 'delete_user');
    assert.deepEqual(JSON.parse(calls[0]!.function.arguments), { id: '42' });
    const decided = await adminGet(stack, keys.approver, `/admin/api/approvals/${id}`);
    assert.equal(
      decided.json.decidedBy,
      (await stack.app.admin.listKeys()).find((k) => k.name === 'alice')?.principal,
    );
    assert.ok(decided.json.usedAt, 'the approval is marked used (single use)');
  });

  it('a denied call never reaches the waiting client (non-streaming)', async () => {
    const answer = postJson(`${stack.baseURL}/chat/completions`, chat('43'), bearer(keys.requester));
    const id = await pendingFor(stack, keys.approver, '43');
    await cli(stack, keys.approver, 'deny', id, '--reason', 'not today');
    const r = await answer;
    assert.equal(r.status, 200);
    assert.deepEqual(toolCallsOf(r.json), []);
    const choice = (r.json.choices as { finish_reason: string }[])[0]!;
    assert.equal(choice.finish_reason, 'content_filter');
    const warden = r.json.warden as { code: string; approval: { id: string; status: string } };
    assert.equal(warden.code, 'WARDEN_APPROVAL_DENIED');
    assert.deepEqual([warden.approval.id, warden.approval.status], [id, 'denied']);
  });

  it('a denied call never reaches the waiting client (streaming)', async () => {
    const events = streamEvents(
      `${stack.baseURL}/chat/completions`,
      chat('44', true),
      bearer(keys.requester),
    );
    const id = await pendingFor(stack, keys.approver, '44');
    const deny = await fetch(`${stack.url}/admin/api/approvals/${id}/deny`, {
      method: 'POST',
      headers: { ...bearer(keys.approver), 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'no' }),
    });
    assert.equal(deny.status, 200);
    const warden = assertNoExecutableCall(await events);
    assert.equal(warden.code, 'WARDEN_APPROVAL_DENIED');
  });

  it('keeps a held stream alive with SSE comments until the decision, then releases the call', async () => {
    const res = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(keys.requester) },
      body: JSON.stringify(chat('46', true)),
    });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes(': awaiting approval')) {
      const { value, done } = await reader.read();
      assert.ok(!done, 'the stream ended before any keep-alive');
      text += decoder.decode(value, { stream: true });
    }
    assert.ok(!text.includes('tool_calls'), 'nothing of the call is sent while it is held');
    await decide(stack, keys.approver, await pendingFor(stack, keys.approver, '46'), 'approve');
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    assert.match(text, /"tool_calls"/);
    assert.match(text, /data: \[DONE\]/);
  });

  it('the openai client reads a held stream (comments, then content_filter) without error', async () => {
    const client = new OpenAI({ baseURL: stack.baseURL, apiKey: keys.requester, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      ...(chat('47') as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming),
      stream: true,
    });
    const denied = (async () =>
      decide(stack, keys.approver, await pendingFor(stack, keys.approver, '47'), 'deny'))();
    const finishes: (string | null)[] = [];
    for await (const chunk of stream) {
      for (const ch of chunk.choices) {
        assert.equal(ch.delta?.tool_calls, undefined);
        finishes.push(ch.finish_reason);
      }
    }
    await denied;
    assert.equal(finishes.at(-1), 'content_filter');
  });

  it('an approved streamed call is released whole before the finish chunk', async () => {
    const events = streamEvents(
      `${stack.baseURL}/chat/completions`,
      chat('45', true),
      bearer(keys.requester),
    );
    const id = await pendingFor(stack, keys.approver, '45');
    await decide(stack, keys.approver, id, 'approve');
    const chunks = (await events)
      .slice(0, -1)
      .map(
        (e) =>
          JSON.parse(e) as { choices: { delta?: { tool_calls?: { function: { arguments: string } }[] } }[] },
      );
    const call = chunks.flatMap((c) => c.choices).find((ch) => ch.delta?.tool_calls)?.delta?.tool_calls?.[0];
    assert.deepEqual(JSON.parse(call!.function.arguments), { id: '45' });
  });
});

describe('approvals answered pending (a completion saying so), polled and resubmitted', () => {
  let stack: Stack;
  let keys: Keys;
  before(async () => {
    stack = await startStack(withApprovals({ holdMs: 0 }));
    keys = await makeKeys(stack);
  });
  after(() => stack.close());

  it('answers pending as a completion with the approval, lets only the requester poll it, and releases a resubmission once', async () => {
    const first = await postJson(`${stack.baseURL}/chat/completions`, chat('50'), bearer(keys.requester));
    assert.equal(first.status, 200);
    assert.equal((first.json.warden as { code: string }).code, 'WARDEN_APPROVAL_REQUIRED');
    const approval = approvalOf(first.json);
    const choice = (
      first.json.choices as { message: { content: string; tool_calls?: unknown }; finish_reason: string }[]
    )[0]!;
    assert.equal(choice.finish_reason, 'stop');
    assert.equal(choice.message.tool_calls, undefined, 'nothing executable while pending');
    assert.ok(choice.message.content.includes(approval.id), 'the text names the approval');
    assert.equal(first.headers.get('x-warden-approval-id'), approval.id);
    assert.equal(approval.status, 'pending');
    assert.ok(Date.parse(approval.expires_at) > Date.now());
    const poll = await adminGet(stack, keys.requester, approval.poll_url);
    assert.equal(poll.status, 200);
    assert.equal(poll.json.status, 'pending');
    const stranger = await adminGet(stack, keys.other, approval.poll_url);
    assert.equal(stranger.status, 404);
    // The same call again, before a decision: the same approval, not a second one.
    const again = await postJson(`${stack.baseURL}/chat/completions`, chat('50'), bearer(keys.requester));
    assert.equal(approvalOf(again.json).id, approval.id);

    await decide(stack, keys.approver, approval.id, 'approve');
    assert.equal((await adminGet(stack, keys.requester, approval.poll_url)).json.status, 'approved');
    const headers = { ...bearer(keys.requester), 'x-warden-approval-id': approval.id };
    const released = await postJson(`${stack.baseURL}/chat/completions`, chat('50'), headers);
    assert.equal(released.status, 200);
    assert.equal(toolCallsOf(released.json)[0]?.function.name, 'delete_user');
    // Single use: the same header does not release the call a second time.
    const replay = await postJson(`${stack.baseURL}/chat/completions`, chat('50'), headers);
    assert.equal((replay.json.warden as { code: string }).code, 'WARDEN_APPROVAL_REQUIRED');
    assert.notEqual(approvalOf(replay.json).id, approval.id);
  });

  it('an approval is bound to the exact call and principal', async () => {
    const first = await postJson(`${stack.baseURL}/chat/completions`, chat('51'), bearer(keys.requester));
    const id = approvalOf(first.json).id;
    await decide(stack, keys.approver, id, 'approve');
    const otherArgs = await postJson(`${stack.baseURL}/chat/completions`, chat('52'), {
      ...bearer(keys.requester),
      'x-warden-approval-id': id,
    });
    assert.notEqual(
      approvalOf(otherArgs.json).id,
      id,
      'an approval for id 51 does not release a call for id 52',
    );
    assert.deepEqual(toolCallsOf(otherArgs.json), []);
    const otherPrincipal = await postJson(`${stack.baseURL}/chat/completions`, chat('51'), {
      ...bearer(keys.other),
      'x-warden-approval-id': id,
    });
    assert.notEqual(
      approvalOf(otherPrincipal.json).id,
      id,
      "another principal cannot redeem someone else's approval",
    );
    assert.deepEqual(toolCallsOf(otherPrincipal.json), []);
  });

  it('a requester cannot approve its own call, and a chat-only key cannot approve at all', async () => {
    const first = await postJson(`${stack.baseURL}/chat/completions`, chat('60'), bearer(keys.both));
    const id = approvalOf(first.json).id;
    await assert.rejects(cli(stack, keys.both, 'approve', id), (err: { stderr: string }) =>
      err.stderr.includes('WARDEN_APPROVAL_SELF'),
    );
    const chatOnly = await fetch(`${stack.url}/admin/api/approvals/${id}/approve`, {
      method: 'POST',
      headers: bearer(keys.other),
    });
    assert.equal(chatOnly.status, 403);
    assert.equal((await adminGet(stack, keys.approver, `/admin/api/approvals/${id}`)).json.status, 'pending');
  });

  it('a denied approval resubmitted never releases the call (streaming)', async () => {
    const first = await postJson(`${stack.baseURL}/chat/completions`, chat('61'), bearer(keys.requester));
    const id = approvalOf(first.json).id;
    await decide(stack, keys.approver, id, 'deny');
    const events = await streamEvents(`${stack.baseURL}/chat/completions`, chat('61', true), {
      ...bearer(keys.requester),
      'x-warden-approval-id': id,
    });
    const warden = assertNoExecutableCall(events);
    assert.equal((warden.approval as { status: string }).status, 'denied');
  });

  it('a pending streamed call ends the stream as a completion (finish stop) naming the approval id', async () => {
    const events = await streamEvents(
      `${stack.baseURL}/chat/completions`,
      chat('62', true),
      bearer(keys.requester),
    );
    const warden = assertNoExecutableCall(events, 'stop');
    assert.equal(warden.code, 'WARDEN_APPROVAL_REQUIRED');
    const approval = warden.approval as { id: string; status: string };
    assert.equal(approval.status, 'pending');
    const text = events
      .slice(0, -1)
      .map((e) => JSON.parse(e) as { choices: { delta?: { content?: string } }[] })
      .map((c) => c.choices[0]?.delta?.content ?? '')
      .join('');
    assert.ok(text.includes(approval.id), 'the streamed text names the approval');
  });
});

describe('expired approvals', () => {
  let stack: Stack;
  let keys: Keys;
  before(async () => {
    stack = await startStack(withApprovals({ holdMs: 0, ttl: '150ms' }));
    keys = await makeKeys(stack);
  });
  after(() => stack.close());

  it('an expired approval cannot be approved and never releases the call, streamed or not', async () => {
    const first = await postJson(`${stack.baseURL}/chat/completions`, chat('70'), bearer(keys.requester));
    const approval = approvalOf(first.json);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await adminGet(stack, keys.requester, approval.poll_url)).json.status, 'expired');
    const late = await fetch(`${stack.url}/admin/api/approvals/${approval.id}/approve`, {
      method: 'POST',
      headers: bearer(keys.approver),
    });
    assert.equal(late.status, 409);
    assert.equal(errorCode((await late.json()) as Record<string, unknown>), 'WARDEN_APPROVAL_CONFLICT');
    const headers = { ...bearer(keys.requester), 'x-warden-approval-id': approval.id };
    const json = await postJson(`${stack.baseURL}/chat/completions`, chat('70'), headers);
    assert.equal(json.status, 200);
    assert.deepEqual(toolCallsOf(json.json), []);
    assert.equal((json.json.warden as { approval: { status: string } }).approval.status, 'expired');
    const warden = assertNoExecutableCall(
      await streamEvents(`${stack.baseURL}/chat/completions`, chat('70', true), headers),
    );
    assert.equal(warden.code, 'WARDEN_APPROVAL_DENIED');
  });
});

describe('approvals survive a gateway restart', () => {
  it('a hold on one gateway sees a decision taken through another gateway on the same store', async () => {
    const sim = await startSimulator(0);
    const dataDir = tempDir();
    const config = validateConfig(
      { ...withApprovals({ holdMs: 60_000 })(embeddedDefaults({ upstream: sim.url })), dataDir },
      'replica test',
    );
    const a = buildWarden(config, { log: pino({ level: 'silent' }) });
    const b = buildWarden(config, { log: pino({ level: 'silent' }) });
    try {
      const urlA = `http://127.0.0.1:${(await a.gateway.listen(0, '127.0.0.1')).port}`;
      const urlB = `http://127.0.0.1:${(await b.gateway.listen(0, '127.0.0.1')).port}`;
      const requester = (await a.admin.createKey({ name: 'agent', scopes: ['chat'] }, 'test')).token;
      const approver = (await a.admin.createKey({ name: 'alice', scopes: ['approver'] }, 'test')).token;
      const answer = postJson(`${urlA}/v1/chat/completions`, chat('90'), bearer(requester));
      const id = await pendingFor({ url: urlB } as Stack, approver, '90');
      await decide({ url: urlB } as Stack, approver, id, 'approve');
      const r = await answer;
      assert.equal(r.status, 200);
      assert.equal(toolCallsOf(r.json)[0]?.function.name, 'delete_user');
    } finally {
      await a.close();
      await b.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a pending approval made before a restart can be approved and redeemed after it', async () => {
    const sim = await startSimulator(0);
    const dataDir = tempDir();
    const config = validateConfig(
      { ...withApprovals({ holdMs: 0 })(embeddedDefaults({ upstream: sim.url })), dataDir },
      'restart test',
    );
    const start = async () => {
      const app = buildWarden(config, { log: pino({ level: 'silent' }) });
      const addr = await app.gateway.listen(0, '127.0.0.1');
      return { app, url: `http://127.0.0.1:${addr.port}` };
    };
    try {
      const one = await start();
      const requester = (await one.app.admin.createKey({ name: 'agent', scopes: ['chat'] }, 'test')).token;
      const approver = (await one.app.admin.createKey({ name: 'alice', scopes: ['approver'] }, 'test')).token;
      const first = await postJson(`${one.url}/v1/chat/completions`, chat('80'), bearer(requester));
      assert.equal((first.json.warden as { code: string }).code, 'WARDEN_APPROVAL_REQUIRED');
      const id = approvalOf(first.json).id;
      await one.app.close();

      const two = await start();
      try {
        const stackLike = { url: two.url } as Stack;
        const listed = await adminGet(stackLike, approver, '/admin/api/approvals?status=pending');
        assert.ok((listed.json.data as { id: string }[]).some((a) => a.id === id));
        await decide(stackLike, approver, id, 'approve');
        const released = await postJson(`${two.url}/v1/chat/completions`, chat('80'), {
          ...bearer(requester),
          'x-warden-approval-id': id,
        });
        assert.equal(released.status, 200);
        assert.equal(toolCallsOf(released.json)[0]?.function.name, 'delete_user');
      } finally {
        await two.app.close();
      }
    } finally {
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
