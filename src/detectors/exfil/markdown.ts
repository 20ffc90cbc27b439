// Reads markdown the way a CommonMark renderer does (markdown-it): the images, links, autolinks and reference
// definitions it yields, where markdown code is, and which stretches are raw HTML, all as spans of the source.
import MarkdownItCtor, { type MarkdownIt, type Env as MdEnv, type Token } from 'markdown-it';

/** A URL the renderer emits, with the source span of the construct that carries it. */
export interface MarkdownUrl {
  start: number;
  end: number;
  url: string;
  /** Images load without a click; links and autolinks need one. */
  image: boolean;
}

/** A reference definition (`[label]: url`), inside blockquotes and list items too. */
export interface ReferenceDef {
  start: number;
  end: number;
  /** Label as the renderer keys it (case- and whitespace-folded). */
  label: string;
  url: string;
}

export type References = Record<string, { href: string; title: string }>;

export interface MarkdownReading {
  urls: MarkdownUrl[];
  defs: ReferenceDef[];
  /** Code spans, fenced and indented blocks: [start, end) shown as text. */
  code: [number, number][];
  /** Raw HTML the renderer passes through (blocks and inline tags). */
  html: [number, number][];
  /**
   * Starts of top-level blocks on an unindented line after a blank one: a parse that begins there reads the
   * rest exactly as a parse of the whole text does (no code span, list item or fence runs across it).
   */
  restarts: number[];
}

type Record_ = { kind: 'url' | 'code' | 'html'; start: number; end: number; block: Token; tokens: Token[] };

interface Env extends MdEnv {
  references: References;
  depth: number;
  block?: Token;
  records: Record_[];
  defs: { startLine: number; endLine: number; refs: References }[];
  /** Table cells in the order of the source, with the line of their row. */
  cells: { tok: Token; line: number }[];
}

function originalRule<F>(ruler: { __rules__: { name: string; fn: F }[] }, name: string): F {
  // markdown-it exports no rule functions; the ruler keeps them by name.
  const rule = ruler.__rules__.find((r) => r.name === name);
  if (!rule) throw new Error(`markdown-it has no rule '${name}'`);
  return rule.fn;
}

function wrapInline(md: MarkdownIt, name: string, kind: Record_['kind']): void {
  const orig = originalRule(md.inline.ruler, name);
  md.inline.ruler.at(name, (state, silent) => {
    const start = state.pos;
    const first = state.tokens.length;
    const ok = orig(state, silent);
    const env = state.env as Env;
    // Alt text is parsed again on its own (depth 2): what it holds renders as plain text, never as a link.
    if (ok && !silent && env.depth === 1 && env.block) {
      env.records.push({ kind, start, end: state.pos, block: env.block, tokens: state.tokens.slice(first) });
    }
    return ok;
  });
}

function build(code: boolean): MarkdownIt {
  const md = new MarkdownItCtor({ html: true, linkify: false });
  // Renderers that do not sanitise (marked does not) emit javascript:, data: and file: links: see them all.
  md.validateLink = () => true;
  // The URL is judged by the WHATWG parser, which percent-encodes and punycodes by itself.
  md.normalizeLink = (url) => url;
  md.normalizeLinkText = (text) => text;
  // A parse that takes no code from the parser (a stream's tail cut inside a block, whose start it cannot trust, or
  // skipCode off) errs towards finding more: nothing hides markdown (code, fences, HTML blocks), and a definition
  // may interrupt a paragraph or a quote's lazy line (a block the parse cannot see may have ended it).
  if (!code) md.disable(['code', 'fence', 'backticks', 'html_block']);
  // Emphasis, entities in text and line breaks never change where a link, image or code span is: fewer tokens.
  md.disable([
    'emphasis',
    'strikethrough',
    'entity',
    'newline',
    'text_join',
    'balance_pairs',
    'fragments_join',
  ]);
  wrapInline(md, 'link', 'url');
  wrapInline(md, 'image', 'url');
  wrapInline(md, 'autolink', 'url');
  wrapInline(md, 'html_inline', 'html');
  if (code) wrapInline(md, 'backticks', 'code');
  const parseInline = md.inline.parse.bind(md.inline);
  md.inline.parse = (src, mdi, mdEnv, out) => {
    const env = mdEnv as Env;
    env.depth++;
    try {
      parseInline(src, mdi, env, out);
    } finally {
      env.depth--;
    }
  };
  md.core.ruler.at('inline', (state) => {
    const env = state.env as Env;
    let lines: [number, number] | null = null;
    for (const tok of state.tokens) {
      if (tok.map) lines = tok.map;
      if (tok.type !== 'inline') continue;
      // A table cell has no line map of its own: its row's is the nearest (SourceMap places the cells of a row).
      if (!tok.map && lines) env.cells.push({ tok, line: lines[0] });
      tok.map ??= lines;
      env.block = tok;
      state.md.inline.parse(tok.content, state.md, env, tok.children ?? []);
    }
    env.block = undefined;
  });
  const reference = originalRule(md.block.ruler, 'reference');
  // Otherwise, as in markdown-it's own chain and CommonMark, a definition interrupts neither a paragraph nor an
  // open title.
  const alt = code ? [] : ['paragraph', 'blockquote'];
  md.block.ruler.at(
    'reference',
    (state, startLine, endLine, silent) => {
      const env = state.env as Env;
      // Every definition is recorded, a repeated label too: it takes effect once the first one is removed.
      const known = env.references;
      env.references = {};
      let ok = false;
      try {
        ok = reference(state, startLine, endLine, silent);
      } finally {
        const found = env.references;
        env.references = known;
        for (const [k, v] of Object.entries(found)) if (!(k in known)) known[k] = v;
        if (ok && !silent) env.defs.push({ startLine, endLine: state.line, refs: found });
      }
      return ok;
    },
    { alt },
  );
  return md;
}

