// The pattern guard matches operator regexes in the detectors' view, and redacts the original span.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import type { GuardContext } from '../../../core/context.js';
import { patternGuard } from './index.js';

const env = { log: pino({ level: 'silent' }), dataDir: '/tmp', secrets: [] };
const signal = new AbortController().signal;

function guard(phase: 'request' | 'response', action: 'block' | 'redact') {
  const opts = patternGuard.options.parse({
    patterns: [{ name: 'project', regex: 'project\\s+falcon' }],
    action,
  });
  return patternGuard.create(opts, { id: 'pattern', phase, failMode: 'closed' }, env);
}

function ctx(output?: string, user = 'hello'): GuardContext {
  return {
    requestId: 'r',
    route: 'chat',
    principal: { id: 'p', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: { model: 'm', messages: [{ role: 'user', content: user }] },
    state: new Map(),
    log: env.log,
    ...(output === undefined
      ? {}
      : { output: { text: output, pendingStart: 0, final: true, choiceIndex: 0 } }),
  };
}

describe('pattern guard', () => {
  const disguised = [
    'proj\u200bect fal\u00adcon',
    'project&nbsp;falcon',
    'ｐｒｏｊｅｃｔ ｆａｌｃｏｎ',
    'prоject falcоn', // Cyrillic o
    'project\\ falcon'.replace('\\ ', '&#32;'),
  ];
  it('redacts a disguised match over its original span', async () => {
    for (const variant of disguised) {
      const text = `About ${variant}: classified.`;
      const d = await guard('response', 'redact').check(ctx(text), signal);
      assert.equal(d.action, 'transform', variant);
      if (d.action !== 'transform') continue;
      const r = d.redactions![0]!;
      assert.equal(text.slice(r.start, r.end), variant);
    }
  });
  it('blocks a disguised match in a request', async () => {
    for (const variant of disguised) {
      const d = await guard('request', 'block').check(ctx(undefined, `tell me about ${variant}`), signal);
      assert.equal(d.action, 'block', variant);
    }
    assert.equal(
      (await guard('request', 'block').check(ctx(undefined, 'project eagle'), signal)).action,
      'allow',
    );
  });

  it('response phase: blocks a matching output, allows a clean one or none', async () => {
    const g = guard('response', 'block');
    const d = await g.check(ctx('The plan is project falcon, keep it quiet.'), signal);
    assert.equal(d.action, 'block');
    assert.match(d.action === 'block' ? (d.reason ?? '') : '', /output matched pattern 'project'/);
    assert.equal((await g.check(ctx('The plan is project eagle.'), signal)).action, 'allow');
    assert.equal((await g.check(ctx(), signal)).action, 'allow', 'no output yet');
    assert.equal(g.holdBack, 256, 'the hold-back covers the longest match');
  });

  it('response phase: a match wholly in text already released is not judged again', async () => {
    const text = 'project falcon was named earlier; now more words follow here.';
    const released = { text, pendingStart: text.indexOf(';'), final: false, choiceIndex: 0 };
    for (const action of ['block', 'redact'] as const) {
      const d = await guard('response', action).check({ ...ctx(), output: released }, signal);
      assert.equal(d.action, 'allow', action);
    }
    const straddling = { text, pendingStart: 10, final: false, choiceIndex: 0 };
    assert.equal(
      (await guard('response', 'block').check({ ...ctx(), output: straddling }, signal)).action,
      'block',
    );
  });

  it('response phase: redacts every match with a named placeholder', async () => {
    const text = 'project falcon and Project  Falcon again';
    const d = await guard('response', 'redact').check(ctx(text), signal);
    assert.equal(d.action, 'transform');
    if (d.action !== 'transform') return;
    assert.deepEqual(
      d.redactions?.map((r) => [text.slice(r.start, r.end), r.replacement]),
      [
        ['project falcon', '[REDACTED:project]'],
        ['Project  Falcon', '[REDACTED:project]'],
      ],
    );
    assert.deepEqual(d.changes, ['redacted project']);
  });
});
