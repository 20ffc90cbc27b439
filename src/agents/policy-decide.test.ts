// The tool policy's finer points: verdict contents and reasons, each `match` field on its own, matcher
// boundaries and absent paths, own properties only, Unicode regexes, listing, canonical JSON and safe names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GuardContext, Principal } from '../core/context.js';
import {
  canonicalJson,
  type PolicySubject,
  safeName,
  TOOL_ROUTE,
  ToolPolicy,
  type ToolPolicyInput,
  toolRoute,
} from './policy.js';

const principal = (p: Partial<Principal> = {}): Principal => ({
  id: 'key:a',
  kind: 'apiKey',
  scopes: ['chat'],
  ...p,
});
const subject = (p: Partial<Principal> = {}, extra: Partial<PolicySubject> = {}): PolicySubject => ({
  route: 'chat',
  model: 'gpt-4o',
  principal: principal(p),
  ...extra,
});
const call = (name: string, args: unknown) => ({ name, arguments: JSON.stringify(args) });

/** One rule on tool `t` that allows when the matcher holds, then a deny for everything else on `t`. */
function only(arg: Record<string, unknown>): ToolPolicy {
  return new ToolPolicy({
    policies: [
      {
        name: 'm',
        rules: [
          { tools: ['t'], action: 'allow', when: { args: [arg as { path: string }] } },
          { tools: ['t'], action: 'deny' },
        ],
      },
    ],
  });
}
const holds = (p: ToolPolicy, args: unknown) => p.decide(subject(), call('t', args)).action === 'allow';

describe('ToolPolicy verdicts', () => {
  it('allow and approve verdicts carry the parsed arguments; reasons name the policy and the rule', () => {
    const p = new ToolPolicy({
      policies: [
        {
          rules: [
            { tools: ['a'], action: 'allow' },
            { tools: ['b'], words: ['hold'], action: 'approve' },
            { tools: ['c'], action: 'deny', reason: 'never' },
          ],
        },
        { name: 'second', match: { routes: ['mcp:*'] }, rules: [] },
      ],
    });
    assert.deepEqual(p.decide(subject(), call('a', { x: [1, { y: 2 }] })), {
      action: 'allow',
      reason: 'policy 1: allow rule for a',
      args: { x: [1, { y: 2 }] },
    });
    assert.deepEqual(p.decide(subject(), call('b', { n: 1 })), {
      action: 'approve',
      reason: 'policy 1: approve rule for b, hold',
      args: { n: 1 },
    });
    assert.deepEqual(p.decide(subject(), call('hold_it', {})), {
      action: 'approve',
      reason: 'policy 1: approve rule for b, hold',
      args: {},
    });
    assert.deepEqual(p.decide(subject(), call('c', {})), { action: 'deny', reason: 'policy 1: never' });
    assert.deepEqual(p.decide(subject(), call('z', { k: 'v' })), {
      action: 'allow',
      reason: 'policy 1: no rule applies',
      args: { k: 'v' },
    });
  });

  it('unmatched requests: allow carries the arguments, deny does not', () => {
    const open = new ToolPolicy({ policies: [{ match: { routes: ['mcp:*'] } }] });
    assert.deepEqual(open.decide(subject(), call('x', { a: 1 })), {
      action: 'allow',
      reason: 'no policy covers this request',
      args: { a: 1 },
    });
    const closed = new ToolPolicy({ unmatched: 'deny' });
    assert.deepEqual(closed.decide(subject(), call('x', {})), {
      action: 'deny',
      reason: 'no policy covers this request',
    });
  });

  it('strict: an undeclared call is named in the reason; unknown declarations check only the rules', () => {
    const p = new ToolPolicy({
      policies: [{ name: 's', strict: true, rules: [{ tools: ['ok'], action: 'allow' }] }],
    });
    assert.deepEqual(p.decide(subject({}, { declaredTools: ['ok'] }), call('other', {})), {
      action: 'deny',
      reason: 's: other was not declared by the request',
    });
    assert.equal(p.decide(subject({}, { declaredTools: undefined }), call('ok', {})).action, 'allow');
    assert.deepEqual(p.decide(subject({}, { declaredTools: undefined }), call('nope', {})), {
      action: 'deny',
      reason: 's: nope is not an allowed tool (strict)',
    });
    const loose = new ToolPolicy({ policies: [{ rules: [{ tools: ['ok'], action: 'allow' }] }] });
    assert.equal(
      loose.decide(subject({}, { declaredTools: ['ok'] }), call('other', {})).action,
      'allow',
      'only strict policies check declarations',
    );
  });

  it('a rule whose schema fails is skipped, and the next rule decides', () => {
    const p = new ToolPolicy({
      policies: [
        {
          rules: [
            { tools: ['t'], action: 'allow', when: { schema: { type: 'object', required: ['ok'] } } },
            { tools: ['t'], action: 'deny', reason: 'fallback' },
          ],
        },
      ],
    });
    assert.equal(p.decide(subject(), call('t', { ok: 1 })).action, 'allow');
    assert.deepEqual(p.decide(subject(), call('t', {})), { action: 'deny', reason: 'policy 1: fallback' });
  });
});

