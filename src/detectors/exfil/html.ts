// Reads HTML the way a browser tokenizes it (parse5): active elements, event handlers, and every URL a tag
// loads (src, srcset, background, poster, ping, CSS url()) or links to, as spans of the source.
import { type Token, Tokenizer, TokenizerMode } from 'parse5';
import { cssUrls } from './css.js';

/** A URL an element carries: `load` when the browser fetches it without a click. */
export interface HtmlUrl {
  start: number;
  end: number;
  url: string;
  load: boolean;
}

/** An element or attribute that is active on its own (script, iframe, forms, event handlers...). */
export interface HtmlActive {
  start: number;
  end: number;
  kind: string;
}

export interface HtmlReading {
  urls: HtmlUrl[];
  active: HtmlActive[];
}

const ACTIVE = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'base',
  'portal',
  'fencedframe',
]);
/**
 * `http-equiv` values that only describe or restrict the page: a CSP in a meta element cannot report
 * (`report-uri` is ignored there) and sends nothing. `refresh` navigates, `set-cookie` and anything else count.
 */
const INERT_HTTP_EQUIV = new Set([
  'content-security-policy',
  'content-type',
  'content-language',
  'x-ua-compatible',
]);

function activeMeta(attrs: readonly { name: string; value: string }[]): boolean {
  // The tokenizer keeps the first of duplicate attributes, as a browser does.
  const equiv = attrs.find((a) => a.name === 'http-equiv');
  return equiv !== undefined && !INERT_HTTP_EQUIV.has(equiv.value.trim().toLowerCase());
}
/** Attributes a browser fetches without a click. */
const LOAD_ATTRS = new Set([
  'src',
  'lowsrc',
  'dynsrc',
  'srcset',
  'imagesrcset',
  'background',
  'poster',
  'data',
]);
/** Attributes that send a request on a click (ping fires unseen, so it is judged as a load). */
const CLICK_ATTRS = new Set(['href', 'action', 'formaction', 'cite', 'longdesc', 'codebase', 'archive']);
/** Elements whose href is fetched on load (stylesheets, icons, SVG images and uses). */
const HREF_LOADS = new Set(['link', 'image', 'use', 'feimage', 'script']);
const LIST_ATTRS = new Set(['srcset', 'imagesrcset', 'ping', 'archive']);
/** The HTML tokenizer state each raw-text element switches to (HTML namespace, scripting on). */
const TEXT_STATE: Record<string, number> = {
  style: TokenizerMode.RAWTEXT,
  xmp: TokenizerMode.RAWTEXT,
  iframe: TokenizerMode.RAWTEXT,
  noembed: TokenizerMode.RAWTEXT,
  noframes: TokenizerMode.RAWTEXT,
  noscript: TokenizerMode.RAWTEXT,
  script: TokenizerMode.SCRIPT_DATA,
  textarea: TokenizerMode.RCDATA,
  title: TokenizerMode.RCDATA,
  plaintext: TokenizerMode.PLAINTEXT,
};

const SRCSET_SPACE = /[\t\n\f\r ]/;

/**
 * The candidate URLs of a srcset, parsed as the HTML standard does: a URL is a run without whitespace (trailing
 * commas cut off); after it, descriptors run to the next comma outside parentheses. So `a.png 1x,https://x/p.png`
 * is two candidates, though no space follows the comma.
 */
function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (SRCSET_SPACE.test(value[i]!) || value[i] === ',')) i++;
    const from = i;
    while (i < value.length && !SRCSET_SPACE.test(value[i]!)) i++;
    const url = value.slice(from, i);
    urls.push(url.replace(/,+$/, ''));
    if (url.endsWith(',')) continue; // no descriptors: the next candidate follows
    let parens = false;
    for (; i < value.length; i++) {
      const c = value[i];
      if (c === '(') parens = true;
      else if (c === ')') parens = false;
      else if (c === ',' && !parens) break;
    }
  }
  return urls.filter((u) => u !== '');
}

/**
 * The URLs of a list-valued attribute: srcset candidates (descriptors dropped), or the space-separated URLs of
 * ping and archive (a trailing comma, as someone writing a list puts it, cut off).
 */
function listUrls(name: string, value: string): string[] {
  if (name === 'srcset' || name === 'imagesrcset') return srcsetUrls(value);
  return value
    .split(/\s+/)
    .map((p) => p.replace(/,$/, ''))
    .filter((p) => p !== '');
}

function attrUrls(tag: string, name: string, value: string): { url: string; load: boolean }[] {
  const bare = name.replace(/^xlink:/, '');
  if (bare === 'style') return cssUrls(value).map((url) => ({ url, load: true }));
  let load: boolean;
  if (LOAD_ATTRS.has(bare) || bare === 'ping' || bare === 'manifest') load = true;
  else if (CLICK_ATTRS.has(bare)) load = bare === 'href' && HREF_LOADS.has(tag);
  else if (/^\s*(?:javascript|vbscript|data)\s*:/i.test(value.replace(/[\t\n\r]/g, ''))) load = false;
  else return [];
  const urls = LIST_ATTRS.has(bare) ? listUrls(bare, value) : [value];
  return urls.map((url) => ({ url, load }));
}

interface Pass {
  /** Switch to raw text inside style, script, textarea... as a browser does in the HTML namespace. */
  rawText: boolean;
}

