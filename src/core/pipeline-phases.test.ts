// The pipeline beyond the request phase: phases kept apart, stage order, hold-back, observers, logs and the exact
// fail-closed decisions (reasons and messages), found by mutation testing.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { GuardContext } from './context.js';
import { allow, block, type Decision, transform } from './decision.js';
import type { Guard } from './guard.js';
import { GuardPipeline } from './pipeline.js';

function capture(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { log: pino({ level: 'trace' }, sink), lines };
}

const quiet = pino({ level: 'silent' });

function ctx(): GuardContext {
  return {
    requestId: 'r1',
    route: 'chat',
    principal: { id: 'p', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
    state: new Map(),
    log: quiet,
  };
}

function guard(id: string, check: Guard['check'], extra: Partial<Guard> = {}): Guard {
  return { id, phase: 'request', tags: [], failMode: 'closed', check, ...extra };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('GuardPipeline phases and stages', () => {
  it('runs each phase with its own guards only, and knows which phases have any', async () => {
    const ran: string[] = [];
    const mark = (id: string, phase: Guard['phase']) =>
      guard(
        id,
        () => {
          ran.push(id);
          return allow(id);
        },
        { phase },
      );
    const p = new GuardPipeline([mark('req', 'request'), mark('res', 'response'), mark('tool', 'toolCall')], {
      defaultDeadlineMs: 100,
      log: quiet,
    });
    for (const phase of ['request', 'response', 'toolCall'] as const) {
      ran.length = 0;
      const out = await p.run(phase, ctx());
      assert.deepEqual(ran, [{ request: 'req', response: 'res', toolCall: 'tool' }[phase]]);
      assert.equal(out.decisions.length, 1);
      assert.equal(out.decisions[0]!.phase, phase);
      assert.equal(p.has(phase), true);
    }
    const only = new GuardPipeline([mark('req2', 'request')], { defaultDeadlineMs: 100, log: quiet });
    assert.equal(only.has('response'), false);
    assert.equal(only.has('toolCall'), false);
    const none = await only.run('toolCall', ctx());
    assert.deepEqual(none, { verdict: undefined, decisions: [] });
  });

  it('orders stages numerically (negative first, unset as 0) in the request and tool-call phases', async () => {
    for (const phase of ['request', 'toolCall'] as const) {
      const order: string[] = [];
      const at = (id: string, stage?: number) =>
        guard(
          id,
          () => {
            order.push(id);
            return allow(id);
          },
          { phase, ...(stage === undefined ? {} : { stage }) },
        );
      await new GuardPipeline([at('ten', 10), at('minus', -10), at('unset'), at('two', 2)], {
        defaultDeadlineMs: 100,
        log: quiet,
      }).run(phase, ctx());
      assert.deepEqual(order, ['minus', 'unset', 'two', 'ten'], phase);
    }
  });

  it('response guards run as one stage, whatever their stage, and their patches are not applied', async () => {
    let patched = false;
    const seen: string[] = [];
    const t = guard(
      't',
      () => {
        seen.push('t');
        return transform('t', {
          changes: ['x'],
          patch: () => {
            patched = true;
          },
        });
      },
      { phase: 'response', stage: 5 },
    );
    const b = guard(
      'b',
      () => {
        seen.push('b');
        return block('b', { reason: 'no' });
      },
      { phase: 'response', stage: -5 },
    );
    const out = await new GuardPipeline([t, b], { defaultDeadlineMs: 100, log: quiet }).run(
      'response',
      ctx(),
    );
    assert.deepEqual(seen.sort(), ['b', 't'], 'both ran although one blocks: one stage');
    assert.equal(out.verdict?.guardId, 'b');
    assert.equal(patched, false);
  });

  it('response transforms are never patched into the context, even when nothing blocks', async () => {
    let patched = false;
    const t = guard(
      't',
      () =>
        transform('t', {
          changes: ['x'],
          patch: () => {
            patched = true;
          },
        }),
      { phase: 'response' },
    );
    const out = await new GuardPipeline([t], { defaultDeadlineMs: 100, log: quiet }).run('response', ctx());
    assert.equal(out.verdict?.action, 'transform');
    assert.equal(patched, false);
  });

  it('a failed patch is judged by the fail mode of the guard that made it', async () => {
    const soft = guard('soft', () => allow('soft'), { failMode: 'open' });
    const hard = guard('hard', () =>
      transform('hard', {
        changes: ['x'],
        patch: () => {
          throw new Error('x');
        },
      }),
    );
    const out = await new GuardPipeline([soft, hard], { defaultDeadlineMs: 100, log: quiet }).run(
      'request',
      ctx(),
    );
    assert.equal(out.verdict?.action, 'block');
    assert.equal(out.verdict?.guardId, 'hard');
  });

  it('a synchronous throw in a fail-open guard allows with an error reason', async () => {
    const g = guard(
      'g',
      () => {
        throw new TypeError('x');
      },
      { failMode: 'open' },
    );
    const out = await new GuardPipeline([g], { defaultDeadlineMs: 100, log: quiet }).run('request', ctx());
    assert.equal(out.verdict?.action, 'allow');
    assert.equal(out.verdict?.reason, 'error: TypeError (failed open)');
    const asyncG = guard('a', async () => ({}) as never, { failMode: 'open' });
    const asyncOut = await new GuardPipeline([asyncG], { defaultDeadlineMs: 100, log: quiet }).run(
      'request',
      ctx(),
    );
    assert.equal(asyncOut.verdict?.reason, 'error: guard returned no decision (failed open)');
    const rejects = guard('r', () => Promise.reject(new RangeError('x')), { failMode: 'open' });
    const rejOut = await new GuardPipeline([rejects], { defaultDeadlineMs: 100, log: quiet }).run(
      'request',
      ctx(),
    );
    assert.equal(rejOut.verdict?.reason, 'error: RangeError (failed open)');
  });

  it('holds back the longest span of any response guard, never a request guard', () => {
    const p = new GuardPipeline(
      [
        guard('a', () => allow('a'), { phase: 'response', holdBack: 40 }),
        guard('b', () => allow('b'), { phase: 'response', holdBack: 90 }),
        guard('c', () => allow('c'), { phase: 'response' }),
        guard('d', () => allow('d'), { phase: 'request', holdBack: 500 }),
      ],
      { defaultDeadlineMs: 100, log: quiet },
    );
    assert.equal(p.holdBack, 90);
    assert.equal(new GuardPipeline([], { defaultDeadlineMs: 100, log: quiet }).holdBack, 0);
  });

  it('a transform without a patch is kept as is, a later guard still runs', async () => {
    let later = false;
    const out = await new GuardPipeline(
      [
        guard('t', () => transform('t', { changes: ['noted'] })),
        guard(
          'l',
          () => {
            later = true;
            return allow('l');
          },
          { stage: 1 },
        ),
      ],
      { defaultDeadlineMs: 100, log: quiet },
    ).run('request', ctx());
    assert.equal(out.verdict?.action, 'transform');
    assert.equal(later, true);
  });

  it('a throwing patch of a fail-open guard allows, logs and goes on', async () => {
    const { log, lines } = capture();
    let later = false;
    const t = guard(
      't',
      () =>
        transform('t', {
          changes: ['x'],
          patch: () => {
            throw new Error('nope');
          },
        }),
      { failMode: 'open' },
    );
    const l = guard(
      'l',
      () => {
        later = true;
        return allow('l');
      },
      { stage: 1 },
    );
    const out = await new GuardPipeline([t, l], { defaultDeadlineMs: 100, log }).run('request', ctx());
    assert.equal(later, true, 'a fail-open patch failure does not stop the run');
    const failed = out.decisions.find((d) => d.status === 'error');
    assert.equal(failed?.action, 'allow');
    assert.equal(failed?.reason, 'error: patch failed (failed open)');
    assert.ok(lines.some((l) => l.msg === 'guard patch failed' && l.guardId === 't' && l.err === 'Error'));
  });

  it('closes every guard that holds resources', async () => {
    const closed: string[] = [];
    const p = new GuardPipeline(
      [
        guard('a', () => allow('a'), {
          close: async () => {
            closed.push('a');
          },
        }),
        guard('b', () => allow('b')),
      ],
      { defaultDeadlineMs: 100, log: quiet },
    );
    await p.close();
    assert.deepEqual(closed, ['a']);
  });

  it('names the duplicate guard id', () => {
    assert.throws(
      () =>
        new GuardPipeline([guard('x', () => allow('x')), guard('x', () => allow('x'))], {
          defaultDeadlineMs: 1,
          log: quiet,
        }),
      /duplicate guard id 'x'/,
    );
  });
});

describe('GuardPipeline failure decisions', () => {
  const run = async (g: Guard, log = quiet) =>
    (await new GuardPipeline([g], { defaultDeadlineMs: 30, log }).run('request', ctx()))
      .verdict as Decision & {
      code?: string;
      message?: string;
      httpStatus?: number;
    };

  it('a thrown error becomes a 503 block naming the guard and the error class (and its code), not its text', async () => {
    const err = Object.assign(new Error('secret'), { code: 'ECONNRESET' });
    const d = await run(
      guard('g', () => {
        throw err;
      }),
    );
    assert.equal(d.reason, 'Error (ECONNRESET)');
    assert.equal(d.httpStatus, 503);
    assert.equal(d.message, 'Guard g failed (Error (ECONNRESET)); the request was blocked (fail closed)');
    const thrownString = await run(
      guard('s', () => {
        throw 'text';
      }),
    );
    assert.equal(thrownString.reason, 'string');
    const rejected = await run(guard('r', () => Promise.reject(new RangeError('x'))));
    assert.equal(rejected.reason, 'RangeError');
  });

  it('a timeout becomes a 503 block with its deadline, and the guard signal is aborted', async () => {
    let signal: AbortSignal | undefined;
    const d = await run(
      guard('slow', (_c, s) => {
        signal = s;
        return new Promise<Decision>(() => {});
      }),
    );
    assert.equal(d.code, 'WARDEN_GUARD_TIMEOUT');
    assert.equal(d.reason, 'deadline of 30 ms exceeded');
    assert.equal(
      d.message,
      'Guard slow exceeded its deadline of 30 ms; the request was blocked (fail closed)',
    );
    assert.equal(signal?.aborted, true);
  });

  it('a closed timeout aborts the signal with a reason saying so', async () => {
    let signal: AbortSignal | undefined;
    await run(
      guard('slow', (_c, s) => {
        signal = s;
        return new Promise<Decision>(() => {});
      }),
    );
    assert.ok(signal?.reason instanceof Error);
    assert.equal((signal.reason as Error).message, 'deadline exceeded');
  });

  it('a guard that answers in time leaves no deadline behind to abort a later stage', async () => {
    let laterAborted: boolean | undefined;
    const quick = guard('quick', async () => allow('quick'), { deadlineMs: 10 });
    const later = guard(
      'later',
      (_c, s) =>
        new Promise<Decision>((resolve) =>
          setTimeout(() => {
            laterAborted = s.aborted;
            resolve(allow('later'));
          }, 80),
        ),
      { stage: 1, deadlineMs: 5_000 },
    );
    const out = await new GuardPipeline([quick, later], { defaultDeadlineMs: 5_000, log: quiet }).run(
      'request',
      ctx(),
    );
    assert.equal(laterAborted, false, "the first stage's deadline was cleared when it answered");
    assert.equal(out.verdict?.action, 'allow');
  });

  it('only a transform decision has its patch applied (a patch on another action is ignored)', async () => {
    let patched = false;
    const patch = () => {
      patched = true;
    };
    const odd = guard('odd', () => ({ ...allow('odd'), patch }) as never);
    const out = await new GuardPipeline([odd], { defaultDeadlineMs: 100, log: quiet }).run('request', ctx());
    assert.equal(out.verdict?.action, 'allow');
    assert.equal(patched, false);
  });

  it('a fail-open timeout allows without aborting the shared signal', async () => {
    let signal: AbortSignal | undefined;
    const d = await run(
      guard(
        'soft',
        (_c, s) => {
          signal = s;
          return new Promise<Decision>(() => {});
        },
        { failMode: 'open' },
      ),
    );
    assert.equal(d.action, 'allow');
    assert.equal(d.reason, 'timeout: deadline of 30 ms exceeded (failed open)');
    assert.equal(signal?.aborted, false);
  });

  it('anything but a decision object is an error: null, a string, an object without an action, a function', async () => {
    const fn = Object.assign(() => {}, { action: 'allow' });
    for (const bad of [null, 'allow', { guardId: 'g' }, { action: 1 }, fn]) {
      const d = await run(guard('g', () => bad as never));
      assert.equal(d.action, 'block', JSON.stringify(bad));
      assert.equal(d.reason, 'guard returned no decision');
      const asyncBad = await run(guard('g', async () => bad as never));
      assert.equal(asyncBad.reason, 'guard returned no decision');
    }
  });

  it('logs a failed guard once, closed or open, with its id and phase; an ok decision is not logged', async () => {
    const { log, lines } = capture();
    await run(
      guard('c', () => {
        throw new Error('x');
      }),
      log,
    );
    await run(
      guard(
        'o',
        () => {
          throw new Error('x');
        },
        { failMode: 'open' },
      ),
      log,
    );
    await run(
      guard('fine', () => allow('fine')),
      log,
    );
    await flush();
    const warned = lines.filter((l) => l.level === 40);
    assert.deepEqual(
      warned.map((l) => [l.msg, l.guardId, l.phase, l.failMode, l.action]),
      [
        ['guard failed closed', 'c', 'request', 'closed', 'block'],
        ['guard failed open (configured failMode: open)', 'o', 'request', 'open', 'allow'],
      ],
    );
  });

  it('tells the observer every decision, with its guard, phase and a consistent latency', async () => {
    const seen: Decision[] = [];
    const p = new GuardPipeline(
      [guard('a', () => allow('a')), guard('b', async () => block('b', { reason: 'n' }))],
      {
        defaultDeadlineMs: 100,
        log: quiet,
        observer: { onDecision: (_g, d) => seen.push(d) },
      },
    );
    await p.run('request', ctx());
    assert.deepEqual(seen.map((d) => [d.guardId, d.phase]).sort(), [
      ['a', 'request'],
      ['b', 'request'],
    ]);
    for (const d of seen) {
      const { startedAt, latencyMs } = d as Decision & { startedAt: number; latencyMs: number };
      assert.ok(latencyMs >= 0 && latencyMs <= performance.now() - startedAt, `${latencyMs}`);
    }
  });

  it('one request signal gives its guards one signal across runs until it is aborted', async () => {
    const signals: AbortSignal[] = [];
    const p = new GuardPipeline(
      [
        guard('a', (_c, s) => {
          signals.push(s);
          return allow('a');
        }),
      ],
      { defaultDeadlineMs: 100, log: quiet },
    );
    const request = new AbortController();
    await p.run('request', ctx(), request.signal);
    await p.run('request', ctx(), request.signal);
    assert.equal(signals[0], signals[1]);
    request.abort(new Error('client gone'));
    assert.equal(signals[0]!.aborted, true, 'the request abort reaches the guards');
    await p.run('request', ctx());
    assert.notEqual(signals[2], signals[0]);
  });
});