describe('ToolPolicy match fields, one at a time', () => {
  const covered = (match: NonNullable<ToolPolicyInput['policies']>[number]['match'], s: PolicySubject) =>
    new ToolPolicy({
      unmatched: 'deny',
      policies: [{ match, rules: [{ tools: ['*'], action: 'allow' }] }],
    }).decide(s, call('x', {})).action === 'allow';

  it('routes', () => {
    assert.equal(covered({ routes: ['mcp:*'] }, subject({}, { route: 'mcp:files' })), true);
    assert.equal(covered({ routes: ['mcp:*'] }, subject()), false);
  });
  it('principals', () => {
    assert.equal(covered({ principals: ['key:a*'] }, subject()), true);
    assert.equal(covered({ principals: ['key:b*'] }, subject()), false);
  });
  it('tenants: a principal without a tenant is not covered', () => {
    assert.equal(covered({ tenants: ['ac*'] }, subject({ tenant: 'acme' })), true);
    assert.equal(covered({ tenants: ['ac*'] }, subject({ tenant: 'beta' })), false);
    assert.equal(covered({ tenants: ['*'] }, subject()), false);
  });
  it('labels: every one must be present with its value', () => {
    const both = { labels: { env: 'prod', team: 'x' } };
    assert.equal(covered(both, subject({ labels: { env: 'prod', team: 'x', more: 'y' } })), true);
    assert.equal(covered(both, subject({ labels: { env: 'prod' } })), false);
    assert.equal(covered(both, subject()), false, 'no labels at all');
  });
  it('scopes: any one of them', () => {
    assert.equal(covered({ scopes: ['admin', 'chat'] }, subject()), true);
    assert.equal(covered({ scopes: ['admin'] }, subject()), false);
  });
  it('models: a glob, and a request without a model is not covered', () => {
    assert.equal(covered({ models: ['gpt-*'] }, subject()), true);
    assert.equal(covered({ models: ['claude-*'] }, subject()), false);
    assert.equal(covered({ models: ['*'] }, subject({}, { model: undefined })), false);
  });
  it('an empty match covers everything', () => {
    assert.equal(covered({}, subject({}, { route: 'mcp:x', model: undefined })), true);
  });
});

describe('ToolPolicy argument matchers', () => {
  it('gt and lt are strict and hold only for numbers', () => {
    const gt = only({ path: 'n', gt: 10 });
    assert.deepEqual(
      [holds(gt, { n: 11 }), holds(gt, { n: 10 }), holds(gt, { n: '11' })],
      [true, false, false],
    );
    const lt = only({ path: 'n', lt: 10 });
    assert.deepEqual(
      [holds(lt, { n: 9 }), holds(lt, { n: 10 }), holds(lt, { n: '9' })],
      [true, false, false],
    );
  });

  it('an absent path holds only for exists: false', () => {
    assert.equal(holds(only({ path: 'a.b', equals: 1 }), {}), false);
    assert.equal(holds(only({ path: 'a.b', in: [1] }), { a: {} }), false);
    assert.equal(
      holds(only({ path: 'a', notIn: [1] }), {}),
      false,
      'notIn does not hold for a missing value',
    );
    assert.equal(holds(only({ path: 'a', regex: '.*' }), {}), false);
    assert.equal(holds(only({ path: 'a', exists: false }), {}), true);
    assert.equal(holds(only({ path: 'a', exists: false }), { a: null }), false, 'null is present');
    assert.equal(holds(only({ path: 'a', exists: true }), { a: null }), true);
    assert.equal(holds(only({ path: 'a', exists: true, equals: 2 }), { a: 1 }), false);
    assert.equal(holds(only({ path: 'a', exists: true, equals: 1 }), { a: 1 }), true);
  });

  it('walks objects and arrays, but not through null, strings or inherited properties', () => {
    const id = only({ path: 'items.1.id', equals: 'x' });
    assert.equal(holds(id, { items: [{ id: 'y' }, { id: 'x' }] }), true);
    assert.equal(holds(id, { items: null }), false);
    assert.equal(holds(only({ path: 'a.b', exists: false }), { a: null }), true);
    assert.equal(
      holds(only({ path: 's.length', exists: false }), { s: 'abc' }),
      true,
      'a string has no paths',
    );
    assert.equal(holds(only({ path: 'toString', exists: false }), {}), true, 'inherited is absent');
    assert.equal(holds(only({ path: 'a.constructor', exists: false }), { a: {} }), true);
  });

  it('equals, in and notIn compare JSON values whatever the key order', () => {
    assert.equal(holds(only({ path: 'o', equals: { a: 1, b: [2] } }), { o: { b: [2], a: 1 } }), true);
    assert.equal(holds(only({ path: 'o', equals: { a: 1 } }), { o: { a: '1' } }), false);
    assert.equal(holds(only({ path: 'o', in: [{ a: 1 }, 3] }), { o: { a: 1 } }), true);
    assert.equal(holds(only({ path: 'o', in: [{ a: 1 }, 3] }), { o: 4 }), false);
    assert.equal(holds(only({ path: 'o', notIn: [{ a: 1 }] }), { o: { a: 1 } }), false);
    assert.equal(holds(only({ path: 'o', notIn: [{ a: 1 }] }), { o: { a: 2 } }), true);
    assert.equal(holds(only({ path: 'o', equals: null }), { o: null }), true);
    assert.equal(holds(only({ path: 'o', equals: null }), { o: 0 }), false);
  });

  it('regexes are Unicode-aware and hold only for strings', () => {
    const upper = only({ path: 's', regex: '^\\p{Lu}' });
    assert.equal(holds(upper, { s: 'Émile' }), true);
    assert.equal(holds(upper, { s: 'émile' }), false);
    assert.equal(holds(only({ path: 's', regex: '^1' }), { s: 12 }), false, 'a number is not a string');
  });
});

