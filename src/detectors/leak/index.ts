// Finds system-prompt leakage in output: the request's canary token, and n-gram containment of the operator's
// system prompt in the output, so a partial or paraphrased leak is caught too.
import { type Finding, mergeFindings } from '../finding.js';
import { type WordToken, wordTokens } from './words.js';

/** What is kept of the operator's prompts: sets of content words and content-word bigrams. */
export interface PromptProfile {
  words: Set<string>;
  bigrams: Set<string>;
  contentWords: number;
}

export function profilePrompts(prompts: readonly string[]): PromptProfile {
  const words = new Set<string>();
  const bigrams = new Set<string>();
  let contentWords = 0;
  for (const p of prompts) {
    const content = wordTokens(p).filter((t) => t.content);
    contentWords += content.length;
    content.forEach((t, i) => {
      words.add(t.norm);
      const next = content[i + 1];
      if (next) bigrams.add(`${t.norm} ${next.norm}`);
    });
  }
  return { words, bigrams, contentWords };
}

export interface LeakScanOptions {
  /** Content words per sliding window (default 12). */
  window?: number;
  /** Share of a window's content bigrams found in the prompt to call it a leak (default 0.4). */
  minBigramShare?: number;
  /** Least number of matching bigrams in a window (default 4). */
  minBigramHits?: number;
  /** Share of content words found in the prompt that, with some bigram evidence, marks a paraphrase (default 0.85). */
  minWordShare?: number;
}

/** Spans of the output that reproduce the profiled prompt verbatim, in part, or in paraphrase. */
export function detectPromptLeak(
  text: string,
  profile: PromptProfile,
  opts: LeakScanOptions = {},
): Finding[] {
  if (profile.bigrams.size === 0) return [];
  return detectLeakInWords(
    wordTokens(text).filter((t) => t.content),
    profile,
    opts,
  );
}

/** The same comparison over content-word tokens already cut from a text (a stream keeps them between steps). */
export function detectLeakInWords(
  content: readonly WordToken[],
  profile: PromptProfile,
  opts: LeakScanOptions = {},
): Finding[] {
  if (profile.bigrams.size === 0) return [];
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
  return joinOverlapping(out);
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

/** The canary token anywhere in the text, also when spelled with separators or in another case. */
export function detectCanary(text: string, token: string): Finding[] {
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
    const c = text[i]!.toLowerCase();
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      norm += c;
      at.push(i);
    }
  }
  for (let i = norm.indexOf(want); i !== -1; i = norm.indexOf(want, i + want.length)) {
    out.push({ start: at[i]!, end: at[i + want.length - 1]! + 1, kind: 'canary-token', confidence: 0.95 });
  }
  return mergeFindings(out);
}

/** Characters of output a leak window spans (12 content words with their stop words). */
export const LEAK_HOLD_BACK = 160;
