import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { jsonDepthExceeds } from './server.js';
import { SseParseError, SseParser } from './sse.js';

function parseAll(chunks: string[]): string[] {
  const p = new SseParser(1 << 20);
  const out: string[] = [];
  for (const c of chunks) out.push(...p.push(Buffer.from(c)));
  out.push(...p.end());
  return out;
}

describe('SseParser', () => {
  it('yields the same events however the bytes are split (property)', () => {
    const payload = fc.string({ maxLength: 40 }).filter((s) => !/[\r\n]/.test(s));
    fc.assert(
      fc.property(
        fc.array(payload, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(200), { maxLength: 10 }),
        fc.boolean(),
        (events, cuts, crlf) => {
          const nl = crlf ? '\r\n' : '\n';
          const text = events.map((e) => `: keep-alive${nl}data: ${e}${nl}${nl}`).join('');
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let at = 0;
          for (const p of points) {
            chunks.push(text.slice(at, p));
            at = p;
          }
          chunks.push(text.slice(at));
          assert.deepEqual(
            parseAll(chunks),
            events.filter((e) => e.length > 0 || true),
          );
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('never throws on arbitrary bytes except its own bounded-size error (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 10 }), (chunks) => {
        const p = new SseParser(256);
        try {
          for (const c of chunks) p.push(c);
          p.end();
        } catch (err) {
          assert.ok(err instanceof SseParseError);
        }
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('joins multi-line data and splits multi-byte characters safely', () => {
    const euro = Buffer.from('data: a€b\n\n');
    const p = new SseParser();
    const out = [
      ...p.push(euro.subarray(0, 8)),
      ...p.push(euro.subarray(8)),
      ...p.push('data: x\ndata: y\n\n'),
    ];
    assert.deepEqual(out, ['a€b', 'x\ny']);
  });
});

describe('jsonDepthExceeds', () => {
  const depth = (v: unknown): number =>
    v === null || typeof v !== 'object' ? 0 : 1 + Math.max(0, ...Object.values(v as object).map(depth));
  it('agrees with a recursive reference (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 1, max: 8 }), (v, limit) => {
        assert.equal(jsonDepthExceeds(v, limit), depth(v) > limit);
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});
