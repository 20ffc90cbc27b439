// Finds system-prompt leakage in output: the request's canary token, n-gram containment of the operator's
// prompt (verbatim, partial, paraphrased), an order-insensitive overlap of its distinct words (reworded,
// reordered, one word per line, filler words, leetspeak, reversed, ROT13), and all of these inside base64/hex.
import { type Finding, mergeFindings } from '../finding.js';
import { type DecodedRun, decodedRuns } from './encoded.js';
import type { LeakReading, PromptProfile } from './profile.js';
import { reverseText, rot13, type WordToken, wordTokens } from './words.js';

export { type DecodedRun, decodedRuns } from './encoded.js';
export { type LeakReading, type PromptProfile, profilePrompts } from './profile.js';

export interface LeakScanOptions {
  /** Content words per sliding window (default 12). */
  window?: number;
  /** Share of a window's content bigrams found in the prompt to call it a leak (default 0.4). */
  minBigramShare?: number;
  /** Least number of matching bigrams in a window (default 4). */
  minBigramHits?: number;
  /** Share of content words found in the prompt that, with some bigram evidence, marks a paraphrase (default 0.85). */
  minWordShare?: number;
  /** Compare the bag of distinct prompt words too, in any order and reading (default true). */
  reworded?: boolean;
  /** Share of a window's content words that must be distinct prompt words (default 0.7). */
  bagShare?: number;
  /** The same share over a double window, for prompt words interleaved with filler (default 0.45). */
  fillerShare?: number;
  /** Least number of distinct prompt words in a window for the bag rules (default 6). */
  minDistinctWords?: number;
  /** Decode base64 and hex runs and compare what they decode to (default true). */
  decoded?: boolean;
}

const kindOf: Record<LeakReading, string> = {
  plain: 'system-prompt-reworded',
  reversed: 'system-prompt-reversed',
  rot13: 'system-prompt-rot13',
};

/** Spans of the output that reproduce the profiled prompt in any of the forms above. */
export function detectPromptLeak(
  text: string,
  profile: PromptProfile,
  opts: LeakScanOptions = {},
): Finding[] {
  if (profile.bigrams.size === 0) return [];
  const found = detectLeakInWords(
    wordTokens(text).filter((t) => t.content),
    profile,
    opts,
  );
  if (opts.decoded !== false) found.push(...detectEncodedLeak(text, profile, opts));
  return joinOverlapping(found);
}

/** Encoded runs (base64, hex) whose decoded text leaks the prompt: each reported whole. */
export function detectEncodedLeak(
  text: string | readonly DecodedRun[],
  profile: PromptProfile,
  opts: LeakScanOptions = {},
): Finding[] {
  const out: Finding[] = [];
  for (const run of typeof text === 'string' ? decodedRuns(text) : text) {
    const inner = detectLeakInWords(
      wordTokens(run.text).filter((t) => t.content),
      profile,
      opts,
    );
    if (inner.length > 0) {
      const confidence = Math.max(...inner.map((f) => f.confidence));
      out.push({ start: run.start, end: run.end, kind: `system-prompt-${run.encoding}`, confidence });
    }
  }
  return out;
}

/** The same comparison over content-word tokens already cut from a text (a stream keeps them between steps). */
export function detectLeakInWords(
  content: readonly WordToken[],
  profile: PromptProfile,
  opts: LeakScanOptions = {},
): Finding[] {
  if (profile.bigrams.size === 0) return [];
  const out = inOrderFindings(content, profile, opts);
  if (opts.reworded !== false) {
    for (const [reading, words] of profile.readings)
      out.push(...bagFindings(content, profile, words, reading, opts));
  }
  return joinOverlapping(out.sort((a, b) => a.start - b.start));
}

/** Verbatim and paraphrase: content bigrams of the prompt, in order, in a sliding window. */
function inOrderFindings(
  content: readonly WordToken[],
  profile: PromptProfile,
  opts: LeakScanOptions,
): Finding[] {
  const W = opts.window ?? 12;
  const minShare = opts.minBigramShare ?? 0.4;
  const minHits = opts.minBigramHits ?? 4;
  const minWordShare = opts.minWordShare ?? 0.85;
  if (content.length < minHits + 1) return [];
  const wordHit = content.map((t) => (profile.words.has(t.norm) ? 1 : 0));
  const bigramHit = content.map((t, i) => {
    const next = content[i + 1];
    return next && profile.bigrams.has(`${t.norm} ${next.norm}`) ? 1 : 0;
  });
  const out: Finding[] = [];
  const size = Math.min(W, content.length);
  let words = 0;
  let bigrams = 0;
  for (let i = 0; i < size; i++) {
    words += wordHit[i]!;
    if (i < size - 1) bigrams += bigramHit[i]!;
  }
  for (let s = 0; s + size <= content.length; s++) {
    if (s > 0) {
      words += wordHit[s + size - 1]! - wordHit[s - 1]!;
      bigrams += bigramHit[s + size - 2]! - bigramHit[s - 1]!;
    }
    const bigramShare = bigrams / Math.max(1, size - 1);
    const wordShare = words / size;
    const verbatim = bigrams >= minHits && bigramShare >= minShare;
    const paraphrase = wordShare >= minWordShare && bigrams >= Math.ceil(minHits / 2);
    if (verbatim || paraphrase) {
      out.push({
        start: content[s]!.start,
        end: content[s + size - 1]!.end,
        kind: verbatim ? 'system-prompt-overlap' : 'system-prompt-paraphrase',
        confidence: Math.min(1, Math.max(bigramShare, wordShare * 0.9)),
      });
    }
  }
  return out;
}

