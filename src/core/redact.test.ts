import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readableExcerpt, recordableName, redactExcerpt } from './redact.js';

/** Every run of 4+ digits in the clear text must be gone from the excerpt. */
function assertNoDigitGroups(excerpt: string, clear: string): void {
  for (const group of clear.match(/\d{3,}/g) ?? []) {
    assert.ok(!excerpt.includes(group), `"${group}" shown in ${JSON.stringify(excerpt)}`);
  }
}

describe('redactExcerpt', () => {
  it('never shows a card number written in short groups', () => {
    const card = '4532 0151 1283 0366';
    const out = redactExcerpt(`please charge my card ${card} today`);
    assertNoDigitGroups(out, card);
    assert.match(out, /\[payment-card\]/);
  });

  it('masks card numbers that fail Luhn and phone numbers without context', () => {
    for (const clear of ['4532 0151 1283 0367', '555 123 4567', '+44 20 7946 0958', '(212) 555-0199']) {
      const out = redactExcerpt(`details: ${clear} end`);
      assertNoDigitGroups(out, clear);
    }
  });

  it('finds a card number that crosses the excerpt cut', () => {
    const card = '4532 0151 1283 0366';
    const text = `${'a '.repeat(37)}${card}`;
    const out = redactExcerpt(text, 80);
    assertNoDigitGroups(out, card);
  });

  it('replaces credentials by their kind, however short the surrounding tokens are', () => {
    const key = 'AKIAIOSFODNN7EXAMPLQ';
    const out = redactExcerpt(`use key ${key} and password: hunter2x9 now`);
    assert.ok(!out.includes('AKIA'));
    assert.ok(!out.includes('hunter'));
    // The kind is named, not a masked shape of the value (first and last characters give away too much).
    assert.match(out, /\[aws-access-key-id\]/);
    assert.match(out, /\[credential-in-context\]/);
  });

  it('keeps generic masking of long words and leaves short words readable', () => {
    const out = redactExcerpt('the weather tomorrow is fine');
    assert.match(out, /^the we\*+r to\*+w is fine$/);
  });

  it('truncates long text', () => {
    const out = redactExcerpt('word '.repeat(100), 40);
    assert.ok(out.endsWith('…'));
    assert.ok(out.length <= 41);
  });
});

describe('recordableName', () => {
  it('keeps model names as they are', () => {
    for (const m of [
      'gpt-4o-mini',
      'meta-llama/Llama-3.1-8B-Instruct',
      'ft:gpt-4o-mini-2024-07-18:acme::9xYz',
    ]) {
      assert.equal(recordableName(m), m);
    }
  });

  it('never keeps a secret pasted into a name field', () => {
    const secrets = [
      'wdn_abcdefghijkl_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij0123',
      'sk-proj-Abc123Def456Ghi789Jkl012Mno345',
      'x8F2kQ9mZ4vT7pL1sR6wY3nB5cH0dJ',
      'model with spaces 4532 0151 1283 0366',
    ];
    for (const s of secrets) {
      const out = recordableName(s);
      assert.ok(!out.includes(s.slice(6, 16)), `${s} -> ${out}`);
    }
  });

  it('never keeps a name that holds a secret Warden holds, however name-like', () => {
    const held = 'upstreamkeyletters';
    assert.equal(recordableName(`gpt-${held}`), `gpt-${held}`, 'name-like without the held list');
    const out = recordableName(`gpt-${held}`, [held]);
    assert.notEqual(out, `gpt-${held}`);
    assert.ok(!out.includes(held.slice(2, 12)), out);
    assert.equal(recordableName('gpt-4o-mini', [held, '']), 'gpt-4o-mini');
  });

  it('answers the same for a value seen before (the verdict per value is remembered, the held list is not)', () => {
    const secret = 'sk-proj-Abc123Def456Ghi789Jkl012Mno345';
    for (let i = 0; i < 3; i++) {
      assert.ok(!recordableName(secret).includes('Abc123Def4'));
      assert.equal(recordableName('gpt-4o-mini'), 'gpt-4o-mini');
      assert.notEqual(recordableName('gpt-4o-mini', ['4o-mini']), 'gpt-4o-mini');
    }
    const long = `gpt-${'a'.repeat(120)}`;
    assert.notEqual(recordableName(long), long, 'past 100 characters a value is never a name');
  });
});

describe('redactExcerpt (property)', () => {
  /** A Luhn-valid 16-digit number starting with 4 (a Visa-shaped card). */
  const card = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }).map((body) => {
    const digits = [4, ...body];
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      const d = digits[digits.length - 1 - i]!;
      const v = i % 2 === 0 ? d * 2 : d;
      sum += v > 9 ? v - 9 : v;
    }
    return [...digits, (10 - (sum % 10)) % 10].join('');
  });
  const words = fc.array(fc.constantFrom('pay', 'card', 'my', 'is', 'ok', 'number', 'thanks', 'a'), {
    maxLength: 30,
  });

  it('never shows four digits of a card in a row, however it is grouped and wherever it sits', () => {
    fc.assert(
      fc.property(
        card,
        fc.constantFrom(' ', '-', ''),
        fc.constantFrom(4, 3, 2),
        words,
        words,
        (c, sep, g, pre, post) => {
          const grouped = (c.match(new RegExp(`.{1,${g}}`, 'g')) ?? []).join(sep);
          const out = redactExcerpt(`${pre.join(' ')} ${grouped} ${post.join(' ')}`);
          for (let i = 0; i + 4 <= c.length; i++)
            assert.ok(!out.replace(/\D/g, '').includes(c.slice(i, i + 4)), out);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('readableExcerpt', () => {
  it('masks what the secret and PII detectors find and long digit runs, and nothing else', () => {
    const key = 'sk-live-Qm7Zr2Kx9Lp4Vt8Nb3Hd6Wf1';
    const text = `Please call delete_user for alice@acme-mail.org with ${key} and card 4532 0151 1283 0366`;
    const out = readableExcerpt(text, 200);
    assert.ok(out.startsWith('Please call delete_user for '), out);
    assert.ok(!out.includes('alice@acme-mail.org') && !out.includes(key), out);
    assertNoDigitGroups(out, '4532 0151 1283 0366');
    assert.match(out, /\[[a-z-]+\]/);
  });

  it('never shows a card or a digit run, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (before, after) => {
        const card = '4532 0151 1283 0366';
        assertNoDigitGroups(readableExcerpt(`${before} ${card} ${after}`, 300), card);
      }),
      { numRuns: 200 },
    );
  });

  it('truncates to the limit', () => {
    const out = readableExcerpt('word '.repeat(100), 40);
    assert.equal(out.length, 41);
    assert.ok(out.endsWith('…'));
  });
});
