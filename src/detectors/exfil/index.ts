// Finds exfiltration channels in output: markdown images and links, bare URLs, dangerous URIs, active HTML.
import { type Finding, mergeFindings } from '../finding.js';
import { openTokenFrom } from '../open-token.js';
import { FenceTracker, inInlineCode } from './code-spans.js';
import { hostAllowed, judgeUrl } from './url-data.js';

/** Static badge and avatar hosts common in READMEs: their images pass unless the URL carries data. */
export const DEFAULT_IMAGE_HOSTS = [
  'img.shields.io',
  'badgen.net',
  'badge.fury.io',
  'avatars.githubusercontent.com',
  'raw.githubusercontent.com',
  'user-images.githubusercontent.com',
  'github.com',
  'codecov.io',
  'coveralls.io',
  'travis-ci.org',
  'travis-ci.com',
  'secure.travis-ci.org',
  'api.travis-ci.com',
  'ci.appveyor.com',
  'nodei.co',
  'packagephobia.com',
  'snyk.io',
  'api.securityscorecards.dev',
  'bestpractices.coreinfrastructure.org',
];

/** Where code is, for text that is a window of a longer output. */
export interface CodeContext {
  fences: FenceTracker;
  /** Absolute index of text[0] in the whole output. */
  offset: number;
}

export interface ExfilScanOptions {
  /** Hosts the output may point at freely (exact, or '*.domain'). */
  allowedHosts?: readonly string[];
  /** Images load without a click: 'off-list' flags every off-list image (default), 'data' only data-carrying ones. */
  images?: 'off-list' | 'data';
  /** Links and bare URLs: 'data' flags off-list ones that carry data (default), 'off-list' flags all off-list. */
  links?: 'off-list' | 'data';
  /** Hosts whose images pass unless the URL carries data (default DEFAULT_IMAGE_HOSTS). */
  imageHosts?: readonly string[];
  /** Flag active HTML (script, iframe, forms, event handlers); default true. */
  html?: boolean;
  /** Ignore constructs inside markdown code (fenced blocks, inline spans), which render as text; default true. */
  skipCode?: boolean;
}

