// The forms of a held secret: each base64 alignment's stable core is found inside any text that encodes the secret
// with unknown neighbours, hex in both cases, URL-encoding, and the spelled-out patterns (whole and as a stream's
// prefix). Expected values are computed here from Buffer's own base64, never from the module under test.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { secretForms, spelledPrefixPattern, spelledSecretPattern } from './encodings.js';

const b64 = (b: Buffer) => b.toString('base64');
const b64url = (b: Buffer) => b.toString('base64url');
const encoded = (held: string) =>
  secretForms([held])
    .filter((f) => f.kind === 'held-secret-encoded')
    .map((f) => f.needle);

/** base64 of the secret with `before` and `after` random bytes around it, standard and URL-safe. */
function wrapped(secret: string, before: number, after: number): string[] {
  const b = Buffer.concat([randomBytes(before), Buffer.from(secret, 'utf8'), randomBytes(after)]);
  return [b64(b), b64url(b)];
}

describe('secretForms', () => {
  const secret = 'sk-live-9f>>?x~~~Q7/+abc'; // base64 of it holds '+' and '/' at some alignment

  it('finds the secret base64-encoded at every byte alignment, whatever surrounds it', () => {
    const needles = encoded(secret);
    for (let before = 0; before < 7; before++)
      for (let after = 0; after < 4; after++)
        for (let trial = 0; trial < 5; trial++)
          for (const text of wrapped(secret, before, after))
            assert.ok(
              needles.some((n) => text.includes(n)),
              `before ${before}, after ${after}: no form found in the encoding`,
            );
  });

  it('keeps every base64 core long: only the characters the neighbours touch are dropped', () => {
    const s = 'correct-horse-battery-staple-42'; // 31 bytes
    const plain = b64(Buffer.from(s));
    // Alignment 0 starts with the secret's own first characters and loses only the last three.
    assert.ok(encoded(s).includes(plain.replace(/=+$/, '').slice(0, -3)), 'alignment 0 core');
    const cores = encoded(s).filter((n) => /^[A-Za-z0-9+/]+$/.test(n) && !/^[0-9a-f]+$/i.test(n));
    for (const c of cores)
      assert.ok(c.length >= Math.floor((4 * 31) / 3) - 6, `core ${c.length} is too short`);
  });

  it('gives URL-safe twins of the cores that hold + or /', () => {
    const needles = encoded(secret);
    const standard = needles.filter((n) => /[+/]/.test(n));
    assert.ok(standard.length > 0, 'the fixture has + or / in a core');
    for (const n of standard) assert.ok(needles.includes(n.replace(/\+/g, '-').replace(/\//g, '_')), n);
  });

  it('adds lower- and upper-case hex and the URL encoding; nothing else', () => {
    const s = 'Pa$$ word/42!';
    const hex = Buffer.from(s).toString('hex');
    const needles = encoded(s);
    assert.ok(needles.includes(hex));
    assert.ok(needles.includes(hex.toUpperCase()));
    assert.ok(needles.includes(encodeURIComponent(s)));
    const aligned = [0, 1, 2].flatMap((a) => {
      const e = Buffer.concat([Buffer.alloc(a), Buffer.from(s)]);
      return [b64(e), b64url(e)];
    });
    for (const n of needles)
      assert.ok(
        n === hex ||
          n === hex.toUpperCase() ||
          n === encodeURIComponent(s) ||
          aligned.some((e) => e.includes(n)),
        `unexpected form ${n}`,
      );
    assert.deepEqual(
      secretForms([s]).filter((f) => f.kind === 'held-secret'),
      [{ needle: s, kind: 'held-secret' }],
    );
  });

  it('takes base64 cores from 12 characters: an 11-byte secret has one, an 8-byte secret none', () => {
    const eleven = 'abcdefghijk';
    const core = b64(Buffer.from(eleven)).slice(0, 12);
    assert.ok(encoded(eleven).includes(core), 'a 12-character core is kept');
    const eight = 'abcdefgh';
    const hex = Buffer.from(eight).toString('hex');
    assert.deepEqual(new Set(encoded(eight)), new Set([hex, hex.toUpperCase()]), 'no short core');
  });

  it('ignores secrets under 8 characters', () => {
    assert.deepEqual(secretForms(['short77']), []);
    assert.equal(secretForms(['eight888']).length > 0, true);
  });
});

describe('spelled-out secrets', () => {
  it('matches each held secret of 8+ characters spelled with separators, alone or among others', () => {
    const re = spelledSecretPattern(['eight888', 'hunter2hunter2']);
    assert.ok(re);
    for (const text of ['e-i-g-h-t-8-8-8', 'h u n t e r 2 h u n t e r 2', 'hu.nt.er.2h.un.te.r2'])
      assert.ok(new RegExp(re.source, re.flags).test(`see ${text} here`), text);
    assert.equal(new RegExp(re.source).test('e-i-g-h-t-8-8-9'), false);
    assert.equal(spelledSecretPattern(['short77']), undefined);
  });

  it("matches a stream's spelled prefix of 4 characters up to the whole secret, for each secret", () => {
    const re = spelledPrefixPattern(['eight888', 'hunter2hunter2']);
    assert.ok(re);
    for (const end of ['e-i-g-h', 'e-i-g-h-t-8-8-', 'h u n t', 'h u n t e r 2 h u n t e r '])
      assert.ok(re.test(`so it is ${end}`), end);
    assert.equal(re.test('e-i-g'), false, 'three characters');
    assert.equal(re.test('e-i-g-h and more'), false, 'only at the end');
    assert.equal(spelledPrefixPattern(['short77']), undefined, 'under 8 characters');
  });
});
