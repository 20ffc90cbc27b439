// How a subject's extraction figures read to a person (CLI table and console): rounded p-values, plain words.
import type { SubjectReport } from './monitor.js';

/** A p-value as a person reads it: small values in scientific notation, others to two places. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '–';
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

/**
 * What the combined p-value means for this subject. Ordinary use sits well above the alert levels,
 * so high p reads "like benign traffic", never as a suspicion.
 */
export function reading(r: SubjectReport): string {
  if (!r.current) return r.codebook ? 'not scored (needs --profile)' : 'not scored (no calibration)';
  const p = r.current.combinedP;
  if (p < 0.001) return `unusual: ${r.current.strongest} far from benign traffic`;
  if (p < 0.01) return `watch: ${r.current.strongest} above benign traffic`;
  return 'like benign traffic';
}
