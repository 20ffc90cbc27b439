// Finds exfiltration channels in output as a renderer finds them: markdown images, links, autolinks and
// reference definitions (markdown-it), HTML tags, attributes and CSS (parse5), bare URLs, dangerous URIs.
import { type Finding, mergeFindings } from '../finding.js';
import { openTokenFrom } from '../open-token.js';
import type { FenceTracker } from './code-spans.js';
import { readHtml } from './html.js';
import { imageLabelsIn } from './image-labels.js';
import { type MarkdownReading, type ReferenceDef, type References, readMarkdown } from './markdown.js';
import { hostAllowed, judgeUrl } from './url-data.js';

/** Static badge and avatar hosts common in READMEs: with `images: 'off-list'`, their images pass unless the URL carries data. */
export const DEFAULT_IMAGE_HOSTS = [
  'img.shields.io',
  '*.badgen.net', // flat.badgen.net is the same service
  'badgen.now.sh', // badgen's own deployment (other *.now.sh hosts are anyone's)
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
  'api.travis-ci.org',
  'badges.greenkeeper.io',
  'saucelabs.com',
  'codeclimate.com',
  'jsr.io',
  'data.jsdelivr.com',
  'packagephobia.now.sh',
  // Badge, avatar and icon services whose logs an author cannot read (measured on package READMEs):
  '*.githubusercontent.com',
  'versionbadg.es',
  'david-dm.org',
  'opencollective.com',
  'images.opencollective.com',
  'gravatar.com',
  'www.gravatar.com',
  'secure.gravatar.com',
  'api.scorecard.dev',
  'app.fossa.com',
  'app.fossa.io',
  'packagequality.com',
  'cdn.simpleicons.org',
  // CI and chat badge services, and GitHub's own raw host (measured on package READMEs, decision 2541):
  'app.travis-ci.com',
  'badges.gitter.im',
  'raw.github.com',
  // Serves only files cached before it closed to new ones in 2019: no one can place a new image there.
  'cdn.rawgit.com',
];

/** What earlier parts of a streamed output tell the scan of a later window of it. */
export interface ExfilContext {
  /** Reference definitions seen earlier, so a use resolves after its definition scrolled away. */
  references?: References;
  /** Reference labels earlier images used, so a definition that arrives after its use is judged as an image. */
  imageLabels?: ReadonlySet<string>;
  /**
   * Set when the text does not begin at a top-level block of the output: the parser's idea of code is not
   * trusted there, only the fences this tracker followed across the whole output (`offset` places text[0]).
   */
  fences?: { tracker: FenceTracker; offset: number };
}

export interface ExfilScanOptions {
  /** Hosts the output may point at freely (exact, or '*.domain'). */
  allowedHosts?: readonly string[];
  /** Images load without a click: 'off-list' flags every off-list one (default), 'data' only those that carry data. */
  images?: 'off-list' | 'data';
  /** Links and bare URLs: 'data' flags off-list ones that carry data (default), 'off-list' flags all off-list. */
  links?: 'off-list' | 'data';
  /** With `images: 'off-list'`: hosts whose images pass unless the URL carries data (default DEFAULT_IMAGE_HOSTS). */
  imageHosts?: readonly string[];
  /** Flag active HTML (script, iframe, forms, event handlers) and HTML attributes; default true. */
  html?: boolean;
  /** Ignore constructs inside markdown code (fenced blocks, inline spans), which render as text; default true. */
  skipCode?: boolean;
}

/** A full reading of a text: its findings and what a stream must remember of it. */
export interface ExfilReading {
  findings: Finding[];
  /** Definitions found in the text (to remember for later windows once they are complete). */
  defs: ReferenceDef[];
  imageLabels: Set<string>;
  /** Offsets where a later parse may begin (see MarkdownReading.restarts); empty when not parsed. */
  restarts: number[];
}

