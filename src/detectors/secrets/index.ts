// Finds credentials in text: known vendor formats, private keys, high-entropy values in credential context,
// and exact copies of the secret values Warden itself holds.
import { charClasses, type Finding, mergeFindings, shannonEntropy } from '../finding.js';
import { openTokenFrom } from '../open-token.js';
import { mapFindings, viewOf } from '../unicode/view.js';
import { type SecretForm, secretForms, spelledPrefixPattern, spelledSecretPattern } from './encodings.js';
import { credentialFormats, isPlaceholder, PRIVATE_KEY_FOOTER, PRIVATE_KEY_HEADER } from './formats.js';

export interface SecretScanOptions {
  /** Exact secret values to look for (upstream keys, configured sensitive values); shorter than 8 ignored. */
  held?: readonly string[];
  /** The held secrets' search forms, precomputed with secretForms(held) (computed per call otherwise). */
  heldForms?: readonly SecretForm[];
  /** spelledSecretPattern(held), precomputed (computed per call otherwise). */
  heldSpelled?: RegExp;
  /** Bits per character a context value needs to count as a generated token (default 3.0). */
  minEntropy?: number;
}

const KEYWORD =
  'api[_-]?key|apikey|access[_-]?key(?:[_-]?id)?|secret(?:[_-]?key)?|client[_-]?secret|(?:auth|access|refresh|session|bearer|api)[_-]?token|token|passw(?:or)?d|passphrase|pwd|private[_-]?key|credentials?';
const CONTEXT_VALUE = new RegExp(
  `(?<![A-Za-z0-9])(?:[A-Za-z0-9]+[_-])*(${KEYWORD})(?![A-Za-z0-9])["']?\\s*(?:[:=]|=>|:=|\\bis\\b)\\s*["'\`]?([^\\s"'\`,;(){}\\[\\]<>]{6,256})`,
  'gi',
);
const BEARER = /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/g;
const NOT_A_VALUE =
  /^(?:string|number|boolean|null|undefined|true|false|none|nil|object|any|required|optional|str|int|bytes|secret|token|password)$/i;
const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)+$/;

/** `v` has its trailing prose dots and colons cut already. Numbers fail below: every branch needs a letter. */
function looksLikeSecretValue(keyword: string, v: string, minEntropy: number): boolean {
  if (v.length < 6 || isPlaceholder(v) || NOT_A_VALUE.test(v) || IDENTIFIER_PATH.test(v)) return false;
  if (/^https?:/i.test(v) || /^[A-Z][A-Z0-9_]+$/.test(v)) return false; // URLs, ENV_NAMES
  const letters = /[A-Za-z]/.test(v);
  const digits = /\d/.test(v);
  if (/passw|passphrase|pwd/i.test(keyword)) {
    return (letters && digits) || charClasses(v) >= 3;
  }
  return v.length >= 12 && letters && digits && shannonEntropy(v) >= minEntropy;
}

function heldFindings(text: string, forms: readonly SecretForm[], out: Finding[]): void {
  for (const { needle, kind } of forms) {
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
      out.push({ start: i, end: i + needle.length, kind, confidence: kind === 'held-secret' ? 1 : 0.95 });
    }
  }
}

function privateKeyFindings(text: string, out: Finding[]): void {
  if (!text.includes('PRIVATE KEY')) return;
  PRIVATE_KEY_HEADER.lastIndex = 0;
  for (const m of text.matchAll(PRIVATE_KEY_HEADER)) {
    PRIVATE_KEY_FOOTER.lastIndex = m.index + m[0].length;
    const footer = PRIVATE_KEY_FOOTER.exec(text);
    const end = footer ? footer.index + footer[0].length : text.length;
    out.push({ start: m.index, end, kind: 'private-key', confidence: 0.99 });
  }
}

/**
 * Every credential in the text, merged so nested matches collapse into the widest. The text is read through
 * its detector view (invisible characters, look-alikes, entities and escapes undone); spans are original.
 */