/** One tokenizer pass over `html` (offsets shifted by `at`). */
function tokenize(html: string, at: number, pass: Pass, out: HtmlReading): void {
  let style: { start: number; css: string } | undefined;
  let script: { start: number; end: number } | undefined;
  const closeScript = (end: number) => {
    if (script) out.active.push({ start: script.start, end, kind: 'html-script' });
    script = undefined;
  };
  const tokenizer: Tokenizer = new Tokenizer(
    { sourceCodeLocationInfo: true },
    {
      onStartTag(t: Token.TagToken) {
        const loc = t.location;
        if (!loc) return;
        const start = at + loc.startOffset;
        const end = at + loc.endOffset;
        const name = t.tagName;
        if (name === 'script' && !script) script = { start, end };
        else if (ACTIVE.has(name)) out.active.push({ start, end, kind: `html-${name}` });
        else if (name === 'meta' && activeMeta(t.attrs)) out.active.push({ start, end, kind: 'html-meta' });
        if (name === 'style' && !style) style = { start, css: '' };
        for (const a of t.attrs) {
          // An empty handler runs nothing ("<b only>" in prose is no handler either).
          if (/^on[a-z]{3,}$/i.test(a.name) && a.value.trim() !== '')
            out.active.push({ start, end, kind: 'html-event-handler' });
          for (const u of attrUrls(name, a.name, a.value)) out.urls.push({ start, end, ...u });
        }
        if (pass.rawText && TEXT_STATE[name] !== undefined && !t.selfClosing) {
          tokenizer.state = TEXT_STATE[name] as typeof tokenizer.state;
          tokenizer.lastStartTagName = name;
        }
      },
      onEndTag(t: Token.TagToken) {
        const end = at + (t.location?.endOffset ?? 0);
        if (t.tagName === 'script') closeScript(end);
        if (t.tagName === 'style' && style) {
          const loads = cssUrls(style.css, true);
          for (const url of loads) out.urls.push({ start: style.start, end, url, load: true });
          style = undefined;
        }
      },
      onCharacter(t: Token.CharacterToken) {
        if (style) style.css += t.chars;
      },
      onWhitespaceCharacter(t: Token.CharacterToken) {
        if (style) style.css += t.chars;
      },
      onNullCharacter() {},
      onComment() {},
      onDoctype() {},
      onEof() {},
      onParseError(e) {
        if (e.code !== 'eof-in-tag') return;
        // A tag cut off by the end of the text: judged on what it has so far.
        const current = (tokenizer as unknown as { currentToken?: { location?: { startOffset: number } } })
          .currentToken;
        const from = current?.location?.startOffset;
        if (from !== undefined) partialTag(html.slice(from), at + from, at + html.length, out);
      },
    },
  );
  tokenizer.write(html, true);
  // An element left open at the end: its opening tag is enough to make what follows inert, so it is the span.
  if (script) closeScript(script.end);
  if (style) out.active.push({ start: style.start, end: style.start + 7, kind: 'html-style' });
}

const START_TAG = /<[A-Za-z]/;
const RAW_TEXT_TAG = /<(?:style|script|xmp|iframe|noembed|noframes|noscript|textarea|title|plaintext)[\s/>]/i;

const PARTIAL_ATTR = /([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s"'>]+))/g;

function partialTag(text: string, start: number, end: number, out: HtmlReading): void {
  const name = /^<([A-Za-z][^\s/>]*)/.exec(text)?.[1]?.toLowerCase();
  if (!name) return;
  for (const m of text.matchAll(PARTIAL_ATTR)) {
    const attr = m[1]!.toLowerCase();
    if (/^on[a-z]{3,}$/.test(attr)) out.active.push({ start, end, kind: 'html-event-handler' });
    // one of the three value forms always matched
    for (const u of attrUrls(name, attr, (m[2] ?? m[3] ?? m[4])!)) out.urls.push({ start, end, ...u });
  }
}

/**
 * Every active element and URL in the given stretches of `text`, read twice: as a browser would (raw text
 * inside style, script, textarea...) and flat (tags everywhere), so that foreign content (an `<svg><style>`)
 * cannot hide a tag from one reading alone.
 */
export function readHtml(text: string, segments: readonly [number, number][]): HtmlReading {
  const out: HtmlReading = { urls: [], active: [] };
  for (const [start, end] of segments) {
    const piece = text.slice(start, end);
    if (!START_TAG.test(piece)) continue; // no start tag, nothing to find
    tokenize(piece, start, { rawText: true }, out);
    // Without a raw-text element both readings are the same.
    if (RAW_TEXT_TAG.test(piece)) tokenize(piece, start, { rawText: false }, out);
  }
  return out;
}

const NO_HANDLERS = {
  onStartTag() {},
  onEndTag() {},
  onCharacter() {},
  onWhitespaceCharacter() {},
  onNullCharacter() {},
  onComment() {},
  onDoctype() {},
  onEof() {},
  onParseError() {},
};

/**
 * True when `text`, read from the start of a page both ways readHtml reads it, leaves the tokenizer at rest: in
 * no tag, comment or raw-text element. Only then may a later reading start after it and see what a reading of
 * the whole text sees.
 */
export function htmlAtRest(text: string): boolean {
  if (!text.includes('<')) return true;
  for (const rawText of [true, false]) {
    const tokenizer: Tokenizer = new Tokenizer(
      { sourceCodeLocationInfo: false },
      {
        ...NO_HANDLERS,
        onStartTag(t: Token.TagToken) {
          if (rawText && TEXT_STATE[t.tagName] !== undefined && !t.selfClosing) {
            tokenizer.state = TEXT_STATE[t.tagName] as typeof tokenizer.state;
            tokenizer.lastStartTagName = t.tagName;
          }
        },
      },
    );
    tokenizer.write(text, false);
    if (tokenizer.state !== TokenizerMode.DATA) return false;
  }
  return true;
}
