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
});
