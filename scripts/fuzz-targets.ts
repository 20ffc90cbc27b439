// Fuzz targets of the detectors and guards (the unicode canonicaliser, decoders...), kept apart so they grow
// with the detectors; used by scripts/fuzz.ts.
import type { FuzzTarget } from './fuzz.js';

export function extraTargets(): FuzzTarget[] {
  return [];
}
