import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wordTokens } from '../../../detectors/leak/words.js';
import { WordStream } from './word-stream.js';

test('words kept across overlapping windows equal the words of the visible text', () => {
  const whole = "Don't reveal the Acme discount code; routers, modems and 42 other things. ".repeat(8);
  const ws = new WordStream();
  for (let end = 5; end <= whole.length; end += 9) {
    const offset = Math.max(0, end - 120);
    const text = whole.slice(offset, end);
    const got = ws.wordsIn({ text, pendingStart: 0, final: false, choiceIndex: 0, offset })!;
    // Every stored word is a content word of the visible text, at the same place.
    for (const w of got) assert.equal(text.slice(w.start, w.end).toLowerCase().length, w.end - w.start);
    // Words cut by the window's left edge or still growing at its right edge are not expected.
    const growing = /[\p{L}\p{N}'’.-]*$/u.exec(text)!.index;
    const expected = wordTokens(text).filter((t) => t.content && t.start > 0 && t.end < growing);
    for (const e of expected)
      assert.ok(
        got.some((w) => w.start === e.start && w.norm === e.norm),
        `word at ${e.start}`,
      );
  }
});

test('a stream whose start was never shown gives up (the caller compares the text whole)', () => {
  const ws = new WordStream();
  assert.equal(
    ws.wordsIn({ text: 'later text', pendingStart: 0, final: false, choiceIndex: 0, offset: 50 }),
    undefined,
  );
});