describe('ToolPolicy listing', () => {
  const p = new ToolPolicy({
    policies: [
      {
        match: { routes: ['mcp:a'] },
        rules: [
          { tools: ['gone'], action: 'deny' },
          { tools: ['maybe'], action: 'deny', when: { schema: { type: 'object', required: ['x'] } } },
          { tools: ['held'], action: 'approve' },
        ],
      },
      { match: { routes: ['mcp:b'] }, strict: true, rules: [{ tools: ['known'], action: 'allow' }] },
    ],
  });
  const on = (route: string) => subject({}, { route });

  it('hides only tools denied outright by name, and in strict policies the ones no rule names', () => {
    assert.equal(p.lists(on('mcp:a'), 'gone'), false);
    assert.equal(p.lists(on('mcp:a'), 'maybe'), true, 'a schema-bound deny keeps the tool listed');
    assert.equal(p.lists(on('mcp:a'), 'held'), true);
    assert.equal(p.lists(on('mcp:a'), 'unnamed'), true);
    assert.equal(p.lists(on('mcp:b'), 'known'), true);
    assert.equal(p.lists(on('mcp:b'), 'unnamed'), false);
    assert.equal(p.lists(on('mcp:c'), 'anything'), true, 'no policy, unmatched allow');
  });
});

describe('policy helpers', () => {
  it('the tool route is the state override when it is a string, else the HTTP route', () => {
    const ctx = (state: [string, unknown][]) =>
      ({ route: 'chat', state: new Map(state) }) as unknown as GuardContext;
    assert.equal(toolRoute(ctx([])), 'chat');
    assert.equal(toolRoute(ctx([[TOOL_ROUTE, 'mcp:files']])), 'mcp:files');
    assert.equal(toolRoute(ctx([[TOOL_ROUTE, 42]])), 'chat');
  });

  it('canonical JSON drops undefined members and writes a bare undefined as null', () => {
    assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
    assert.equal(canonicalJson(undefined), 'null');
    assert.equal(canonicalJson([undefined, 'x']), '[null,"x"]');
    assert.equal(canonicalJson([]), '[]');
    assert.equal(canonicalJson({}), '{}');
    assert.equal(canonicalJson('s'), '"s"');
  });

  it('safe names: plain names up to 64 characters pass, anything else is described by its length', () => {
    assert.equal(safeName('mcp:files.read-all_v2'), 'mcp:files.read-all_v2');
    assert.equal(safeName('a'.repeat(64)), 'a'.repeat(64));
    assert.equal(safeName('a'.repeat(65)), 'tool(65 chars)');
    assert.equal(safeName(''), 'tool(0 chars)');
    assert.equal(safeName('rm -rf'), 'tool(6 chars)');
    assert.equal(safeName('x\ny'), 'tool(3 chars)');
  });
});
