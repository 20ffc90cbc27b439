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
const TOKENISH = /^[A-Za-z0-9+/=_-]+$/;

/** A value that looks like encoded data rather than a word, a slug or a commit id. */
function dataLike(value: string): boolean {
  if (value.length < 24) return false;
  if (HEX.test(value)) return value.length > 64; // git SHAs, sha256 digests
  if (/\s/.test(value) && value.split(/\s+/).length >= 5) return true; // a sentence, URL-encoded
  if (!TOKENISH.test(value)) return value.length > 120;
  if (/^[a-z]+(?:[-_][a-z0-9]+)*$/.test(value)) return value.length > 80; // slugs
  return shannonEntropy(value) >= 3.6 || value.length > 80;
}

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
export function judgeUrl(raw: string, allowedHosts: readonly string[]): UrlVerdict {
  const trimmed = raw.trim().replace(/^<|>$/g, '');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'javascript' || scheme === 'vbscript') return { kind: 'bad-scheme', scheme };
  if (scheme === 'data')
    return SAFE_DATA_IMAGE.test(trimmed) ? { kind: 'ok' } : { kind: 'bad-scheme', scheme };
  let url: URL;
  try {
    url = new URL(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed);
  } catch {
    return { kind: 'ok' }; // relative links and anchors go nowhere new
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'ok' };
  if (hostAllowed(url.hostname, allowedHosts)) return { kind: 'ok' };
  let carriesData = url.username !== '' || url.password !== '' || url.search.length > 300;
  for (const [, v] of url.searchParams) if (dataLike(v)) carriesData = true;
  for (const seg of url.pathname.split('/')) if (dataLike(safeDecode(seg))) carriesData = true;
  if (url.hash.length > 1 && dataLike(safeDecode(url.hash.slice(1)))) carriesData = true;
  return { kind: 'off-list', host: url.hostname, carriesData };
}
