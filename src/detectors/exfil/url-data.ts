// Judges one URL: is its host allowed, and does its path or query carry data out (encoded text, tokens)?
import { shannonEntropy } from '../finding.js';

/** Host matching: 'example.com' (exact), '*.example.com' or '.example.com' (any subdomain and the domain). */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  for (const a of allowed) {
    const rule = a.toLowerCase();
    if (rule.startsWith('*.') || rule.startsWith('.')) {
      const base = rule.replace(/^\*?\./, '');
      if (h === base || h.endsWith(`.${base}`)) return true;
    } else if (h === rule) return true;
  }
  return false;
}

const HEX = /^[0-9a-f]+$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKENISH = /^[A-Za-z0-9+/=_-]+$/;

/** A name with a number in it (`rfc6265bis`, `sha256`, `utf8`, `ISO8601`, `es2015`): letters, digits, a short tail. */
const NUMBERED_NAME = /^(?:[a-z]{2,6}\d{1,6}[a-z]{0,3}|[A-Z]{2,6}\d{1,6})$/;
/** How many numbered names a value may hold and still read as words: a title cites one or two, data has many. */
const MAX_NUMBERED_NAMES = 2;

/** Made of words: slugs, identifiers, CamelCase names; a short id among the words is allowed. */
function wordLike(value: string): boolean {
  const pieces = value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[-_.~+\s]+/)
    .filter((p) => p.length > 0);
  let wordChars = 0;
  let total = 0;
  let numbered = 0;
  for (const p of pieces) {
    total += p.length;
    let word =
      (/^(?:[A-Z]?[a-z]{1,23}|[A-Z]{1,12})$/.test(p) && /[aeiouy]/i.test(p)) ||
      /^\d{1,10}$/.test(p) ||
      p.length <= 2;
    if (!word && NUMBERED_NAME.test(p) && numbered < MAX_NUMBERED_NAMES) {
      numbered++;
      word = true;
    }
    if (word) wordChars += p.length;
  }
  return total > 0 && wordChars / total >= 0.75;
}

/** Base64 (standard or URL-safe) that decodes to readable text: someone's words, smuggled. */
function base64Text(value: string): boolean {
  if (value.length < 16 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return false;
  const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length < 12) return false;
  let printable = 0;
  for (const b of bytes) if ((b >= 32 && b < 127) || b === 10 || b === 9) printable++;
  return printable / bytes.length >= 0.95;
}

