import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectorView } from '../detectors/unicode/view.js';
import type { OutputView } from './context.js';
import { allow, block, type Decision, type Redaction, transform } from './decision.js';
import type { PhaseOutcome } from './pipeline.js';
import { applyRedactions, OutputWindow } from './stream-window.js';

/** A response runner that redacts every occurrence of `word`, or blocks when `blockWord` shows. */
function runner(word: string, blockWord?: string) {
  return async (view: OutputView): Promise<PhaseOutcome> => {
    if (blockWord && view.text.includes(blockWord)) {
      const d = block('w', { reason: 'blocked word' });
      return { verdict: d, decisions: [d] };
    }
    const redactions: Redaction[] = [];
    let i = view.text.indexOf(word);
    while (i >= 0) {
      redactions.push({ start: i, end: i + word.length, replacement: '[X]', kind: 'word' });
      i = view.text.indexOf(word, i + 1);
    }
    const d: Decision = redactions.length
      ? transform('w', { changes: ['redacted'], redactions })
      : allow('w');
    return { verdict: d, decisions: [d] };
  };
}

async function streamThrough(text: string, size: number, holdBack: number, word: string, blockWord?: string) {
  const w = new OutputWindow(runner(word, blockWord), holdBack);
  let out = '';
  for (let i = 0; i < text.length; i += size) {
    const step = await w.push(text.slice(i, i + size));
    if (step.blocked) return { out, blocked: true };
    out += step.release;
  }
  const last = await w.finish();
  if (last.blocked) return { out, blocked: true };
  return { out: out + last.release, blocked: false };
}