/** A reference label named like an image; labels are case-folded, so `travisbadge` is matched inside. */
const IMAGE_LABEL = /badge|image|img|logo|icon|shield/i;
const IMAGE_FILE = /\.(?:png|jpe?g|gif|svg|webp|avif|bmp)(?:$|\?)/i;
const IMAGE_WORDS = new Set([
  'badge',
  'badges',
  'image',
  'images',
  'img',
  'imgs',
  'logo',
  'logos',
  'icon',
  'icons',
  'shield',
  'shields',
]);

/** A URL named like an image: a file extension, or one of its words (`/badge/`, `npmLogo`), not a substring (`iconv-lite`). */
function imageUrlLike(url: string): boolean {
  if (IMAGE_FILE.test(url)) return true;
  const words = url
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/);
  return words.some((w) => IMAGE_WORDS.has(w));
}
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>"'`\\[\]]+/gi;
/**
 * Without one of these, no renderer makes a link, image or tag of the text and the parsers are skipped: a tag
 * needs `<`, a link or image `](`, a definition `]:`, a reference `][` (a shortcut `[x]` only resolves with a
 * definition, so it counts once one is known).
 */
const MARKUP = /<|\]\(|\]:|\]\[/;

const SCHEME_OR_SLASHES = /[A-Za-z][A-Za-z0-9+.-]*:|\/\//g;
/** Characters that may end a link destination inside a whitespace-free run (`](url)`, `](url)"`, `<url>`...). */
const DESTINATION_END = /[)\]>"'*_~]/g;

/**
 * True when no URL a renderer could read from `text` would be flagged, so its markdown need not be parsed.
 * Without `<`, `&` and `\` (no HTML, autolink, entity or escape can change a destination), a destination is a
 * whitespace-free stretch beginning with a scheme or `//` (others resolve against the page); each is judged
 * at every place it could end. Conservative: any doubt parses.
 */
export function nothingToFlag(text: string, opts: ExfilScanOptions): boolean {
  if (/[<&\\]/.test(text)) return false;
  // An image's destination follows its `![` (inline), or sits in a definition (`]:`) an image may use: before
  // the first `![` and without a definition, a URL is only ever a link's.
  const firstImage = text.includes(']:') ? 0 : text.indexOf('![');
  let at = 0;
  for (const run of text.split(/\s+/)) {
    const runAt = text.indexOf(run, at);
    at = runAt + run.length;
    if (!run.includes(':') && !run.includes('//')) continue;
    for (const m of run.matchAll(SCHEME_OR_SLASHES)) {
      const tail = run.slice(m.index);
      const image = firstImage !== -1 && firstImage < runAt + m.index;
      const ends = [tail.length, trimUrlTail(tail).length];
      for (const e of tail.matchAll(DESTINATION_END)) ends.push(e.index);
      for (const end of new Set(ends)) {
        const url = tail.slice(0, end);
        if (url && ((image && urlFinding(url, true, opts)) || urlFinding(url, false, opts))) return false;
      }
    }
  }
  return true;
}

function trimUrlTail(url: string): string {
  // Prose punctuation after a bare URL is not part of it.
  return url.replace(/[.,;:!?)\]]+$/, '');
}

type UrlJudgement = { kind: string; confidence: number } | undefined;
/** A stream judges the same URLs at every window step: remembered per options object. */
const judged = new WeakMap<ExfilScanOptions, Map<string, UrlJudgement>>();

function urlFinding(url: string, image: boolean, opts: ExfilScanOptions): UrlJudgement {
  let cache = judged.get(opts);
  if (!cache) {
    cache = new Map();
    judged.set(opts, cache);
  }
  const key = `${image ? 'i' : 'l'}${url}`;
  if (cache.has(key)) return cache.get(key);
  if (cache.size > 2000) cache.clear();
  const v = judgeFresh(url, image, opts);
  cache.set(key, v);
  return v;
}

function judgeFresh(url: string, image: boolean, opts: ExfilScanOptions): UrlJudgement {
  const v = judgeUrl(url, opts.allowedHosts ?? []);
  if (v.kind === 'ok') return undefined;
  if (v.kind === 'bad-scheme') return { kind: `${v.scheme}-uri`, confidence: 0.95 };
  const policy = image ? (opts.images ?? 'off-list') : (opts.links ?? 'data');
  if (v.carriesData) return { kind: image ? 'image-exfiltration' : 'link-exfiltration', confidence: 0.9 };
  if (image && hostAllowed(v.host, opts.imageHosts ?? DEFAULT_IMAGE_HOSTS)) return undefined;
  if (policy === 'off-list') return { kind: image ? 'off-list-image' : 'off-list-link', confidence: 0.6 };
  return undefined;
}

