import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { TOOL_ROUTE } from '../../../agents/policy.js';
import type { GuardContext, ToolCallView } from '../../../core/context.js';
import { buildGuard } from '../../registry.js';

const env = { log: pino({ level: 'silent' }), dataDir: '.', secrets: [] };
const guard = buildGuard(
  {
    use: 'tool-policy',
    options: {
      policies: [
        {
          match: { routes: ['chat'] },
          rules: [
            { tools: ['delete_*'], action: 'approve', reason: 'destructive' },
            { tools: ['run_shell'], action: 'deny' },
          ],
        },
      ],
      unmatched: 'deny',
    },
  },
  'toolCall',
  env,
  'guards.toolCall[0]',
);

function ctx(calls: Omit<ToolCallView, 'choiceIndex'>[], route?: string): GuardContext {
  return {
    requestId: 'r1',
    route: 'chat',
    principal: { id: 'key:a', kind: 'apiKey', scopes: ['chat'] },
    model: 'm',
    body: {},
    state: new Map(route ? [[TOOL_ROUTE, route]] : []),
    log: env.log,
    toolCalls: calls.map((c) => ({ ...c, choiceIndex: 0 })),
  };
}

describe('tool-policy guard', () => {
  it('is registered for the toolCall phase only', () => {
    assert.equal(guard.phase, 'toolCall');
    assert.throws(() => buildGuard({ use: 'tool-policy', options: {} }, 'request', env, 'x'), /cannot run/);
  });

  it('allows calls no rule covers (the policy is not strict)', async () => {
    const d = await guard.check(
      ctx([{ id: 'c1', name: 'search', arguments: '{}' }]),
      new AbortController().signal,
    );
    assert.equal(d.action, 'allow');
  });

  it('asks for approval naming only the held calls', async () => {
    const d = await guard.check(
      ctx([
        { id: 'c1', name: 'search', arguments: '{}' },
        { id: 'c2', name: 'delete_user', arguments: '{"id":"1"}' },
      ]),
      new AbortController().signal,
    );
    assert.equal(d.action, 'requireApproval');
    assert.deepEqual(d.details?.callIds, ['c2']);
    assert.match(d.reason ?? '', /destructive/);
  });

  it('blocks when any call is denied, and never echoes arguments in the reason', async () => {
    const d = await guard.check(
      ctx([
        { id: 'c1', name: 'delete_user', arguments: '{"id":"1"}' },
        { id: 'c2', name: 'run_shell', arguments: '{"cmd":"cat /etc/shadow"}' },
      ]),
      new AbortController().signal,
    );
    assert.equal(d.action, 'block');
    assert.ok(!JSON.stringify(d).includes('shadow'));
  });

  it('blocks invalid JSON arguments', async () => {
    const d = await guard.check(
      ctx([{ id: 'c1', name: 'search', arguments: '{nope' }]),
      new AbortController().signal,
    );
    assert.equal(d.action, 'block');
  });

  it('uses the tool route from the context (MCP), where unmatched requests are denied', async () => {
    const d = await guard.check(
      ctx([{ id: 'c1', name: 'search', arguments: '{}' }], 'mcp:files'),
      new AbortController().signal,
    );
    assert.equal(d.action, 'block');
  });
});