const MD_LINK = /(!?)\[([^\]\n]{0,500})\]\(\s*(<[^>\n]*>|[^)\s]*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
const MD_REF_DEF = /^[ \t]{0,3}\[([^\]\n]{1,200})\]:[ \t]*(<[^>\n]*>|\S+)/gm;
const MD_IMAGE_REF = /!\[([^\]\n]{0,500})\](?:\[([^\]\n]{0,200})\])?/g;
const IMAGE_LIKE = /badge|image|img|logo|icon|shield|\.(?:png|jpe?g|gif|svg|webp|avif|bmp)(?:$|\?)/i;
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>"'`\\[\]]+/gi;
const ACTIVE_TAG =
  /<(script|iframe|frame|frameset|object|embed|applet|form|base|meta(?=[^>]*http-equiv)|style(?=[^<>]*>[^<]*(?:url\(\s*['"]?(?:https?:)?\/\/|@import)))(?=[\s/>])[^<>]*>/gi;
const ANY_TAG = /<([A-Za-z][\w-]*)\b((?:[^<>"']|"[^"<>]*"|'[^'<>]*')*)>/g;
const EVENT_ATTR = /(?:^|[\s"'/])on[a-z]{3,20}\s*=/i;
const URL_ATTR =
  /\b(src|href|action|formaction|srcset|poster|data|background)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

function trimUrlTail(url: string): string {
  // Prose punctuation after a bare URL is not part of it.
  return url.replace(/[.,;:!?)\]]+$/, '');
}

function urlFinding(
  url: string,
  image: boolean,
  opts: ExfilScanOptions,
): { kind: string; confidence: number } | undefined {
  const v = judgeUrl(url, opts.allowedHosts ?? []);
  if (v.kind === 'ok') return undefined;
  if (v.kind === 'bad-scheme') return { kind: `${v.scheme}-uri`, confidence: 0.95 };
  const policy = image ? (opts.images ?? 'off-list') : (opts.links ?? 'data');
  if (v.carriesData) return { kind: image ? 'image-exfiltration' : 'link-exfiltration', confidence: 0.9 };
  if (image && hostAllowed(v.host, opts.imageHosts ?? DEFAULT_IMAGE_HOSTS)) return undefined;
  if (policy === 'off-list') return { kind: image ? 'off-list-image' : 'off-list-link', confidence: 0.6 };
  return undefined;
}

function scanHtml(text: string, opts: ExfilScanOptions, out: Finding[]): void {
  ACTIVE_TAG.lastIndex = 0;
  for (const m of text.matchAll(ACTIVE_TAG)) {
    const name = m[1]!.toLowerCase();
    let end = m.index + m[0].length;
    if (name === 'script' || name === 'style') {
      // With its body when the closing tag is in view; otherwise the opening tag alone, which is enough to
      // make what follows inert text.
      const close = text.toLowerCase().indexOf(`</${name}`, end);
      const closeEnd = close === -1 ? -1 : text.indexOf('>', close);
      if (closeEnd !== -1) end = closeEnd + 1;
    }
    out.push({ start: m.index, end, kind: `html-${name}`, confidence: 0.9 });
  }
  ANY_TAG.lastIndex = 0;
  for (const m of text.matchAll(ANY_TAG)) {
    const attrs = m[2] ?? '';
    const end = m.index + m[0].length;
    if (EVENT_ATTR.test(attrs)) {
      out.push({ start: m.index, end, kind: 'html-event-handler', confidence: 0.9 });
      continue;
    }
    // These load without a click, like an image.
    const image = /^(?:img|image|video|audio|source|input|track|link)$/i.test(m[1]!);
    URL_ATTR.lastIndex = 0;
    for (const a of attrs.matchAll(URL_ATTR)) {
      const value = a[2] ?? a[3] ?? a[4] ?? '';
      const f = urlFinding(
        value.split(/\s+/)[0] ?? '',
        image || /^(?:src|srcset|poster)$/i.test(a[1]!),
        opts,
      );
      if (f) {
        out.push({ start: m.index, end, ...f });
        break;
      }
    }
  }
}

/** Every exfiltration channel in the text; `code` places a window within a longer output. */
export function detectExfiltration(text: string, opts: ExfilScanOptions = {}, code?: CodeContext): Finding[] {
  const found = scanAll(text, opts);
  if (found.length === 0 || opts.skipCode === false) return found;
  let ctx = code;
  if (!ctx) {
    ctx = { fences: new FenceTracker(), offset: 0 };
    ctx.fences.update(text, 0);
  }
  const { fences, offset } = ctx;
  return found.filter(
    (f) =>
      !fences.inFence(offset + f.start, offset + f.start + 1) &&
      !inInlineCode(text, f.start, f.end, offset === 0),
  );
}

function scanAll(text: string, opts: ExfilScanOptions): Finding[] {
  const out: Finding[] = [];
  if (text.includes('](')) {
    MD_LINK.lastIndex = 0;
    for (const m of text.matchAll(MD_LINK)) {
      const f = urlFinding(m[3]!, m[1] === '!', opts);
      if (f) out.push({ start: m.index, end: m.index + m[0].length, ...f });
    }
  }
  if (text.includes(']:')) {
    // A reference definition is an image when an image uses its label, or when it looks like one.
    const imageLabels = new Set<string>();
    MD_IMAGE_REF.lastIndex = 0;
    for (const m of text.matchAll(MD_IMAGE_REF)) imageLabels.add((m[2] || m[1] || '').trim().toLowerCase());
    MD_REF_DEF.lastIndex = 0;
    for (const m of text.matchAll(MD_REF_DEF)) {
      const label = m[1]!.trim().toLowerCase();
      const image = imageLabels.has(label) || IMAGE_LIKE.test(label) || IMAGE_LIKE.test(m[2]!);
      const f = urlFinding(m[2]!, image, opts);
      if (f) out.push({ start: m.index, end: m.index + m[0].length, ...f });
    }
  }
  BARE_URL.lastIndex = 0;
  for (const m of text.matchAll(BARE_URL)) {
    const url = trimUrlTail(m[0]);
    const f = urlFinding(url.startsWith('www.') ? `https://${url}` : url, false, opts);
    if (f) out.push({ start: m.index, end: m.index + url.length, ...f });
  }
  if ((opts.html ?? true) && text.includes('<')) scanHtml(text, opts, out);
  return mergeFindings(out);
}

const OPEN_TAG = /^<[A-Za-z][\w-]*(?:\s(?:[^<>"']|"[^"]*(?:"|$)|'[^']*(?:'|$))*)?$/;
const OPEN_MD = /^\[[^\]\n]{0,500}(?:\](?:\(\s*[^)\s]*(?:\s+"[^"\n]*)?)?)?$/;

/** Start of a link, tag or URL still open at the end of a streamed text, or -1. */
export function openExfilFrom(text: string): number {
  const starts: number[] = [openTokenFrom(text, 8)];
  const lt = text.lastIndexOf('<');
  if (lt !== -1 && text.length - lt <= 1024 && OPEN_TAG.test(text.slice(lt))) starts.push(lt);
  const lb = text.lastIndexOf('[');
  if (lb !== -1 && text.length - lb <= 2048 && OPEN_MD.test(text.slice(lb))) {
    starts.push(lb > 0 && text[lb - 1] === '!' ? lb - 1 : lb);
  }
  const valid = starts.filter((s) => s >= 0);
  return valid.length === 0 ? -1 : Math.min(...valid);
}

/** Recognition span a closed finding needs (`![`, `javascript:`, a tag name); longer ones are held open. */
export const EXFIL_HOLD_BACK = 64;
