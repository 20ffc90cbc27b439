import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { formatContent, valueFromSchema } from './structured.js';

const schema = {
  type: 'object',
  properties: {
    id: { type: 'integer', minimum: 10, maximum: 20 },
    score: { type: 'number', minimum: 0, maximum: 1 },
    ok: { type: 'boolean' },
    kind: { type: 'string', enum: ['a', 'b', 'c'] },
    note: { anyOf: [{ type: 'string', maxLength: 5 }, { type: 'null' }] },
    tags: { type: 'array', items: { type: 'string' }, minItems: 3 },
    owner: { $ref: '#/$defs/person' },
    when: { type: ['string', 'null'], format: 'date-time' },
  },
  required: ['id', 'score', 'ok', 'kind', 'note', 'tags', 'owner', 'when'],
  additionalProperties: false,
  $defs: {
    person: {
      type: 'object',
      properties: { name: { type: 'string', minLength: 2 }, age: { type: 'integer' } },
      required: ['name', 'age'],
      additionalProperties: false,
    },
  },
};

describe('simulator structured output', () => {
  it('produces a deterministic value valid against a strict-mode schema', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    for (const seed of ['one', 'two', 'three']) {
      const v = valueFromSchema(schema, seed, 'the prose answer');
      assert.ok(validate(v), JSON.stringify(validate.errors));
      assert.deepEqual(valueFromSchema(schema, seed, 'the prose answer'), v);
    }
  });

  it('json_object wraps the answer in an object; text leaves it alone', () => {
    assert.deepEqual(JSON.parse(formatContent('hi', { type: 'json_object' }, 's')), { answer: 'hi' });
    assert.equal(formatContent('hi', { type: 'text' }, 's'), 'hi');
  });
});
