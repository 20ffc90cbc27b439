// The second coverage corpus (scripts/corpus/second) is deterministic per seed, labels every family, never
// repeats a text, spans its carriers and 20+ languages, gives document rows a task, pairs every attack family
// with hard negatives, and its encoders and calibration traffic do what they claim.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Draw, fill } from '../scripts/corpus/second/draw.js';
import { base32, ENCODERS } from '../scripts/corpus/second/encodings.js';
import {
  PAIRED_WITH,
  SECOND_ATTACK_FAMILIES,
  SECOND_BENIGN_FAMILIES,
  SECOND_CARRIERS,
  SECOND_HIDDEN_ORDERS,
  secondCalibration,
  secondCorpus,
} from '../scripts/corpus/second/index.js';
import { PLANTED } from '../scripts/corpus/second/indirect.js';
import { WORDS } from '../scripts/corpus/second/payloads.js';

const rows = secondCorpus(11, 120);
const CHAT_LIKE = new Set(['chat', 'system']);

describe('second coverage corpus', () => {
  it('is the same for a seed and differs across seeds', () => {
    assert.deepEqual(secondCorpus(5, 30), secondCorpus(5, 30));
    assert.notDeepEqual(secondCorpus(5, 30), secondCorpus(6, 30));
  });

  it('labels attacks 1 and hard negatives 0, with known families only', () => {
    const attacks = new Set(SECOND_ATTACK_FAMILIES);
    const benign = new Set(SECOND_BENIGN_FAMILIES);
    for (const r of rows) {
      if (r.label === 1) assert.ok(attacks.has(r.family), r.family);
      else assert.ok(r.label === 0 && benign.has(r.family), r.family);
    }
    for (const f of [...attacks, ...benign])
      assert.ok(
        rows.filter((r) => r.family === f).length >= 100,
        `${f} has fewer than 100 rows at perFamily 120`,
      );
  });

  it('never repeats a text and leaves no grammar unexpanded', () => {
    assert.equal(new Set(rows.map((r) => r.text)).size, rows.length);
    const slot = new RegExp(`\\[(?:${[...Object.keys(WORDS), ...Object.keys(PLANTED)].join('|')})\\]|[⟨⟩]`);
    assert.deepEqual(
      rows.filter((r) => slot.test(r.text)).map((r) => r.family),
      [],
    );
  });

  it('uses every carrier, 20+ languages, and gives every document row a task', () => {
    assert.deepEqual(new Set(rows.map((r) => r.carrier)), new Set(SECOND_CARRIERS));
    const langs = new Set(rows.map((r) => r.lang));
    assert.ok(langs.size >= 20, `only ${langs.size} languages`);
    for (const r of rows.filter((r) => !CHAT_LIKE.has(r.carrier ?? 'chat')))
      assert.ok(r.task && r.task.length > 10, `${r.family} in ${r.carrier} has no task`);
    assert.ok(rows.filter((r) => r.family === 'indirect-document').every((r) => r.task));
    const docCarriers = new Set(rows.filter((r) => r.family === 'indirect-document').map((r) => r.carrier));
    assert.ok(docCarriers.size >= 15, `indirect rows in only ${docCarriers.size} carriers`);
  });

  it('pairs every attack family with a hard-negative family that is present', () => {
    const present = new Set(rows.filter((r) => r.label === 0).map((r) => r.family));
    for (const f of SECOND_ATTACK_FAMILIES)
      assert.ok(
        Object.entries(PAIRED_WITH).some(([hn, paired]) => paired === f && present.has(hn)),
        `no hard negatives for ${f}`,
      );
    assert.deepEqual(
      SECOND_BENIGN_FAMILIES.filter((f) => !PAIRED_WITH[f]),
      [],
    );
  });

  it('plants indirect orders as a small part of the document', () => {
    const docs = rows.filter((r) => r.family === 'indirect-document');
    const unaddressed = docs.filter((r) =>
      /=HYPERLINK|Forward this whole thread|Reply-all with the current bank/.test(r.text),
    );
    assert.ok(unaddressed.length > 0, 'no order that never addresses the AI');
    assert.ok(
      docs.some((r) => r.lang !== 'en'),
      'no document addressed in another language',
    );
  });
});

describe('second corpus encoders', () => {
  it('encode what they claim', () => {
    assert.equal(base32('foobar'), 'MZXW6YTBOI======');
    const d = new Draw(3);
    assert.equal(ENCODERS.rot13!(d, 'Ignore me'), 'Vtaber zr');
    assert.equal(ENCODERS.atbash!(d, 'abc xyz'), 'zyx cba');
    assert.equal(ENCODERS.morse!(d, 'sos now'), '... --- ... / -. --- .--');
    assert.equal(ENCODERS.reversed!(d, 'abc'), 'cba');
  });

  it('hides real orders in the base64 attack rows', () => {
    const b64 = rows
      .filter((r) => r.family === 'obfuscation-encoding')
      .flatMap((r) => r.text.match(/[A-Za-z0-9+/]{24,}={0,2}/g) ?? []);
    const decoded = b64.map((x) => Buffer.from(x, 'base64').toString('utf8'));
    assert.ok(decoded.some((t) => SECOND_HIDDEN_ORDERS.includes(t)));
  });

  it('fill expands slots and choices and keeps unknown brackets', () => {
    const d = new Draw(1);
    assert.equal(fill(d, '⟨a|a⟩ [x] ![img](u)', { x: ['⟨b|b⟩'] }), 'a b ![img](u)');
  });
});

describe('second corpus calibration traffic', () => {
  it('is benign, deterministic, of every kind, and leaves out excluded texts', () => {
    const a = secondCalibration(4, 400);
    assert.equal(a.length, 400);
    assert.deepEqual(a, secondCalibration(4, 400));
    assert.ok(a.every((r) => r.label === 0 && r.family === 'calibration'));
    assert.deepEqual(
      new Set(a.map((r) => r.carrier)),
      new Set(['chat', 'system', 'document', 'long-document', 'code', 'multilingual']),
    );
    const drop = new Set(a.slice(0, 40).map((r) => r.text));
    assert.ok(secondCalibration(4, 400, drop).every((r) => !drop.has(r.text)));
  });
});
