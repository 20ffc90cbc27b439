// The result vocabulary of every pure detector: spans of a text with a kind and a confidence.

/** One thing a detector found: [start, end) in the scanned text. */
export interface Finding {
  start: number;
  end: number;
  /** Domain name of what was found, e.g. 'aws-access-key-id', 'email', 'markdown-image'. */
  kind: string;
  /** 0..1: how sure the detector is that this is a real instance (not a lookalike). */
  confidence: number;
}

/**
 * A detector that can also say where an unfinished construct starts at the end of a text (a URL or a key
 * block still being streamed), so a streaming caller holds it back whole instead of releasing its head.
 */
export interface SpanDetector {
  /** Complete findings over the text. */
  scan(text: string): Finding[];
  /** Start index of a construct left open at the very end of the text, or -1. */
  openFrom(text: string): number;
  /** The longest span (chars) a closed finding can cover before the open-construct rule takes over. */
  readonly maxSpan: number;
}

/** Sorts findings and drops those wholly inside an earlier, wider one. */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last && f.end <= last.end) continue;
    out.push(f);
  }
  return out;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Character classes present among lower, upper, digit, other. */
export function charClasses(s: string): number {
  return (
    (/[a-z]/.test(s) ? 1 : 0) +
    (/[A-Z]/.test(s) ? 1 : 0) +
    (/\d/.test(s) ? 1 : 0) +
    (/[^A-Za-z0-9]/.test(s) ? 1 : 0)
  );
}
