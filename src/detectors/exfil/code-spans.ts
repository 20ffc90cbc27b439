// Where top-level fenced code blocks are across a whole stream (by absolute offset), for windows whose start the
// markdown parser cannot trust; inline code spans and nested fences are decided by the parser (markdown.ts).

/** What may stand before a fence or an HTML block on its line: indentation, list markers (its column). */
const PREFIX = /^ {0,3}(?:(?:[-+*]|\d{1,9}[.)]) {1,4})*/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
/**
 * The start of a line that may still become a fence or HTML line: indentation, list markers (the last one perhaps
 * not yet complete), then a backtick, tilde or `<`, or nothing yet.
 */
const MAY_OPEN = new RegExp(`${PREFIX.source}(?:[-+*]|\\d{1,9}[.)]?)?(?:[\x60~<]|$)`);
/** ... or a closing fence of a list item's block, at any indentation, or a blank line: spaces and fence characters. */
const MAY_CLOSE = /^[ \t]*[`~]*$/;
/** The longest line the tracker keeps while waiting for its end. */
const MAX_LINE = 16_384;

/** CommonMark's block-level tag names (HTML block kind 6). */
const BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|' +
  'dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|' +
  'main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|' +
  'thead|title|tr|track|ul';
const ATTR = String.raw`(?:\s+[a-zA-Z_:][a-zA-Z0-9_.:-]*(?:\s*=\s*(?:[^"'=<>\x60\s]+|'[^']*'|"[^"]*"))?)`;
/**
 * HTML block starts (CommonMark kinds 1-7, after the line's prefix) with the text that ends each (`null`: a
 * blank line), and whether the start can interrupt a paragraph. Fence lines inside one are raw HTML.
 */
const HTML_BLOCKS: [RegExp, RegExp | null, boolean][] = [
  [/^<(?:script|pre|style|textarea)(?=\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i, true],
  [/^<!--/, /-->/, true],
  [/^<\?/, /\?>/, true],
  [/^<![A-Za-z]/, />/, true],
  [/^<!\[CDATA\[/, /\]\]>/, true],
  [new RegExp(`^</?(?:${BLOCK_TAGS})(?=\\s|/?>|$)`, 'i'), null, true],
  [new RegExp(`^(?:<[A-Za-z][A-Za-z0-9-]*${ATTR}*\\s*/?>|</[A-Za-z][A-Za-z0-9-]*\\s*>)\\s*$`), null, false],
];

/** Follows fence lines through an output seen piece by piece; positions are absolute in the whole output. */
export class FenceTracker {
  private scanned = 0;
  /** Absolute positions where a block opens or closes, alternating. */
  private readonly toggles: number[] = [];
  /** The open fence: marker, length, column, and whether its line had list markers (then the column is the item's). */
  private open: { marker: string; length: number; column: number; listed: boolean } | undefined;
  /** Line starts right after a closing fence at the top level: a block begins there whatever its indentation. */
  private readonly afterFence = new Set<number>();
  private prevBlank = true;
  /**
   * The HTML block the tracker is in: what ends it (`null`: a blank line), its column, and whether the tracker is
   * unsure it is (still) in one; undefined outside one.
   */
  private html: { end: RegExp | null; column: number; unsure: boolean } | undefined;
  /** Absolute starts and ends of HTML blocks that a blank line does not end (comments, scripts...), alternating. */
  private readonly raw: number[] = [];
  /** Set when a stretch of output was never shown to the tracker, or it cannot tell where a fence ended: from then
   * on nothing counts as code. */
  private lost = false;

  /** The current line so far while it must be judged whole (see update), and whether its rest is to be skipped. */
  private partial = '';
  private skipping = false;

  /** Feeds the text of one window step; `offset` is the absolute index of text[0]. */
  update(text: string, offset: number): void {
    if (this.lost) return;
    if (offset > this.scanned) {
      this.lost = true;
      return;
    }
    let i = this.scanned - offset;
    while (i < text.length) {
      const nl = text.indexOf('\n', i);
      const line = this.partial + (nl === -1 ? text.slice(i) : text.slice(i, nl));
      const at = offset + i - this.partial.length;
      if (nl === -1) {
        // A fence line is judged whole (its info string decides whether it can close a block), and so is an HTML
        // block's start line and every line inside one (its end may come late in the line, or be a blank one);
        // the line is kept until it ends, however many windows that takes. Any other line is judged now.
        if (this.skipping) {
          i = text.length;
          break;
        }
        if (this.html !== undefined || MAY_OPEN.test(line) || MAY_CLOSE.test(line)) {
          if (line.length > MAX_LINE) {
            this.lost = true; // a line too long to keep: from here nothing counts as code
            return;
          }
          this.partial = line;
        } else {
          this.fenceLine(line, at);
          this.skipping = true;
        }
        i = text.length;
        break;
      }
      if (!this.skipping) this.fenceLine(line, at);
      this.partial = '';
      this.skipping = false;
      i = nl + 1;
    }
    this.scanned = offset + i;
  }

  /**
   * CommonMark: any fence opens (after list markers too); only the same marker, at least as long, with no info
   * string, indented at most three columns past its container's content, closes. Fence lines inside HTML blocks are text.
   * Wherever the tracker cannot tell whether a fence line opens, closes or is text (it does not follow paragraphs
   * or list items), it stops: from there nothing counts as code, since a fence read the wrong way round would
   * take everything after it for code.
   */
  private fenceLine(line: string, at: number): void {
    const blank = line.trim() === '';
    const prevBlank = this.prevBlank;
    this.prevBlank = blank;
    const indent = line.length - line.trimStart().length;
    if (this.open) {
      const { column, listed } = this.open;
      if (!blank && indent < column) {
        this.lost = true; // a list item (and its fence) may have ended here, or a top-level fence goes on
        return;
      }
      const m = FENCE.exec(line.trimStart());
      const marker = m?.[1];
      if (
        !marker ||
        marker[0] !== this.open.marker ||
        marker.length < this.open.length ||
        m[2]!.trim() !== '' ||
        indent > column + 3
      ) {
        return;
      }
      // A closing fence may be indented up to three columns past its container's content column: the column of
      // the list item's content when the opening line had a list marker; otherwise 0 at the top level, but up to
      // the fence's own column when it continues an earlier list item, which the tracker cannot tell.
      if (!listed && indent > 3) {
        this.lost = true;
        return;
      }
      if (column === 0) this.afterFence.add(at + line.length + 1);
      this.open = undefined;
      this.toggles.push(at);
      return;
    }
    const prefix = PREFIX.exec(line)![0];
    const rest = line.slice(prefix.length);
    const fence = FENCE.exec(rest);
    const html = fence ? undefined : HTML_BLOCKS.find(([start]) => start.test(rest));
    if (this.html) {
      const h = this.html;
      if (h.end === null ? blank : h.end.test(line)) {
        if (h.end) this.raw.push(at + line.length);
        this.html = undefined;
        return;
      }
      // A list item holding the block may end at a less indented line, and the block with it.
      if (h.column > 0 && !blank && indent < h.column) h.unsure = true;
      if (h.unsure && (fence || html)) this.lost = true;
      return;
    }
    if (!fence && !html) return;
    // An ordered item other than 1 cannot interrupt a paragraph: after a non-blank line it may be text.
    if (/\d/.test(prefix) && !prevBlank && !/^ {0,3}1[.)]/.test(prefix)) {
      this.lost = true;
      return;
    }
    if (html) {
      const [, end, interrupts] = html;
      // The block may end on its own start line (a one-line comment or script).
      if (end?.test(rest)) return;
      this.html = { end, column: prefix.length, unsure: !interrupts && !prevBlank };
      if (end) this.raw.push(at);
      return;
    }
    const [, marker = '', info = ''] = fence!;
    if (marker[0] === '`' && info.includes('`')) return; // not a fence: an inline code span
    this.open = {
      marker: marker[0]!,
      length: marker.length,
      column: prefix.length,
      listed: /[^ ]/.test(prefix),
    };
    this.toggles.push(at);
  }

  /**
   * Fenced blocks (absolute [opening line start, closing line start), the end Infinity while one is still open)
   * that reach into [start, end); none once the tracker lost track.
   */
  blocks(start: number, end: number): [number, number][] {
    const out: [number, number][] = [];
    if (this.lost) return out;
    for (let k = 0; k < this.toggles.length; k += 2) {
      const open = this.toggles[k]!;
      const close = this.toggles[k + 1] ?? Number.POSITIVE_INFINITY;
      if (open < end && close >= start) out.push([open, close]);
    }
    return out;
  }

  /**
   * True when a block begins at `pos` (absolute): the line after a top-level closing fence, or an unindented line
   * after a blank one, outside fenced blocks and outside HTML blocks a blank line does not end: a parse from there reads what follows as
   * the whole output's parse does. False once the tracker lost track, or before it has seen the line.
   */
  blockStartsAt(pos: number, text: string, offset: number): boolean {
    if (this.lost || pos >= this.scanned) return false;
    if (this.afterFence.has(pos)) return true;
    const i = pos - offset;
    if (i < 1 || text[i - 1] !== '\n' || !/\S/.test(text[i] ?? '')) return false;
    // The line before `pos` ends at i - 1; its start is after the newline before that (none in view when i is 1).
    const prev = i < 2 ? -1 : text.lastIndexOf('\n', i - 2);
    if (prev === -1 && offset > 0) return false; // the blank line is not in view
    if (text.slice(prev + 1, i - 1).trim() !== '') return false;
    return !this.inFence(pos - 1, pos) && !inside(this.raw, pos - 1);
  }

  /** True when [start, end) (absolute) lies wholly inside one fenced block (markdown there is shown as text). */
  inFence(start: number, end: number): boolean {
    if (this.lost) return false;
    let before = 0;
    for (const t of this.toggles) {
      if (t < start) before++;
      else if (t < end) return false;
    }
    return before % 2 === 1;
  }
}

/** Whether `pos` is inside one of the alternating [start, end) ranges (the last one may still be open). */
function inside(bounds: readonly number[], pos: number): boolean {
  let before = 0;
  for (const b of bounds) if (b <= pos) before++;
  return before % 2 === 1;
}
