import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseAction } from './actions.js';
import { ArticleBaseline } from './baseline.js';
import { extractionPolicySchema } from './config.js';

describe('extraction actions and the article baseline buffer', () => {
  const policy = extractionPolicySchema.parse({});

  it('grades actions by the combined p, bans only after minQueriesToBan, caps tenants', () => {
    assert.equal(chooseAction(policy, 0.5, 400, 'key'), 'none');
    assert.equal(chooseAction(policy, 5e-3, 400, 'key'), 'log');
    assert.equal(chooseAction(policy, 5e-4, 400, 'key'), 'alert');
    assert.equal(chooseAction(policy, 5e-5, 400, 'key'), 'throttle');
    assert.equal(chooseAction(policy, 1e-9, 400, 'key'), 'ban');
    assert.equal(chooseAction(policy, 1e-9, 100, 'key'), 'throttle');
    assert.equal(chooseAction(policy, 1e-9, 400, 'tenant'), 'alert');
  });

  it('rejects thresholds out of order', () => {
    assert.throws(() => extractionPolicySchema.parse({ ban: 0.5 }));
  });

  it('the shared 1,000-query buffer never scores a principal with a small share of traffic', () => {
    const buffer = new ArticleBaseline();
    const v = (i: number) => Float32Array.from({ length: 16 }, (_, j) => Math.sin(i * (j + 1)));
    for (let i = 0; i < 3000; i++) buffer.observe(i % 50 === 0 ? 'small' : `user-${i % 7}`, v(i));
    assert.deepEqual(buffer.score('small'), { kind: 'unscored', inBuffer: 20 });
    assert.equal(buffer.score('user-1').kind, 'scored');
  });
});
