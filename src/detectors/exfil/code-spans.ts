// Where top-level fenced code blocks are across a whole stream (by absolute offset), for windows whose start the
// markdown parser cannot trust; inline code spans and nested fences are decided by the parser (markdown.ts).

const FENCE = /^ {0,3}(`{3,}|~{3,})([^\n]*)/;

/** Follows fence lines through an output seen piece by piece; positions are absolute in the whole output. */
export class FenceTracker {
  private scanned = 0;
  /** Absolute positions where a block opens or closes, alternating. */
  private readonly toggles: number[] = [];
  private open: { marker: string; length: number } | undefined;
  /** Set when a stretch of output was never shown to the tracker: from then on nothing counts as code. */
  private lost = false;

  /** Feeds the text of one window step; `offset` is the absolute index of text[0]. */
  update(text: string, offset: number): void {
    if (this.lost) return;
    if (offset > this.scanned) {
      this.lost = true;
      return;
    }
    let i = this.scanned - offset;
    while (i < text.length) {
      const lineStart = offset + i === 0 || text[i - 1] === '\n';
      const nl = text.indexOf('\n', i);
      // A fence line is judged whole (its info string decides whether it can close a block).
      if (lineStart && nl === -1 && /^ {0,3}(?:`|~|$)/.test(text.slice(i, i + 4))) break;
      if (lineStart) this.fenceLine(nl === -1 ? text.slice(i) : text.slice(i, nl), offset + i);
      if (nl === -1) {
        i = text.length;
        break;
      }
      i = nl + 1;
    }
    this.scanned = offset + i;
  }

  /** CommonMark: any fence opens; only the same marker, at least as long, with no info string, closes. */
  private fenceLine(line: string, at: number): void {
    const m = FENCE.exec(line);
    if (!m) return;
    const marker = m[1]!;
    if (!this.open) {
      if (marker[0] === '`' && m[2]!.includes('`')) return; // not a fence: an inline code span
      this.open = { marker: marker[0]!, length: marker.length };
      this.toggles.push(at);
    } else if (marker[0] === this.open.marker && marker.length >= this.open.length && m[2]!.trim() === '') {
      this.open = undefined;
      this.toggles.push(at);
    }
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
