// Fuzz targets of the detectors and guards (the unicode canonicaliser, decoders, output detectors, the admin
// API bodies...), kept apart so they grow with the detectors; used by scripts/fuzz.ts.
import fc from 'fast-check';
import { detectInjection } from '../src/detectors/injection/detector.js';
import { decodedSegments } from '../src/detectors/injection/signals.js';
import { canonicalise } from '../src/detectors/unicode/canonicalise.js';
import { type FuzzTarget, propertyTarget } from './fuzz.js';

// Strings rich in the code points the canonicaliser handles: tags, zero-width, bidi, variation selectors,
// surrogate pairs, combining marks, confusables, private use.
const hostileChar = fc.oneof(
  fc.integer({ min: 0xe0000, max: 0xe007f }),
  fc.constantFrom(0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x202e, 0x2066, 0x2069, 0xfe0f, 0x0301),
  fc.integer({ min: 0xfe00, max: 0xfe0f }),
  fc.integer({ min: 0xe0100, max: 0xe01ef }),
  fc.integer({ min: 0x0400, max: 0x04ff }),
  fc.integer({ min: 0xe000, max: 0xf8ff }),
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0x1f300, max: 0x1faff }),
);
const hostileText = fc.array(hostileChar, { maxLength: 200 }).map((cps) => String.fromCodePoint(...cps));
const mixed = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  hostileText,
);

export function extraTargets(): FuzzTarget[] {
  return [
    propertyTarget('unicode-canonicalise', mixed, (t) => {
      const a = canonicalise(t);
      const b = canonicalise(a.text);
      if (b.changed) throw new Error('canonicalise is not idempotent');
      if (a.text.length > t.length * 4 + 16) throw new Error('canonicalise grew the text unreasonably');
    }),
    propertyTarget('decoders', mixed, (t) => {
      const segs = decodedSegments(t);
      if (!Array.isArray(segs)) throw new Error('decodedSegments returned no array');
    }),
    propertyTarget('injection-detector', mixed, (t) => {
      const r = detectInjection(t);
      if (!(r.score >= 0 && r.score <= 1)) throw new Error(`score out of range: ${r.score}`);
    }),
  ];
}