/** Bare URLs (what GFM autolinks) that the rules flag, code not yet ruled out. */
export function bareUrlFindings(text: string, opts: ExfilScanOptions = {}): Finding[] {
  const out: Finding[] = [];
  bareUrls(text, opts, out);
  return out;
}

function bareUrls(text: string, opts: ExfilScanOptions, out: Finding[]): void {
  if (!text.includes('://') && !/www\./i.test(text)) return;
  BARE_URL.lastIndex = 0;
  for (const m of text.matchAll(BARE_URL)) {
    const url = trimUrlTail(m[0]);
    const f = urlFinding(url.startsWith('www.') ? `https://${url}` : url, false, opts);
    if (f) out.push({ start: m.index, end: m.index + url.length, ...f });
  }
}

/** The text with code blanked out (offsets kept), for the reading of the whole text as HTML. */
function blank(text: string, code: readonly [number, number][]): string {
  if (code.length === 0) return text;
  const sorted = [...code].sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of sorted) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    out += text.slice(at, from) + ' '.repeat(e - from);
    at = e;
  }
  return out + text.slice(at);
}

function scanMarkup(
  text: string,
  md: MarkdownReading,
  opts: ExfilScanOptions,
  labels: ReadonlySet<string>,
  out: Finding[],
) {
  for (const u of md.urls) {
    const f = urlFinding(u.url, u.image, opts);
    if (f) out.push({ start: u.start, end: u.end, ...f });
  }
  for (const d of md.defs) {
    // A definition is an image when an image uses its label, or when it looks like one.
    const image =
      labels.has(d.label) || IMAGE_LABEL.test(d.label) || IMAGE_FILE.test(d.label) || imageUrlLike(d.url);
    const f = urlFinding(d.url, image, opts);
    if (f) out.push({ start: d.start, end: d.end, ...f });
  }
  if (opts.html === false) return;
  const trusted = opts.skipCode === false ? [] : md.code;
  // Read as the markdown renderer passes HTML through, and as a page that takes the whole text as HTML.
  const pieces = readHtml(text, md.html);
  const whole = /<[A-Za-z]/.test(text) ? readHtml(blank(text, trusted), [[0, text.length]]) : pieces;
  for (const r of whole === pieces ? [pieces] : [pieces, whole]) {
    for (const a of r.active) out.push({ ...a, confidence: 0.9 });
    for (const u of r.urls) {
      const f = urlFinding(u.url, u.load, opts);
      if (f) out.push({ start: u.start, end: u.end, ...f });
    }
  }
}

/** Reads `text` whole: findings plus what a stream keeps for its next windows. */
export function readExfiltration(
  text: string,
  opts: ExfilScanOptions = {},
  ctx: ExfilContext = {},
): ExfilReading {
  const out: Finding[] = [];
  const skipCode = opts.skipCode !== false;
  const labels = new Set(ctx.imageLabels ?? []);
  let md: MarkdownReading | undefined;
  const known = ctx.references !== undefined && Object.keys(ctx.references).length > 0;
  if (text.includes('![')) for (const l of imageLabelsIn(text)) labels.add(l);
  // A stream remembers definitions, those that pass too (the first of a label wins): a text with one is parsed.
  const defs = ctx.references !== undefined && text.includes(']:');
  if ((MARKUP.test(text) && (defs || !nothingToFlag(text, opts))) || (known && text.includes(']'))) {
    // Without a trusted start, code is not taken from the parser (a fence opened earlier would read inverted).
    md = readMarkdown(text, ctx.references, skipCode && !ctx.fences);
    scanMarkup(text, md, opts, labels, out);
  }
  bareUrls(text, opts, out);
  let found = mergeFindings(out);
  if (skipCode && found.length > 0) {
    const fences = ctx.fences;
    if (fences) {
      found = found.filter(
        (f) => !fences.tracker.inFence(fences.offset + f.start, fences.offset + f.start + 1),
      );
    } else {
      const code = (md ?? readMarkdown(text, ctx.references)).code;
      // Markdown constructs inside code were never yielded; bare URLs and whole-text HTML are dropped here.
      found = found.filter((f) => !code.some(([s, e]) => s <= f.start && f.end <= e));
    }
  }
  return { findings: found, defs: md?.defs ?? [], imageLabels: labels, restarts: md?.restarts ?? [] };
}

