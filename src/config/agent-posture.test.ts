import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ToolPolicy, type ToolPolicyInput } from '../agents/policy.js';
import { defaultToolPolicy } from './agent-posture.js';
import { embeddedDefaults, validateConfig } from './load.js';

describe('the default agent posture', () => {
  const entry = validateConfig(embeddedDefaults(), 'defaults').guards.toolCall.find(
    (g) => g.use === 'tool-policy',
  );
  const policy = new ToolPolicy((entry?.options ?? {}) as ToolPolicyInput);
  const subject = {
    route: 'chat',
    model: 'm',
    principal: { id: 'key:a', kind: 'apiKey' as const, scopes: ['chat'] },
  };
  const decide = (name: string) => policy.decide(subject, { name, arguments: '{}' }).action;

  it('is part of the embedded defaults', () => {
    assert.ok(entry, 'the embedded defaults carry a tool-policy guard');
    assert.deepEqual(entry.options, defaultToolPolicy()?.[0]?.options);
  });

  it('holds destructive, money, messaging, code and privilege tools, by whole words', () => {
    for (const name of [
      'delete_user',
      'deleteUser',
      'DROP_TABLE',
      'remove-file',
      'destroyVm',
      'truncate_table',
      'transfer_funds',
      'pay_invoice',
      'refund',
      'send_email',
      'sendMessage',
      'create_post',
      'exec',
      'execute_python',
      'shell',
      'run_code',
      'grant_role',
    ])
      assert.equal(decide(name), 'approve', name);
  });

  it('denies nothing and allows everything else', () => {
    for (const name of [
      'get_posts',
      'compost',
      'search_docs',
      'read_file',
      'list_users',
      'undelete',
      'payload_size',
    ])
      assert.equal(decide(name), 'allow', name);
  });
});
