import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { GuardContext } from './context.js';
import { allow, block, transform } from './decision.js';
import type { Guard } from './guard.js';
import { GuardPipeline } from './pipeline.js';

const log = pino({ level: 'silent' });

function ctx(): GuardContext {
  return {
    requestId: 'r1',
    route: 'chat',
    principal: { id: 'p', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
    state: new Map(),
    log,
  };
}

function guard(id: string, check: Guard['check'], extra: Partial<Guard> = {}): Guard {
  return { id, phase: 'request', tags: [], failMode: 'closed', check, ...extra };
}

describe('GuardPipeline', () => {
  it('blocks with status error when a guard throws (fail closed)', async () => {
    const p = new GuardPipeline(
      [
        guard('boom', () => {
          throw new Error('secret text must not leak');
        }),
      ],
      { defaultDeadlineMs: 100, log },
    );
    const out = await p.run('request', ctx());
    assert.equal(out.verdict?.action, 'block');
    assert.equal(out.verdict?.status, 'error');
    assert.equal(out.verdict?.action === 'block' && out.verdict.code, 'WARDEN_GUARD_ERROR');
    assert.ok(!JSON.stringify(out.verdict).includes('secret text'), 'error message must not be copied');
  });

  it('blocks with status error when an asynchronous guard rejects (fail closed, not allow)', async () => {
    const p = new GuardPipeline(
      [
        guard('ok', () => allow('ok')),
        guard('async-boom', () => Promise.reject(new TypeError('prompt text'))),
      ],
      { defaultDeadlineMs: 1_000, log },
    );
    const out = await p.run('request', ctx());
    assert.equal(out.verdict?.action, 'block');
    assert.equal(out.verdict?.guardId, 'async-boom');
    assert.equal(out.verdict?.status, 'error');
    assert.equal(out.verdict?.action === 'block' && out.verdict.code, 'WARDEN_GUARD_ERROR');
    assert.equal(out.verdict?.reason, 'TypeError');
  });

  it('a rejecting guard configured failMode open allows with status error', async () => {
    const p = new GuardPipeline([guard('soft', () => Promise.reject(new Error('x')), { failMode: 'open' })], {
      defaultDeadlineMs: 1_000,
      log,
    });
    const out = await p.run('request', ctx());
    assert.equal(out.verdict?.action, 'allow');
    assert.equal(out.verdict?.status, 'error');
  });

  it('blocks when a transform patch throws, and later stages do not run', async () => {
    let laterRan = false;
    const t = guard('t', () =>
      transform('t', {
        changes: ['rewrite'],
        patch: () => {
          throw new RangeError('patch text');
        },
      }),
    );
    const later = guard(
      'later',
      () => {
        laterRan = true;
        return allow('later');
      },
      { stage: 1 },
    );
    const out = await new GuardPipeline([t, later], { defaultDeadlineMs: 100, log }).run('request', ctx());
    assert.equal(out.verdict?.action, 'block');
    assert.equal(out.verdict?.guardId, 't');
    assert.equal(out.verdict?.action === 'block' && out.verdict.code, 'WARDEN_GUARD_ERROR');
    assert.equal(out.verdict?.reason, 'patch failed');
    assert.equal(laterRan, false, 'no stage runs after a failed patch');
  });

  it('blocks with WARDEN_GUARD_TIMEOUT when a guard exceeds its deadline, and aborts its signal', async () => {
    let aborted = false;
    const slow = guard(
      'slow',
      (_c, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
          setTimeout(() => resolve(allow('slow')), 500);
        }),
      { deadlineMs: 20 },
    );
    const out = await new GuardPipeline([slow], { defaultDeadlineMs: 1000, log }).run('request', ctx());
    assert.equal(out.verdict?.action, 'block');
    assert.equal(out.verdict?.action === 'block' && out.verdict.code, 'WARDEN_GUARD_TIMEOUT');
    assert.equal(aborted, true);
  });

  it('a guard that answers allow from its abort listener at the deadline is still blocked (no fail-open race)', async () => {
    const sly = guard(
      'sly',
      (_c, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => resolve(allow('sly')));
        }),
      { deadlineMs: 20 },
    );
    const out = await new GuardPipeline([sly], { defaultDeadlineMs: 1000, log }).run('request', ctx());
    assert.equal(out.verdict?.action, 'block');
    assert.equal(out.verdict?.action === 'block' && out.verdict.code, 'WARDEN_GUARD_TIMEOUT');
  });

  it('allows with status error when a failing guard is configured failMode open', async () => {
    const g = guard(
      'open',
      () => {
        throw new Error('x');
      },
      { failMode: 'open' },
    );
    const out = await new GuardPipeline([g], { defaultDeadlineMs: 100, log }).run('request', ctx());
    assert.equal(out.verdict?.action, 'allow');
    assert.equal(out.verdict?.status, 'error');
  });

  it('treats a guard returning garbage as an error', async () => {
    const g = guard('bad', () => undefined as never);
    const out = await new GuardPipeline([g], { defaultDeadlineMs: 100, log }).run('request', ctx());
    assert.equal(out.verdict?.action, 'block');
  });

  it('runs a stage concurrently and combines block > transform > allow', async () => {
    const order: string[] = [];
    const a = guard('a', async () => {
      order.push('a-start');
      await new Promise((r) => setTimeout(r, 20));
      order.push('a-end');
      return allow('a');
    });
    const b = guard('b', async () => {
      order.push('b-start');
      return block('b', { reason: 'no' });
    });
    const later = guard('later', () => allow('later'), { stage: 5 });
    const out = await new GuardPipeline([a, b, later], { defaultDeadlineMs: 100, log }).run('request', ctx());
    assert.deepEqual(order.slice(0, 2), ['a-start', 'b-start']);
    assert.equal(out.verdict?.guardId, 'b');
    assert.ok(!out.decisions.some((d) => d.guardId === 'later'), 'stages after a block do not run');
  });

  it('applies transform patches after their stage, before later stages', async () => {
    const t = guard('t', () =>
      transform('t', {
        changes: ['upper-cased'],
        patch: (c) => {
          c.body.messages = [{ role: 'user', content: 'HI' }];
        },
      }),
    );
    let seen = '';
    const after = guard(
      'after',
      (c) => {
        seen = (c.body.messages as { content: string }[])[0]!.content;
        return allow('after');
      },
      { stage: 1 },
    );
    const out = await new GuardPipeline([t, after], { defaultDeadlineMs: 100, log }).run('request', ctx());
    assert.equal(seen, 'HI');
    assert.equal(out.verdict?.action, 'transform');
  });

  it('aborts guards with the request, and starts the run after a timed-out one with an unaborted signal', async () => {
    const request = new AbortController();
    const signals: AbortSignal[] = [];
    let mode: 'hang' | 'allow' | 'untilAbort' = 'hang';
    const slow = guard('slow', (_c, signal) => {
      signals.push(signal);
      if (mode === 'allow') return allow('slow');
      return new Promise((resolve) => {
        if (mode === 'untilAbort') signal.addEventListener('abort', () => resolve(allow('slow')));
      });
    });
    const pipeline = new GuardPipeline([slow], { defaultDeadlineMs: 20, log });
    const first = await pipeline.run('request', ctx(), request.signal);
    assert.equal(first.verdict?.action === 'block' && first.verdict.code, 'WARDEN_GUARD_TIMEOUT');
    assert.equal(signals[0]?.aborted, true, 'the timeout aborted the timed-out guard');
    mode = 'allow';
    await pipeline.run('request', ctx(), request.signal);
    assert.equal(signals[1]?.aborted, false, 'the next run starts with an unaborted signal');
    mode = 'untilAbort';
    const third = pipeline.run('request', ctx(), request.signal);
    request.abort(new Error('client closed'));
    assert.equal((await third).verdict?.action, 'allow', 'the guard saw the request abort');
    assert.equal(signals[2]?.aborted, true);
  });

  it('rejects duplicate guard ids', () => {
    assert.throws(
      () =>
        new GuardPipeline([guard('x', () => allow('x')), guard('x', () => allow('x'))], {
          defaultDeadlineMs: 1,
          log,
        }),
    );
  });
});