/** Every exfiltration channel in the text; `ctx` carries what earlier parts of a stream showed. */
export function detectExfiltration(text: string, opts: ExfilScanOptions = {}, ctx?: ExfilContext): Finding[] {
  return readExfiltration(text, opts, ctx).findings;
}

const OPEN_TAG = /^<[A-Za-z][\w-]*(?:\s(?:[^<>"']|"[^"]*(?:"|$)|'[^']*(?:'|$))*)?$/;
const OPEN_RAW = /<(style|script)\b[^>]*>/gi;
const END_STYLE = /<\/style(?:[\t\n\f\r /][^>]*)?>/gi;
const END_SCRIPT = /<\/script(?:[\t\n\f\r /][^>]*)?>/gi;

/** True when `s` (from a '[') is a link, image, reference or definition that the next characters may complete. */
function openBracket(s: string): boolean {
  let depth = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) break;
    else if (c === '\n' && s[i + 1] === '\n') return false; // the paragraph ended
  }
  if (i >= s.length) return true; // label still open (nested brackets included)
  const rest = s.slice(i + 1);
  if (rest === '') return true;
  if (rest[0] === '[') return !rest.includes(']');
  if (rest[0] === ':') return /^:[ \t]*\n?[ \t]*\S*$/.test(rest);
  if (rest[0] !== '(') return false;
  let parens = 0;
  for (let j = 0; j < rest.length; j++) {
    if (rest[j] === '\\') j++;
    else if (rest[j] === '(') parens++;
    else if (rest[j] === ')' && --parens === 0) return false;
  }
  return true;
}

/** Earliest '[' in the last 2 KB that opens a construct still unfinished at the end, or -1. */
function openBracketFrom(text: string): number {
  const floor = Math.max(0, text.length - 2048);
  let found = -1;
  let tries = 0;
  for (
    let at = text.lastIndexOf('[');
    at >= floor && tries < 32;
    at = text.lastIndexOf('[', at - 1), tries++
  ) {
    if (openBracket(text.slice(at))) found = at;
    if (at === 0) break;
  }
  return found;
}

/** Start of a link, definition, tag, style/script element or URL still open at the end of a streamed text, or -1. */
export function openExfilFrom(text: string): number {
  const starts: number[] = [openTokenFrom(text, 8)];
  const lt = text.lastIndexOf('<');
  if (lt !== -1 && text.length - lt <= 1024 && OPEN_TAG.test(text.slice(lt))) starts.push(lt);
  const lb = openBracketFrom(text);
  if (lb !== -1) starts.push(lb > 0 && text[lb - 1] === '!' ? lb - 1 : lb);
  // A style or script element is judged with its body: held until its end tag is complete (`</style` alone
  // still leaves the element open to the tokenizer), within reason.
  const tail = text.slice(-2048);
  for (const m of tail.matchAll(OPEN_RAW)) {
    const end = m[1]!.toLowerCase() === 'style' ? END_STYLE : END_SCRIPT;
    end.lastIndex = m.index + m[0].length;
    if (!end.test(tail)) {
      starts.push(text.length - tail.length + m.index);
      break;
    }
  }
  const valid = starts.filter((s) => s >= 0);
  return valid.length === 0 ? -1 : Math.min(...valid);
}

/** Recognition span a closed finding needs (`![`, `javascript:`, a tag name); longer ones are held open. */
export const EXFIL_HOLD_BACK = 64;
