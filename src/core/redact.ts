// Turns sensitive text into short excerpts that are safe for logs, audit records, errors and reports.
// The detectors it calls are pure leaf modules (text in, spans out) that import nothing back from core.
import type { Finding } from '../detectors/finding.js';
import { detectPii } from '../detectors/pii/index.js';
import { detectSecrets } from '../detectors/secrets/index.js';

const DEFAULT_MAX = 80;
/** Text scanned past the excerpt's end, so a secret or card number crossing the cut is still found whole. */
const SCAN_MARGIN = 320;
/** Digits (with the separators people write between them) long enough to be a card, phone or account number. */
const DIGIT_RUN = /\+?\(?\d[\d ()./-]*\d/g;
const MIN_RUN_DIGITS = 6;
/** A label this module wrote (kept whole), else a word-like token long enough to mask. */
const WORD_OR_LABEL = /\[[a-z0-9-]+\]|[^\s]{5,}/g;
const LABEL = /^\[[a-z0-9-]+\]$/;

/**
 * A redacted excerpt, the one place that decides what a record may show of caller text: credentials and
 * personal data (the secret and PII detectors) become `[kind]` first; then every run of six or more
 * digits becomes `[digits]`, each word-like token longer than 4 keeps only its first two and last
 * characters, and the result is truncated. Enough for a human to recognise a case, never enough to replay
 * it, and never a secret, whatever the token lengths.
 */
export function redactExcerpt(text: string, max = DEFAULT_MAX): string {
  const flat = text
    .slice(0, max + SCAN_MARGIN)
    .replace(/\s+/g, ' ')
    .trim();
  const labelled = replaceFindings(flat, [...detectSecrets(flat), ...detectPii(flat)]);
  const clipped = labelled.length > max ? `${labelled.slice(0, max)}…` : labelled;
  return clipped
    .replace(DIGIT_RUN, (run) => (countDigits(run) >= MIN_RUN_DIGITS ? '[digits]' : run))
    .replace(WORD_OR_LABEL, (w) =>
      w.startsWith('[') && w.endsWith(']') && LABEL.test(w)
        ? w
        : `${w.slice(0, 2)}${'*'.repeat(Math.min(w.length - 3, 8))}${w.slice(-1)}`,
    );
}

/**
 * An excerpt an operator can read (audit records shown in the console, an approval's context): only what the
 * secret and PII detectors found becomes `[kind]`, and runs of six or more digits `[digits]` (the detectors'
 * fallback for numbers written with separators); the rest stays as written, truncated. See decision 1930.
 */
export function readableExcerpt(text: string, max = DEFAULT_MAX): string {
  const flat = text
    .slice(0, max + SCAN_MARGIN)
    .replace(/\s+/g, ' ')
    .trim();
  const labelled = replaceFindings(flat, [...detectSecrets(flat), ...detectPii(flat)]).replace(
    DIGIT_RUN,
    (run) => (countDigits(run) >= MIN_RUN_DIGITS ? '[digits]' : run),
  );
  return labelled.length > max ? `${labelled.slice(0, max)}…` : labelled;
}

const NAME_CHARS = /^[\w.:/@+-]{1,100}$/;
/** A letter-and-digit run this long is a generated token, not part of a model or tool name. */
const TOKEN_RUN = /[A-Za-z0-9]{20,}/g;

/**
 * A caller-chosen name (a model, a tool) as records, logs and span attributes may show it: kept as is when it
 * reads as a name, otherwise redacted like any excerpt. A secret pasted into the field (one Warden holds, when
 * given in `held`) is never recorded in clear; a caller reads the value back unchanged only when it is a name.
 */
export function recordableName(value: string, held: readonly string[] = []): string {
  const looksLikeName = readsAsName(value) && !held.some((s) => s.length > 0 && value.includes(s));
  return looksLikeName ? value : redactExcerpt(value, 40);
}

/** Names seen recently and whether each reads as one: every request records its model's name. */
const nameVerdicts = new Map<string, boolean>();

/** The part of the name check that depends on the value alone (the detectors), remembered per value. */
function readsAsName(value: string): boolean {
  if (value.length > 100) return false; // NAME_CHARS allows no more; long values are never kept
  const known = nameVerdicts.get(value);
  if (known !== undefined) return known;
  const verdict =
    NAME_CHARS.test(value) &&
    !(value.match(TOKEN_RUN) ?? []).some((run) => /\d/.test(run) && /[A-Za-z]/.test(run)) &&
    detectSecrets(value).length === 0 &&
    detectPii(value).length === 0;
  if (nameVerdicts.size >= 1000) nameVerdicts.clear();
  nameVerdicts.set(value, verdict);
  return verdict;
}

/** Replaces each finding's span with its kind, widest first where they overlap. */
function replaceFindings(text: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return text;
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const f of sorted) {
    if (f.end <= at) continue;
    out += `${text.slice(at, Math.max(at, f.start))}[${f.kind}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** A fixed mask for a secret value: shows only its kind and length. */
export function maskSecret(kind: string, value: string): string {
  return `[${kind}:${value.length} chars]`;
}

/** Removes every occurrence of the given secret values from a string (for log lines built from upstream text). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join('[REDACTED]');
  }
  return out;
}