/**
 * Order-insensitive: windows in which many distinct prompt words (as spelled in one reading) appear, however
 * ordered or spaced. A window of `window` words needs `bagShare` of them; a double window, for prompt words
 * interleaved with filler, `fillerShare`. Either way at least `minDistinctWords`, or nearly all of a short prompt.
 */
function bagFindings(
  content: readonly WordToken[],
  profile: PromptProfile,
  words: ReadonlyMap<string, number>,
  reading: LeakReading,
  opts: LeakScanOptions,
): Finding[] {
  const W = opts.window ?? 12;
  const minDistinct = opts.minDistinctWords ?? 6;
  const ids = content.map((t) => words.get(t.norm) ?? -1);
  let hits = 0;
  for (const id of ids) if (id >= 0) hits++;
  // Most outputs share a handful of words with the prompt: too few to fill any window.
  if (hits < minDistinct) return [];
  const out: Finding[] = [];
  const cap = Math.max(minDistinct, Math.ceil(0.7 * profile.distinct));
  for (const [span, share] of [
    [W, opts.bagShare ?? 0.7],
    [2 * W, opts.fillerShare ?? 0.45],
  ] as const) {
    const size = Math.min(span, content.length);
    const need = Math.max(minDistinct, Math.min(Math.ceil(share * span), cap));
    if (size < need) continue;
    const count = new Map<number, number>();
    let distinct = 0;
    const add = (id: number, d: number) => {
      if (id < 0) return;
      const c = (count.get(id) ?? 0) + d;
      count.set(id, c);
      if (d > 0 && c === 1) distinct++;
      if (d < 0 && c === 0) distinct--;
    };
    for (let i = 0; i < size; i++) add(ids[i]!, 1);
    for (let s = 0; s + size <= content.length; s++) {
      if (s > 0) {
        add(ids[s - 1]!, -1);
        add(ids[s + size - 1]!, 1);
      }
      if (distinct < need) continue;
      // The span runs from the window's first prompt word to its last.
      let a = s;
      let b = s + size - 1;
      while (ids[a]! < 0) a++;
      while (ids[b]! < 0) b--;
      out.push({
        start: content[a]!.start,
        end: content[b]!.end,
        kind: kindOf[reading],
        confidence: Math.min(1, distinct / size + 0.3),
      });
    }
  }
  return out;
}

function joinOverlapping(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const last = out[out.length - 1];
    if (last && f.start <= last.end) {
      last.end = Math.max(last.end, f.end);
      last.confidence = Math.max(last.confidence, f.confidence);
    } else out.push({ ...f });
  }
  return out;
}

/**
 * The canary token anywhere in the text: verbatim, in another case, spelled with separators or invisible
 * characters, in full-width forms, reversed, in ROT13, or inside a base64/hex run.
 */
export function detectCanary(
  text: string,
  token: string,
  /** Encoded runs to look inside: true to find them here, or those already found in `text`. */
  decoded: boolean | readonly DecodedRun[] = true,
): Finding[] {
  if (token.length < 6) return [];
  const out: Finding[] = [];
  for (let i = text.indexOf(token); i !== -1; i = text.indexOf(token, i + token.length)) {
    out.push({ start: i, end: i + token.length, kind: 'canary-token', confidence: 1 });
  }
  const want = token.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (want.length < 6) return mergeFindings(out);
  let norm = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text[i]!.toLowerCase();
    if (c.charCodeAt(0) > 0x7f) c = c.normalize('NFKC').toLowerCase();
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      norm += c;
      at.push(i);
    }
  }
  for (const form of new Set([want, reverseText(want), rot13(want)])) {
    for (let i = norm.indexOf(form); i !== -1; i = norm.indexOf(form, i + form.length)) {
      out.push({ start: at[i]!, end: at[i + form.length - 1]! + 1, kind: 'canary-token', confidence: 0.95 });
    }
  }
  if (decoded) {
    for (const run of decoded === true ? decodedRuns(text) : decoded) {
      if (detectCanary(run.text, token, false).length > 0)
        out.push({ start: run.start, end: run.end, kind: 'canary-token', confidence: 0.95 });
    }
  }
  return mergeFindings(out);
}

/** Characters of output a leak window spans (12 content words with their stop words). */
export const LEAK_HOLD_BACK = 160;
