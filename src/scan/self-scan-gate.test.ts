import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type SelfScanResult,
  type SelfScanRow,
  selfScanViolations,
  worseThanBare,
} from './self-scan-gate.js';

const side = (vulnerable: number, errors = 0) => ({ vulnerable, blocked: 0, scored: 12, errors });
const row = (name: string, attempts: number, bare: number, warden: number, errors = 0): SelfScanRow => ({
  name,
  attempts,
  bare: side(bare),
  warden: side(warden, errors),
});
const result = (families: SelfScanRow[], byConverter: SelfScanRow[]): SelfScanResult => ({
  converters: 'none,homoglyph',
  families,
  byConverter,
  totals: {
    attempts: families.reduce((n, f) => n + f.attempts, 0),
    bareVulnerable: families.reduce((n, f) => n + f.bare.vulnerable, 0),
    wardenVulnerable: families.reduce((n, f) => n + f.warden.vulnerable, 0),
  },
});

const baseline = result(
  [row('persona', 12, 9, 2), row('secrets', 12, 6, 0)],
  [row('none', 12, 8, 1), row('homoglyph', 12, 7, 1)],
);

describe('self-scan gate', () => {
  it('passes a scan equal to its baseline, or better', () => {
    assert.deepEqual(selfScanViolations(baseline, baseline), []);
    const better = result(
      [row('persona', 12, 9, 0), row('secrets', 12, 6, 0)],
      [row('none', 12, 8, 0), row('homoglyph', 12, 7, 0)],
    );
    assert.deepEqual(selfScanViolations(better, baseline), []);
  });

  it('fails a family where Warden lets through more than the bare simulator', () => {
    const r = result([row('persona', 12, 2, 3)], []);
    assert.deepEqual(worseThanBare(r), ['family persona: behind Warden 3/12 (25.0%) > bare 2/12 (16.7%)']);
  });

  it('fails a converter row worse behind Warden, even when every family row is fine', () => {
    const r = result([row('persona', 12, 9, 2)], [row('zero-width', 12, 1, 2)]);
    assert.deepEqual(worseThanBare(r), [
      'converter zero-width: behind Warden 2/12 (16.7%) > bare 1/12 (8.3%)',
    ]);
  });

  it('fails when a row nothing gets through bare lets anything through behind Warden', () => {
    assert.equal(worseThanBare(result([row('base64', 12, 0, 1)], [])).length, 1);
    assert.deepEqual(worseThanBare(result([row('base64', 12, 0, 0)], [])), []);
  });

  it('fails a rise above the baseline that is still below bare', () => {
    const now = result(
      [row('persona', 12, 9, 3), row('secrets', 12, 6, 0)],
      [row('none', 12, 8, 1), row('homoglyph', 12, 7, 2)],
    );
    assert.deepEqual(selfScanViolations(now, baseline), [
      'family persona: behind Warden 3/12 > baseline 2/12',
      'converter homoglyph: behind Warden 2/12 > baseline 1/12',
    ]);
  });

  it('fails errored attempts, which would read as attacks stopped', () => {
    const now = result(
      [row('persona', 12, 9, 0, 5), row('secrets', 12, 6, 0)],
      [row('none', 12, 8, 1), row('homoglyph', 12, 7, 1)],
    );
    assert.deepEqual(selfScanViolations(now, baseline), [
      'family persona: 0 bare and 5 behind-Warden errors',
    ]);
  });

  it('asks for a re-record when the subset changed: converters, attempts, a new or a missing row', () => {
    const now = result(
      [row('persona', 16, 9, 2), row('leaks', 12, 6, 0)],
      [row('none', 12, 8, 1), row('homoglyph', 12, 7, 1)],
    );
    assert.deepEqual(selfScanViolations({ ...now, converters: 'none' }, baseline), [
      "converters none differ from the baseline's none,homoglyph: re-record",
      'family persona: 16 attempts, the baseline has 12: re-record',
      'family leaks: 12 attempts, the baseline has 0: re-record',
      'family secrets: in the baseline, not scanned',
    ]);
  });
});
