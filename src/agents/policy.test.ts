import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../core/context.js';
import type { Guard } from '../core/guard.js';
import { canonicalJson, isToolLister, type PolicySubject, ToolPolicy } from './policy.js';

const principal = (p: Partial<Principal> = {}): Principal => ({
  id: 'key:agent1',
  kind: 'apiKey',
  scopes: ['chat'],
  ...p,
});
const subject = (p: Partial<Principal> = {}, extra: Partial<PolicySubject> = {}): PolicySubject => ({
  route: 'chat',
  model: 'gpt-4o',
  principal: principal(p),
  declaredTools: ['delete_user', 'send_email', 'transfer_funds', 'search'],
  ...extra,
});
const call = (name: string, args: unknown) => ({ name, arguments: JSON.stringify(args) });

describe('ToolPolicy', () => {
  const policy = new ToolPolicy({
    policies: [
      {
        name: 'ops',
        match: { principals: ['jwt:ops-*'] },
        rules: [{ tools: ['*'], action: 'allow' }],
      },
      {
        name: 'acme agents',
        match: { tenants: ['acme'], labels: { env: 'prod' }, scopes: ['chat'] },
        strict: true,
        rules: [
          { tools: ['delete_*'], action: 'approve', reason: 'destructive' },
          {
            tools: ['transfer_funds'],
            action: 'allow',
            when: { schema: { type: 'object', properties: { amount: { type: 'number', maximum: 100 } } } },
          },
          { tools: ['transfer_funds'], action: 'approve', reason: 'large transfer' },
          {
            tools: ['send_email'],
            action: 'allow',
            when: { args: [{ path: 'to', regex: '@acme\\.com$' }] },
          },
          { tools: ['send_email'], action: 'deny', reason: 'external mail' },
          {
            tools: ['search'],
            action: 'deny',
            when: { args: [{ path: 'filters.scope', in: ['hr', 'legal'] }] },
          },
          { tools: ['search'], action: 'allow' },
        ],
      },
      {
        name: 'numbers',
        match: { routes: ['mcp:*'] },
        rules: [
          { tools: ['t'], action: 'deny', when: { args: [{ path: 'n', gt: 10 }] } },
          { tools: ['t'], action: 'deny', when: { args: [{ path: 'n', lt: 0 }] } },
          { tools: ['t'], action: 'approve', when: { args: [{ path: 'force', exists: true }] } },
          { tools: ['t'], action: 'deny', when: { args: [{ path: 'mode', notIn: ['read', 'list'] }] } },
          { tools: ['t'], action: 'approve', when: { args: [{ path: 'mode', equals: 'list' }] } },
        ],
      },
    ],
  });
  const acme = { tenant: 'acme', labels: { env: 'prod' } };

  it('applies the first policy whose match fits (principal glob, tenant, labels, scopes, route)', () => {
    assert.equal(policy.decide(subject({ id: 'jwt:ops-bob' }), call('wipe', {})).action, 'allow');
    assert.equal(policy.decide(subject(acme), call('delete_user', { id: '1' })).action, 'approve');
    // Labels must all match: a staging key falls through to no policy (unmatched: allow).
    const staging = policy.decide(
      subject({ tenant: 'acme', labels: { env: 'staging' } }),
      call('delete_user', {}),
    );
    assert.equal(staging.action, 'allow');
    assert.match(staging.reason, /no policy/);
    assert.equal(
      policy.decide(subject({ ...acme, scopes: ['embeddings'] }), call('delete_user', {})).action,
      'allow',
    );
  });

  it('decides by JSON Schema on the arguments', () => {
    assert.equal(policy.decide(subject(acme), call('transfer_funds', { amount: 50 })).action, 'allow');
    const big = policy.decide(subject(acme), call('transfer_funds', { amount: 5000 }));
    assert.equal(big.action, 'approve');
    assert.match(big.reason, /large transfer/);
  });

  it('decides by argument matchers: regex, in, gt, lt, exists, notIn, equals', () => {
    assert.equal(policy.decide(subject(acme), call('send_email', { to: 'a@acme.com' })).action, 'allow');
    assert.equal(policy.decide(subject(acme), call('send_email', { to: 'a@evil.example' })).action, 'deny');
    assert.equal(policy.decide(subject(acme), call('send_email', { to: 42 })).action, 'deny');
    assert.equal(policy.decide(subject(acme), call('search', { filters: { scope: 'hr' } })).action, 'deny');
    assert.equal(policy.decide(subject(acme), call('search', { filters: { scope: 'eng' } })).action, 'allow');
    assert.equal(policy.decide(subject(acme), call('search', {})).action, 'allow');
    const mcp = subject({}, { route: 'mcp:files' });
    assert.equal(policy.decide(mcp, call('t', { n: 11, mode: 'read' })).action, 'deny');
    assert.equal(policy.decide(mcp, call('t', { n: -1, mode: 'read' })).action, 'deny');
    assert.equal(policy.decide(mcp, call('t', { n: '11', mode: 'read' })).action, 'allow');
    assert.equal(policy.decide(mcp, call('t', { n: 5, force: false, mode: 'read' })).action, 'approve');
    assert.equal(policy.decide(mcp, call('t', { n: 5, mode: 'write' })).action, 'deny');
    assert.equal(policy.decide(mcp, call('t', { n: 5, mode: 'list' })).action, 'approve');
    assert.equal(policy.decide(mcp, call('t', { n: 5, mode: 'read' })).action, 'allow');
  });

  it('a rule applies only when every one of its argument matchers holds', () => {
    const both = new ToolPolicy({
      policies: [
        {
          name: 'refunds',
          rules: [
            {
              tools: ['refund'],
              action: 'allow',
              when: {
                args: [
                  { path: 'currency', equals: 'EUR' },
                  { path: 'amount', lt: 100 },
                ],
              },
            },
            { tools: ['refund'], action: 'deny', reason: 'needs both' },
          ],
        },
      ],
    });
    assert.equal(both.decide(subject(), call('refund', { currency: 'EUR', amount: 10 })).action, 'allow');
    assert.equal(both.decide(subject(), call('refund', { currency: 'EUR', amount: 1000 })).action, 'deny');
    assert.equal(both.decide(subject(), call('refund', { currency: 'USD', amount: 10 })).action, 'deny');
    // One matcher holding on a single argument path is not enough either.
    const oneField = new ToolPolicy({
      policies: [
        {
          name: 'range',
          rules: [
            { tools: ['t'], action: 'allow', when: { args: [{ path: 'n', gt: 0, lt: 10 }] } },
            { tools: ['t'], action: 'deny' },
          ],
        },
      ],
    });
    assert.equal(oneField.decide(subject(), call('t', { n: 5 })).action, 'allow');
    assert.equal(oneField.decide(subject(), call('t', { n: 50 })).action, 'deny');
    assert.equal(oneField.decide(subject(), call('t', { n: -5 })).action, 'deny');
  });

  it('match.models covers only requests for those models', () => {
    const byModel = new ToolPolicy({
      unmatched: 'deny',
      policies: [
        {
          name: 'small models',
          match: { models: ['gpt-4o-mini*'] },
          rules: [{ tools: ['*'], action: 'allow' }],
        },
      ],
    });
    assert.equal(
      byModel.decide(subject({}, { model: 'gpt-4o-mini-2024' }), call('search', {})).action,
      'allow',
    );
    const other = byModel.decide(subject({}, { model: 'gpt-4o' }), call('search', {}));
    assert.equal(other.action, 'deny');
    assert.match(other.reason, /no policy covers/);
    const none = byModel.decide(subject({}, { model: undefined }), call('search', {}));
    assert.equal(none.action, 'deny', 'a request without a model is not covered by a models match');
  });

  it('strict mode denies tools no rule names and tools the request did not declare', () => {
    const unknown = policy.decide(subject(acme, { declaredTools: ['run_shell'] }), call('run_shell', {}));
    assert.equal(unknown.action, 'deny');
    assert.match(unknown.reason, /strict/);
    const undeclared = policy.decide(subject(acme, { declaredTools: ['search'] }), call('delete_user', {}));
    assert.equal(undeclared.action, 'deny');
    assert.match(undeclared.reason, /not declared/);
  });

  it('denies invalid JSON arguments whatever the policy says', () => {
    const v = policy.decide(subject({ id: 'jwt:ops-bob' }), { name: 'anything', arguments: '{"id": ' });
    assert.equal(v.action, 'deny');
    assert.match(v.reason, /refused: not valid JSON/);
  });

  it('refuses arguments with duplicate keys or that are not an object, naming why', () => {
    const limit = new ToolPolicy({
      policies: [
        {
          rules: [
            {
              tools: ['transfer_funds'],
              action: 'allow',
              when: { schema: { type: 'object', properties: { amount: { type: 'number', maximum: 100 } } } },
            },
            { tools: ['transfer_funds'], action: 'approve' },
          ],
        },
      ],
    });
    const dup = limit.decide(subject(), { name: 'transfer_funds', arguments: '{"amount":5000,"amount":50}' });
    assert.deepEqual([dup.action, /duplicate key/.test(dup.reason)], ['deny', true]);
    const arr = limit.decide(subject(), { name: 'transfer_funds', arguments: '[{"amount":50}]' });
    assert.deepEqual([arr.action, /not a JSON object/.test(arr.reason)], ['deny', true]);
    assert.equal(limit.decide(subject(), { name: 'transfer_funds', arguments: '' }).action, 'allow');
  });

  it('matches tool names after normalisation, in non-strict and strict policies', () => {
    const p = new ToolPolicy({
      policies: [
        { match: { routes: ['chat'] }, rules: [{ tools: ['drop_*'], action: 'deny' }] },
        {
          strict: true,
          rules: [
            { tools: ['read_*'], action: 'allow' },
            { tools: ['drop_*'], action: 'allow' },
          ],
        },
      ],
    });
    for (const name of ['DROP_TABLE', 'Drop_Table', 'drop-table', 'dropTable', 'dr\u043ep_table'])
      assert.equal(p.decide(subject({}, { declaredTools: undefined }), call(name, {})).action, 'deny', name);
    const mcp = subject({}, { route: 'mcp:files', declaredTools: ['readFile'] });
    assert.equal(p.decide(mcp, call('readFile', {})).action, 'allow', 'read_* covers readFile');
    assert.equal(p.lists(mcp, 'READ-FILE'), true);
    const lookalike = p.decide(mcp, call('READFILE', {}));
    assert.deepEqual([lookalike.action, /not declared/.test(lookalike.reason)], ['deny', true]);
  });

  it('a words rule covers whole words of the name only', () => {
    const p = new ToolPolicy({
      policies: [{ rules: [{ words: ['delete', 'send_email'], action: 'approve' }] }],
    });
    for (const name of ['deleteUser', 'delete_user', 'bulk-delete', 'sendEmailNow'])
      assert.equal(p.decide(subject(), call(name, {})).action, 'approve', name);
    for (const name of ['undelete', 'get_deleted', 'email_send'])
      assert.equal(p.decide(subject(), call(name, {})).action, 'allow', name);
  });

  it('a words entry that normalises to nothing names no tool', () => {
    // '--' has no word in it: kept, it would be the empty word list, which every name contains
    const p = new ToolPolicy({ policies: [{ rules: [{ words: ['--', 'drop'], action: 'deny' }] }] });
    assert.equal(p.decide(subject(), call('read_file', {})).action, 'allow');
    assert.equal(p.decide(subject(), call('drop_table', {})).action, 'deny');
  });

  it('names a rule by its tools and words when it gives no reason', () => {
    const p = new ToolPolicy({ policies: [{ name: 'w', rules: [{ words: ['delete'], action: 'deny' }] }] });
    assert.equal(p.decide(subject(), call('delete_user', {})).reason, 'w: deny rule for delete');
  });

  it('compiles argument schemas that carry annotation keywords Ajv does not know', () => {
    // editors and generators add keys such as x-* to JSON Schema; strict Ajv would refuse the whole config
    const p = new ToolPolicy({
      policies: [
        {
          rules: [
            {
              tools: ['pay'],
              action: 'deny',
              when: { schema: { type: 'object', 'x-owner': 'finance', required: ['amount'] } },
            },
          ],
        },
      ],
    });
    assert.equal(p.decide(subject(), call('pay', { amount: 1 })).action, 'deny');
    assert.equal(p.decide(subject(), call('pay', {})).action, 'allow');
  });

  it('unmatched: deny refuses calls no policy covers', () => {
    const closed = new ToolPolicy({ unmatched: 'deny' });
    assert.equal(closed.decide(subject(), call('search', {})).action, 'deny');
    assert.equal(closed.lists(subject(), 'search'), false);
  });

  it('lists tools unless a rule denies them outright or strict mode does not know them', () => {
    const s = subject(acme);
    assert.equal(policy.lists(s, 'delete_user'), true);
    assert.equal(policy.lists(s, 'search'), true, 'a predicate-bound deny keeps the tool listed');
    assert.equal(policy.lists(s, 'run_shell'), false);
  });

  it('keeps model-chosen tool names out of reasons unless they are plain', () => {
    const v = policy.decide(subject(acme, { declaredTools: undefined }), call('x'.repeat(100), {}));
    assert.equal(v.action, 'deny');
    assert.ok(!v.reason.includes('x'.repeat(100)));
  });

  it('rejects invalid options at construction', () => {
    assert.throws(() => new ToolPolicy({ policies: [{ rules: [{ tools: [], action: 'allow' }] }] }));
    assert.throws(() => new ToolPolicy({ policies: [{ rules: [{ action: 'allow' }] }] }), /tools, words/);
    assert.throws(
      () => new ToolPolicy({ policies: [{ rules: [{ tools: ['a'], action: 'maybe' as 'allow' }] }] }),
    );
  });
});

describe('isToolLister', () => {
  it('tells a guard that can filter tools/list from one that cannot', () => {
    const plain = { name: 'p', phase: 'toolCall', check: () => ({ action: 'allow' }) } as unknown as Guard;
    assert.equal(isToolLister(plain), false);
    assert.equal(isToolLister({ ...plain, listsTool: () => true } as unknown as Guard), true);
    assert.equal(isToolLister({ ...plain, listsTool: true } as unknown as Guard), false, 'not a function');
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level so equal values give equal text', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }),
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    assert.equal(canonicalJson({ a: 1, b: 2 }), canonicalJson({ b: 2, a: 1 }));
    assert.notEqual(canonicalJson({ a: '1' }), canonicalJson({ a: 1 }));
  });
});