export function detectSecrets(text: string, opts: SecretScanOptions = {}): Finding[] {
  const view = viewOf(text);
  if (view.identity) return scanSecrets(text, opts);
  // The raw text is scanned too: a held secret may itself contain what the view rewrites.
  return mergeFindings([...mapFindings(view, scanSecrets(view.text, opts)), ...scanSecrets(text, opts)]);
}

function scanSecrets(text: string, opts: SecretScanOptions): Finding[] {
  const out: Finding[] = [];
  const minEntropy = opts.minEntropy ?? 3.0;
  for (const f of credentialFormats) {
    if (f.hint && !f.hint.some((h) => text.includes(h))) continue;
    f.re.lastIndex = 0;
    for (const m of text.matchAll(f.re)) {
      const value = f.group ? m[f.group] : m[0];
      if (!value || (f.validate && !f.validate(value))) continue;
      const start = f.group ? m.index + m[0].lastIndexOf(value) : m.index;
      out.push({ start, end: start + value.length, kind: f.kind, confidence: f.confidence });
    }
  }
  privateKeyFindings(text, out);
  CONTEXT_VALUE.lastIndex = 0;
  for (const m of text.matchAll(CONTEXT_VALUE)) {
    const keyword = m[1]!;
    let value = m[2]!;
    value = value.replace(/[.:]+$/, '');
    if (!looksLikeSecretValue(keyword, value, minEntropy)) continue;
    const start = m.index + m[0].length - m[2]!.length;
    out.push({ start, end: start + value.length, kind: 'credential-in-context', confidence: 0.7 });
  }
  BEARER.lastIndex = 0;
  for (const m of text.matchAll(BEARER)) {
    const value = m[1]!;
    if (isPlaceholder(value) || !/\d/.test(value)) continue;
    const start = m.index + m[0].length - value.length;
    out.push({ start, end: start + value.length, kind: 'bearer-token', confidence: 0.8 });
  }
  const forms = opts.heldForms ?? (opts.held ? secretForms(opts.held) : []);
  if (forms.length > 0) heldFindings(text, forms, out);
  const spelled = opts.heldSpelled ?? (opts.held ? spelledSecretPattern(opts.held) : undefined);
  if (spelled) {
    spelled.lastIndex = 0;
    for (const m of text.matchAll(spelled))
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'held-secret', confidence: 0.95 });
  }
  return mergeFindings(out);
}

/** Where a credential may still be growing at the end of a streamed text (a key block, a long token), or -1. */
export function openSecretFrom(
  text: string,
  held: readonly string[] = [],
  heldPrefix: RegExp | undefined = spelledPrefixPattern(held),
): number {
  const view = viewOf(text);
  const at = openSecretInView(view.text, held, heldPrefix);
  return at === -1 ? -1 : view.originalIndex(at);
}

function openSecretInView(text: string, held: readonly string[], heldPrefix: RegExp | undefined): number {
  let open = openTokenFrom(text, 12);
  // An unfinished key block: held from its header. A run still growing at the end starts after the header's
  // space, so the header is always the earlier of the two.
  const header = text.lastIndexOf('-----BEGIN ');
  if (header !== -1 && !text.includes('-----END ', header)) open = header;
  // A held secret (8+ characters; shorter ones are never found) may be arriving one character at a time, as is
  // or spelled out with separators ("Z q 8 1 ..."): the prefix pattern's separators are optional, so it holds
  // both from where the secret starts. Only the tail can match: four characters per secret character at most.
  const spelled = heldPrefix?.exec(text.slice(-4 * Math.max(0, ...held.map((s) => s.length))));
  if (spelled) {
    const at = text.length - spelled[0].length;
    open = open === -1 ? at : Math.min(open, at);
  }
  return open;
}

/** Characters of left context plus match a closed secret finding needs (the rest is held by the open rule). */
export const SECRETS_HOLD_BACK = 64;