const RECORDED: Record<Record_['kind'], readonly string[]> = {
  url: ['link_open', 'image'],
  code: ['code_inline'],
  html: ['html_inline'],
};

const withCode = build(true);
const withoutCode = build(false);

/** Line starts of the text, as markdown-it splits it. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

class SourceMap {
  readonly starts: number[];
  /** Where each table cell's content starts in its row's line (-1: not found as written). */
  private readonly cells = new Map<Token, number>();

  constructor(
    private readonly text: string,
    cells: readonly { tok: Token; line: number }[],
  ) {
    this.starts = lineStarts(text);
    // Two cells of a row may read the same: each is looked for after the cells before it, not as the row's
    // first match.
    let row = -1;
    let from = 0;
    for (const { tok, line } of cells) {
      if (line !== row) {
        row = line;
        from = 0;
      }
      const at = tok.content === '' ? from : this.line(line).indexOf(tok.content, from);
      this.cells.set(tok, at);
      if (at !== -1) from = at + tok.content.length;
    }
  }

  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    return next === undefined ? this.text.length : next - 1;
  }

  line(line: number): string {
    return this.text.slice(this.starts[line] ?? this.text.length, this.lineEnd(line));
  }

  /** Source offset of position `pos` of an inline block's content (markers and indentation stripped). */
  inline(block: Token, pos: number, side: 'start' | 'end'): number {
    const [l0 = 0, l1 = l0 + 1] = block.map ?? [];
    const before = block.content.slice(0, pos);
    const row = before.split('\n').length - 1;
    const rowStart = before.lastIndexOf('\n') + 1;
    const line = Math.min(l0 + row, l1 - 1);
    const source = this.line(line);
    const rowEnd = block.content.indexOf('\n', rowStart);
    const content = block.content.slice(rowStart, rowEnd === -1 ? block.content.length : rowEnd);
    const cell = this.cells.get(block);
    const base = cell ?? locate(source, content);
    const lineStart = this.starts[line] ?? this.text.length;
    // Not found as written (tabs expanded): widen to the whole line rather than guess.
    if (base === -1) return side === 'start' ? lineStart : this.lineEnd(line);
    return Math.min(lineStart + base + (pos - rowStart), this.lineEnd(line));
  }
}

/** Where a content line sits in its source line: preferably as its suffix (markers come first). */
function locate(source: string, content: string): number {
  if (content.length === 0) return source.length;
  let best = -1;
  for (let p = source.indexOf(content); p !== -1; p = source.indexOf(content, p + 1)) {
    if (best === -1) best = p;
    if (source.slice(p + content.length).trim() === '') return p;
  }
  return best;
}

/** markdown-it folds CR LF to LF; a space keeps every offset in place. */
function sameLength(text: string): string {
  return text.replace(/\r\n/g, ' \n').replace(/\r/g, '\n');
}

/**
 * Parses `text` as CommonMark (with raw HTML). `known` are definitions seen earlier in the same output, so a use
 * whose definition scrolled out of view still resolves; `code: false` reads code as markdown too.
 */
export function readMarkdown(text: string, known: References = {}, code = true): MarkdownReading {
  const src = sameLength(text);
  const env: Env = { references: { ...known }, depth: 0, records: [], defs: [], cells: [] };
  const tokens = (code ? withCode : withoutCode).parse(src, env);
  const map = new SourceMap(src, env.cells);
  const reading: MarkdownReading = { urls: [], defs: [], code: [], html: [], restarts: [] };
  const lines = (t: Token): [number, number] => {
    const [l0 = 0, l1 = l0 + 1] = t.map ?? [];
    return [map.starts[l0] ?? src.length, map.lineEnd(l1 - 1)];
  };
  for (const t of tokens) {
    const l0 = t.map?.[0];
    if (t.level === 0 && t.nesting !== -1 && l0 !== undefined && l0 > 0) {
      if (map.line(l0 - 1).trim() === '' && /^\S/.test(map.line(l0))) reading.restarts.push(map.starts[l0]!);
    }
    if (t.type === 'fence' || t.type === 'code_block') reading.code.push(lines(t));
    else if (t.type === 'html_block') reading.html.push(lines(t));
  }
  for (const r of env.records) {
    const start = map.inline(r.block, r.start, 'start');
    const end = map.inline(r.block, r.end, 'end');
    // A rule may succeed without its construct (a lone backtick is text); pending text is flushed first.
    const head = r.tokens.find((t) => RECORDED[r.kind].includes(t.type));
    if (!head) continue;
    if (r.kind === 'code') reading.code.push([start, end]);
    else if (r.kind === 'html') reading.html.push([start, end]);
    else {
      const url = head.attrGet('src') ?? head.attrGet('href');
      if (url != null) reading.urls.push({ start, end, url: String(url), image: head.type === 'image' });
    }
  }
  for (const d of env.defs) {
    const first = map.line(d.startLine);
    const start = (map.starts[d.startLine] ?? 0) + Math.max(0, first.indexOf('['));
    const end = map.lineEnd(d.endLine - 1);
    for (const [label, ref] of Object.entries(d.refs))
      reading.defs.push({ start, end, label, url: ref.href });
  }
  return reading;
}

/** The key a renderer files a reference label under. */
export function referenceKey(label: string): string {
  return withCode.utils.normalizeReference(label);
}
