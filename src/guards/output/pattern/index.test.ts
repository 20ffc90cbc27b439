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
});