/** A value that looks like encoded data rather than a word, a slug, an id or a commit hash. */
export function dataLike(value: string): boolean {
  if (base64Text(value)) return true;
  // Base64 text with a stray character around it (a quote, a backtick) still decodes once cut out.
  for (const run of value.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? [])
    if (run !== value && base64Text(run)) return true;
  // A URL inside a URL (a redirect, a badge service's proxy fetch) carries data when the inner one does, however
  // short it is (a redirect to a short URL with user info in it).
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return nestedCarriesData(value);
  if (value.length < 24) return false;
  if (/^data:image\//i.test(value) || UUID.test(value)) return false;
  if (HEX.test(value)) return value.length > 64; // git SHAs, sha256 digests
  if (/\s/.test(value) && value.split(/\s+/).length >= 5) return true; // a sentence, URL-encoded
  if (wordLike(value)) return value.length > 100;
  if (!TOKENISH.test(value)) return value.length > 120;
  return shannonEntropy(value) >= 3.6 || value.length > 80;
}

/** Data cut into short hex segments (`/73/65/63/72/65/74`), each too short to look like data on its own. */
function hexSpread(segments: readonly string[]): boolean {
  let run = 0;
  let chars = 0;
  let letters = false;
  for (const seg of segments) {
    if (seg.length > 0 && seg.length <= 8 && HEX.test(seg)) {
      run++;
      chars += seg.length;
      letters ||= /[a-f]/i.test(seg);
      // Six short ones (dates and versions have fewer), or a long letter-bearing run split up.
      if ((run >= 6 && chars >= 12) || (run >= 3 && chars >= 16 && letters)) return true;
    } else {
      run = 0;
      chars = 0;
      letters = false;
    }
  }
  return false;
}

const LOCAL_HOST = /^(?:localhost|.*\.localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export type UrlVerdict =
  | { kind: 'ok' }
  | { kind: 'bad-scheme'; scheme: string }
  | { kind: 'off-list'; host: string; carriesData: boolean };

const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp);/i;

/** Classifies a URL taken from output text against the host allow-list. */
/** Stands in for the page's own origin, so relative URLs resolve the way a browser resolves them. */
const PAGE_HOST = 'page.warden.invalid';

/** The URL as a browser reads it: C0 controls and spaces trimmed, tabs and newlines removed anywhere. */
export function browserUrlText(raw: string): string {
  return raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

/** Nested URLs are judged to this depth; deeper nesting is data in itself. */
const MAX_NESTING = 3;
let nesting = 0;

function nestedCarriesData(value: string): boolean {
  if (nesting >= MAX_NESTING) return true;
  nesting++;
  try {
    const v = judgeUrl(value, []);
    // The outer service fetches the inner URL: a bad scheme there, or data in it, leaves with the fetch.
    return v.kind === 'bad-scheme' || (v.kind === 'off-list' && v.carriesData);
  } finally {
    nesting--;
  }
}

/** Letters and digits of a host label's piece that count towards encoded data once it is this long. A piece of
 * letters alone that reads like a word (a vowel, at most 23 letters) does not count: base32 cut into labels
 * holds a digit in most pieces of six or more. */
const MIN_CODED_PIECE = 6;
/** Encoded characters over a host's subdomain labels that make it data (one label or spread over several). */
const MAX_CODED_CHARS = 20;

/** A piece of a host label that reads as encoding (base32, base32hex, base36) rather than a word: letters and
 * digits with most of the entropy its length allows (a name with a number, `cluster0`, counts: one is never
 * enough to reach MAX_CODED_CHARS). */
function codedPiece(piece: string): boolean {
  if (piece.length < MIN_CODED_PIECE || !/^[a-z0-9]+$/.test(piece)) return false;
  if (/^[a-z]{1,23}$/.test(piece) && /[aeiouy]/.test(piece)) return false; // a word
  return shannonEntropy(piece) >= Math.min(3.5, Math.log2(piece.length) - 0.5);
}

/** Subdomain labels that spell data (DNS exfiltration: `<base32>.evil.example`); the last two labels are the site. */
function hostCarriesData(host: string): boolean {
  const labels = host.split('.');
  let coded = 0;
  for (const label of labels.slice(0, -2)) {
    if ((HEX.test(label) && label.length >= 16) || label.length >= 48) return true;
    if (/^[a-z2-7]{20,}$/.test(label) && !wordLike(label)) return true; // base32
    // base32hex, a prefix before the payload, or a payload cut into labels (`x-<code>`, `<code>.<code>.evil.example`)
    for (const piece of label.split('-')) if (codedPiece(piece)) coded += piece.length;
    if (coded >= MAX_CODED_CHARS) return true;
  }
  return hexSpread(labels.slice(0, -2));
}

export function judgeUrl(raw: string, allowedHosts: readonly string[]): UrlVerdict {
  const trimmed = browserUrlText(raw.trim().replace(/^<|>$/g, ''));
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'javascript' || scheme === 'vbscript') return { kind: 'bad-scheme', scheme };
  if (scheme === 'data')
    return SAFE_DATA_IMAGE.test(trimmed) ? { kind: 'ok' } : { kind: 'bad-scheme', scheme };
  let url: URL;
  try {
    // '//host', '/\\host' and 'https:\\host' all reach another host in a browser: resolve against a page.
    url = new URL(trimmed, `https://${PAGE_HOST}/`);
  } catch {
    return { kind: 'ok' }; // not a URL a browser would fetch
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'ok' };
  if (url.hostname === PAGE_HOST) return { kind: 'ok' }; // relative links and anchors go nowhere new
  if (hostAllowed(url.hostname, allowedHosts) || LOCAL_HOST.test(url.hostname)) return { kind: 'ok' };
  // The fragment never leaves the browser, so only the user info, path and query can carry data out.
  let carriesData = url.username !== '' || url.password !== '' || hostCarriesData(url.hostname);
  let queryChars = 0;
  for (const [k, v] of url.searchParams) {
    if (/^data:image\//i.test(v)) continue; // an inline logo for a badge service
    queryChars += k.length + v.length + 2;
    // A key is sent like a value: `?<base64>` carries data in the key alone.
    if (dataLike(k) || dataLike(v)) carriesData = true;
  }
  if (queryChars > 300) carriesData = true;
  const segments = url.pathname.split('/').map(safeDecode);
  if (segments.some(dataLike) || hexSpread(segments)) carriesData = true;
  return { kind: 'off-list', host: url.hostname, carriesData };
}
