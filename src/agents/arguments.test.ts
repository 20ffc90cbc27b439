import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readParsedArguments, readToolArguments } from './arguments.js';

const refused = (raw: string) => {
  const r = readToolArguments(raw);
  assert.equal(r.kind, 'refused', `${raw} should be refused`);
  return r.kind === 'refused' ? r.reason : '';
};

describe('readToolArguments', () => {
  it('reads a JSON object and "" (tools without parameters) as {}', () => {
    assert.deepEqual(readToolArguments('{"id": "1", "n": [1, 2.5, {"x": null}]}'), {
      kind: 'object',
      value: { id: '1', n: [1, 2.5, { x: null }] },
    });
    assert.deepEqual(readToolArguments(''), { kind: 'object', value: {} });
    assert.deepEqual(readToolArguments('  '), { kind: 'object', value: {} });
  });

  it('refuses duplicate keys at any depth, which parsers resolve differently', () => {
    assert.match(refused('{"amount":5000,"amount":50}'), /duplicate key/);
    assert.match(refused('{"id":"2","id":"1"}'), /duplicate key/);
    assert.match(refused('{"a":{"b":1,"b":2}}'), /duplicate key/);
    assert.match(
      refused('{"a":[{"b":1,"\\u0062":2}]}'),
      /duplicate key/,
      'escaped spellings are the same key',
    );
  });

  it('refuses anything but an object', () => {
    for (const raw of ['[1]', '"x"', '5', 'null', 'true']) assert.match(refused(raw), /not a JSON object/);
  });

  it('refuses numbers that do not round-trip exactly, and keeps those that do', () => {
    assert.match(refused('{"n":12345678901234567890}'), /round-trip/);
    assert.match(refused('{"n":1e400}'), /round-trip/);
    assert.match(refused('{"n":0.10000000000000000555}'), /round-trip/);
    const ok = readToolArguments('{"a":1.0,"b":1e2,"c":-0.5,"d":0.1,"e":9007199254740991,"f":-0}');
    assert.deepEqual(ok, {
      kind: 'object',
      value: { a: 1, b: 100, c: -0.5, d: 0.1, e: 9007199254740991, f: -0 },
    });
  });

  it('refuses lone surrogates and invalid JSON', () => {
    assert.match(refused('{"a":"\\ud800"}'), /well-formed/);
    for (const raw of ['{"a":', "{'a':1}", '{"a":1,}', '{"a":01}', '{"a":1} x', '{"a":"\u0001"}'])
      assert.match(refused(raw), /not valid JSON/);
  });

  it('keeps a key named __proto__ as an ordinary property', () => {
    const r = readToolArguments('{"__proto__":{"admin":true}}');
    assert.equal(r.kind, 'object');
    if (r.kind !== 'object') return;
    assert.deepEqual(Object.keys(r.value), ['__proto__']);
    assert.equal((r.value as { admin?: unknown }).admin, undefined);
  });

  it('agrees with JSON.parse on every object without duplicates (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const text = JSON.stringify(obj);
        const r = readToolArguments(text);
        assert.deepEqual(r, { kind: 'object', value: JSON.parse(text) });
      }),
    );
  });
});

describe('readParsedArguments', () => {
  it('applies the same rules to already parsed arguments', () => {
    assert.equal(readParsedArguments({ a: 1 }).kind, 'object');
    assert.equal(readParsedArguments(undefined).kind, 'object');
    assert.equal(readParsedArguments([1]).kind, 'refused');
    assert.equal(readParsedArguments({ a: '\ud800' }).kind, 'refused');
  });
});
