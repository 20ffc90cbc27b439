import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultChains } from '../converters/index.js';
import { detectors } from '../detectors/index.js';
import { canaryFor, caseRefs, materializeSync, probes, selectProbes } from './index.js';

describe('probe registry (conformance)', () => {
  it('has at least 40 families with complete metadata', () => {
    assert.ok(probes.size >= 40, `only ${probes.size}`);
    for (const p of probes.values()) {
      assert.match(p.id, /^[a-z0-9-]+$/);
      assert.ok(p.goal.length > 20, p.id);
      assert.ok(p.tags.length > 0 && p.tags.every((t) => /^LLM(0[1-9]|10)$/.test(t)), p.id);
      assert.ok(p.detectors.length > 0 && p.detectors.every((d) => detectors.has(d)), p.id);
      assert.ok(p.seeds().length >= 3, `${p.id} has fewer than 3 seeds`);
    }
  });

  it('yields at least 2,000 distinct offline cases with unique ids and canaries', () => {
    const refs = [...caseRefs([...probes.values()], defaultChains(false))];
    assert.ok(refs.length >= 2000, String(refs.length));
    assert.equal(new Set(refs.map((r) => r.id)).size, refs.length);
    assert.equal(new Set(refs.map((r) => canaryFor(r.id))).size, refs.length);
  });

  it('builds deterministic cases whose canary reaches the conversation', () => {
    for (const p of probes.values()) {
      const [ref] = [...caseRefs([p], [[]])];
      const a = materializeSync(ref!);
      const b = materializeSync(ref!);
      assert.deepEqual(a, b);
      const text = JSON.stringify(a.conversation);
      assert.ok(!text.includes('{{CANARY}}'), `${p.id} leaves a placeholder`);
      if (p.detectors.includes('canary') && p.category !== 'obfuscation')
        assert.ok(text.includes(a.plant.canary), `${p.id} never asks for its canary`);
      if (p.detectors.includes('tool-hijack')) assert.ok((a.conversation.tools ?? []).length > 0, p.id);
    }
  });

  it('selects by id and category and rejects unknown names', () => {
    assert.deepEqual(
      selectProbes('persona-dan').map((p) => p.id),
      ['persona-dan'],
    );
    assert.ok(selectProbes('exfiltration').length >= 3);
    assert.throws(() => selectProbes('no-such-probe'), /unknown probe/);
  });
});
