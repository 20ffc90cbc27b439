// The shipped example agent policy (examples/agents.yaml) holds against the walk-arounds of issue 17.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfigFile } from '../config/load.js';
import { ToolPolicy, type ToolPolicyInput } from './policy.js';

describe('examples/agents.yaml', () => {
  const cfg = loadConfigFile('examples/agents.yaml');
  const policy = new ToolPolicy(
    cfg.guards.toolCall.find((g) => g.use === 'tool-policy')!.options as ToolPolicyInput,
  );
  const subject = {
    route: 'chat',
    model: 'gpt-4o',
    principal: {
      id: 'key:support1',
      kind: 'apiKey' as const,
      scopes: ['chat'],
      tenant: 'acme',
      labels: { team: 'support' },
    },
    declaredTools: ['send_email', 'transfer_funds'],
  };
  const decide = (name: string, args: unknown) =>
    policy.decide(subject, { name, arguments: JSON.stringify(args) }).action;
  const mail = { subject: 's', body: 'b' };

  it('sends mail to one company address only', () => {
    assert.equal(decide('send_email', { ...mail, to: 'bob@acme.com' }), 'allow');
    assert.equal(decide('send_email', { ...mail, to: 'carol@othermail.net, bob@acme.com' }), 'deny');
    assert.equal(decide('send_email', { ...mail, to: 'bob@acme.com.evil.example' }), 'deny');
    assert.equal(decide('send_email', { ...mail, to: 'bob@acme.com', bcc: 'carol@othermail.net' }), 'deny');
  });

  it('moves small amounts to known accounts, holds the rest, refuses duplicate keys', () => {
    assert.equal(decide('transfer_funds', { to: 'acct-1234', amount: 50 }), 'allow');
    assert.equal(decide('transfer_funds', { to: 'acct-1234', amount: 5000 }), 'approve');
    assert.equal(decide('transfer_funds', { to: 'acct-1234', amount: 50, from: 'treasury' }), 'approve');
    const dup = policy.decide(subject, {
      name: 'transfer_funds',
      arguments: '{"to":"acct-1234","amount":5000,"amount":50}',
    });
    assert.equal(dup.action, 'deny');
  });
});