describe('OutputWindow', () => {
  it('redacts a word split across chunks of every size from 1 to 16', async () => {
    const text = 'alpha SECRETWORD beta gamma SECRETWORD delta';
    for (let size = 1; size <= 16; size++) {
      const { out } = await streamThrough(text, size, 16, 'SECRETWORD');
      assert.equal(out, 'alpha [X] beta gamma [X] delta', `chunk size ${size}`);
    }
  });

  it('never releases text of a blocked output past the hold-back', async () => {
    const text = `${'x'.repeat(50)} FORBIDDEN ${'y'.repeat(50)}`;
    for (let size = 1; size <= 16; size++) {
      const { out, blocked } = await streamThrough(text, size, 16, 'nomatch', 'FORBIDDEN');
      assert.equal(blocked, true);
      assert.ok(!out.includes('FORBIDDEN'), `chunk size ${size}`);
      assert.ok(!out.includes('FORB'), `no prefix leaked at size ${size}`);
    }
  });

  it('releases everything unchanged when nothing matches', async () => {
    const text = 'héllo 👋 wörld, nothing to see here';
    const { out } = await streamThrough(text, 3, 8, 'nomatch');
    assert.equal(out, text);
  });

  it('applyRedactions sorts spans, lets the longer of two with one start win, and skips spans inside another', () => {
    const r = (start: number, end: number, replacement: string) => ({ start, end, replacement, kind: 'k' });
    assert.equal(applyRedactions('abcdefgh', [r(6, 7, '3'), r(0, 1, '1'), r(3, 4, '2')]), '1bc2ef3h');
    assert.equal(applyRedactions('abcdefgh', [r(1, 3, 's'), r(1, 6, 'L')]), 'aLgh');
    assert.equal(applyRedactions('abcdefgh', [r(1, 6, 'L'), r(2, 4, 'i'), r(3, 6, 'e')]), 'aLgh');
    assert.equal(applyRedactions('abcdefgh', [r(6, 20, 'T'), r(1, 2, 'B')]), 'aBcdefT');
    assert.equal(applyRedactions('abc', []), 'abc');
  });

  it('applyRedactions merges overlapping spans', () => {
    assert.equal(
      applyRedactions('abcdefgh', [
        { start: 1, end: 4, replacement: '#', kind: 'a' },
        { start: 3, end: 6, replacement: '#', kind: 'b' },
      ]),
      'a##gh',
    );
  });

  it('tells guards where the text they see starts in the whole output', async () => {
    const whole = 'The quick brown fox jumps over the lazy dog. '.repeat(6);
    for (const size of [1, 5, 13]) {
      let checked = 0;
      const w = new OutputWindow(async (view) => {
        assert.equal(view.text, whole.slice(view.offset, (view.offset ?? 0) + view.text.length));
        checked++;
        return { verdict: undefined, decisions: [] };
      }, 20);
      for (let i = 0; i < whole.length; i += size) await w.push(whole.slice(i, i + size));
      await w.finish();
      assert.ok(checked > 5, `size ${size}`);
    }
  });

  it('counts the hold-back in view characters: invisible padding cannot push a secret head out', async () => {
    const pad = '\u200b'.repeat(40);
    const text = `alpha SEC${pad}RETWORD beta ${'z'.repeat(30)}`;
    // A runner that reads the detectors' view, as the secrets and pii guards do.
    const viewRunner = async (view: OutputView): Promise<PhaseOutcome> => {
      const v = detectorView(view.text);
      const at = v.text.indexOf('SECRETWORD');
      if (at < 0) return { verdict: undefined, decisions: [allow('w')] };
      const span = v.toOriginal(at, at + 'SECRETWORD'.length);
      const d = transform('w', {
        changes: ['redacted'],
        redactions: [{ ...span, replacement: '[X]', kind: 'word' }],
      });
      return { verdict: d, decisions: [d] };
    };
    for (const size of [1, 4, 16]) {
      const w = new OutputWindow(viewRunner, 16);
      let out = '';
      for (let i = 0; i < text.length; i += size) out += (await w.push(text.slice(i, i + size))).release;
      out += (await w.finish()).release;
      assert.equal(out, `alpha [X] beta ${'z'.repeat(30)}`, `chunk size ${size}`);
    }
  });

  it('after a block, or once finished, releases nothing more and asks no guard', async () => {
    let calls = 0;
    const blocking = new OutputWindow(async () => {
      calls++;
      const d = block('w', { reason: 'no' });
      return { verdict: d, decisions: [d] };
    }, 4);
    const ended = await blocking.push('0123456789');
    assert.equal(ended.blocked?.guardId, 'w');
    assert.equal(ended.release, '', 'a blocked output releases nothing more');
    assert.deepEqual(await blocking.push('more text than the hold-back'), { release: '' });
    assert.deepEqual(await blocking.finish('end'), { release: '' });
    assert.equal(calls, 1);
    calls = 0;
    const clean = new OutputWindow(async () => {
      calls++;
      return { verdict: undefined, decisions: [] };
    }, 4);
    assert.deepEqual(await clean.finish('abc'), { release: 'abc' });
    assert.deepEqual(await clean.push('defghijklmnop'), { release: '' });
    assert.deepEqual(await clean.finish('q'), { release: '' });
    assert.equal(calls, 1);
  });

  it('asks the guards once the pending text outgrows the hold-back, naming the choice and the final check', async () => {
    const views: OutputView[] = [];
    const w = new OutputWindow(
      async (v) => {
        views.push({ ...v });
        return { verdict: undefined, decisions: [] };
      },
      5,
      3,
    );
    assert.deepEqual(await w.push('abcde'), { release: '' });
    assert.equal(views.length, 0, 'text that fits in the hold-back is not scanned yet');
    assert.deepEqual(await w.push('f'), { release: 'a' });
    assert.deepEqual(
      views.map((v) => [v.text, v.pendingStart, v.final, v.choiceIndex]),
      [['abcdef', 0, false, 3]],
    );
    assert.deepEqual(await w.finish('g'), { release: 'bcdefg' });
    assert.deepEqual(views[1], { text: 'abcdefg', pendingStart: 1, final: true, choiceIndex: 3, offset: 0 });
  });

  it('keeps the last context characters of released text as left context', async () => {
    const views: OutputView[] = [];
    const w = new OutputWindow(
      async (v) => {
        views.push({ ...v });
        return { verdict: undefined, decisions: [] };
      },
      2,
      0,
      4,
    );
    await w.push('abcdefgh');
    await w.push('ijkl');
    await w.finish();
    assert.deepEqual(
      views.map((v) => [v.text, v.pendingStart, v.offset]),
      [
        ['abcdefgh', 0, 0],
        ['cdefghijkl', 4, 2],
        ['ghijkl', 4, 6],
      ],
    );
  });

  it('records the strongest decision each guard gave over the whole output', async () => {
    const answers: Decision[] = [allow('g'), transform('g', { changes: ['noted'] }), allow('g'), allow('h')];
    let i = 0;
    const w = new OutputWindow(async () => {
      const d = answers[Math.min(i++, answers.length - 1)]!;
      return { verdict: d, decisions: [d] };
    }, 1);
    for (const piece of ['ab', 'cd', 'ef']) await w.push(piece);
    await w.finish();
    const byGuard = Object.fromEntries(w.decisions().map((d) => [d.guardId, d.action]));
    assert.deepEqual(byGuard, { g: 'transform', h: 'allow' });
  });

  it('never splits a surrogate pair between two releases', async () => {
    // A finding still growing from a pair's low half holds the release before the pair: first, last and a
    // middle high surrogate (U+10000, U+10FFFF, U+1F600).
    for (const pair of ['\u{10000}', '😀', '\u{10FFFF}']) {
      const grows = transform('g', {
        changes: ['x'],
        redactions: [{ start: 3, end: 40, replacement: '#', kind: 'x' }],
      });
      let first = true;
      const w = new OutputWindow(async () => {
        const d = first ? grows : allow('g');
        first = false;
        return { verdict: d, decisions: [d] };
      }, 2);
      const step = await w.push(`ab${pair}cdefgh`);
      assert.equal(step.release, 'ab', `the pair ${pair.codePointAt(0)?.toString(16)} is held back whole`);
      assert.equal((await w.finish()).release, `${pair}cdefgh`);
    }
    const low = new OutputWindow(async () => ({ verdict: undefined, decisions: [] }), 1);
    assert.equal(
      (await low.push('ab\udc00c')).release,
      'ab\udc00',
      'a lone low surrogate is no pair to keep',
    );
    const cut = new OutputWindow(async () => ({ verdict: undefined, decisions: [] }), 1);
    await cut.push('abc');
    assert.equal((await cut.finish('\ud83d')).release, 'c\ud83d', 'the end releases a cut pair too');
  });

  it('keeps left context of at least 64 characters, or the hold-back when longer', async () => {
    for (const [holdBack, context] of [
      [2, 64],
      [80, 80],
    ] as const) {
      const starts: number[] = [];
      const w = new OutputWindow(async (v) => {
        starts.push(v.pendingStart);
        return { verdict: undefined, decisions: [] };
      }, holdBack);
      await w.push('x'.repeat(300));
      await w.finish('y');
      assert.deepEqual(starts, [0, context], `hold-back ${holdBack}`);
    }
  });

  it('applies only what a transform redacts: an empty span or a redaction on another action changes nothing', async () => {
    const odd: Decision[] = [
      transform('t', { changes: ['x'], redactions: [{ start: 2, end: 2, replacement: '#', kind: 'x' }] }),
      transform('u', { changes: ['x'], redactions: [{ start: 4, end: 3, replacement: '#', kind: 'x' }] }),
      { ...allow('a'), redactions: [{ start: 0, end: 3, replacement: '#', kind: 'x' }] } as never,
    ];
    const w = new OutputWindow(async () => ({ verdict: odd[0], decisions: odd }), 2);
    assert.equal((await w.push('abcdefgh')).release, 'abcdef');
    assert.equal((await w.finish()).release, 'gh');
  });

  it('settles a finding that ends where the window ends, and never applies one that starts past the release', async () => {
    const fixed = (redactions: Redaction[]) => {
      let first = true;
      return async (): Promise<PhaseOutcome> => {
        const d: Decision = first ? transform('x', { changes: ['x'], redactions }) : allow('x');
        first = false;
        return { verdict: d, decisions: [d] };
      };
    };
    // 'abcdefgh' with a hold-back of 2: the settled part ends at 6.
    const atEdge = new OutputWindow(fixed([{ start: 4, end: 6, replacement: '#', kind: 'x' }]), 2);
    assert.equal((await atEdge.push('abcdefgh')).release, 'abcd#');
    // A finding still growing from 3 holds the release there; a settled one from 3 waits with it.
    const held = new OutputWindow(
      fixed([
        { start: 3, end: 9, replacement: '#', kind: 'grow' },
        { start: 3, end: 5, replacement: '*', kind: 'short' },
      ]),
      2,
    );
    assert.equal((await held.push('abcdefgh')).release, 'abc');
    assert.equal((await held.finish()).release, 'defgh');
  });

  it('holds back a finding that may still grow, then redacts it whole', async () => {
    // A runner that redacts a run of X's wherever it ends: it may grow while the run reaches the window's end.
    const run = async (view: OutputView): Promise<PhaseOutcome> => {
      const redactions: Redaction[] = [];
      for (const m of view.text.matchAll(/X+/g))
        redactions.push({ start: m.index, end: m.index + m[0].length, replacement: '#', kind: 'x' });
      const d: Decision = redactions.length ? transform('x', { changes: ['x'], redactions }) : allow('x');
      return { verdict: d, decisions: [d] };
    };
    const w = new OutputWindow(run, 2);
    const a = await w.push('abXXXX');
    assert.equal(a.release, 'ab', 'the run touches the window end: held back whole');
    const b = await w.push('XXcdefgh');
    assert.equal(b.release, '#cdef');
    assert.equal((await w.finish()).release, 'gh');
  });
});
