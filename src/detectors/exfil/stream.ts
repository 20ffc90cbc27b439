// Follows one streamed output for the exfiltration scan: the text since the last top-level block boundary is
// parsed whole at every window step, so code spans, fences and links are read as a renderer of the whole output
// reads them; definitions and image labels that scrolled past are remembered.
import type { Finding } from '../finding.js';
import { FenceTracker } from './code-spans.js';
import { bareUrlFindings, type ExfilScanOptions, readExfiltration } from './index.js';
import type { References } from './markdown.js';

/** Text kept before the pending part when a block is too long to parse whole at every step. */
const CONTEXT_ON_CUT = 256;
/** New characters after which the tail is parsed even when nothing in it needs the parser. */
const REPARSE_EVERY = 512;

export class ExfilStream {
  /** Output from `tailStart` to the end of what was seen. */
  private tail = '';
  private tailStart = 0;
  /** False once the tail had to start inside a block: then code is taken from the fence tracker only. */
  private certain = true;
  private lost = false;
  /** Absolute end of the output at the last full parse. */
  private parsedTo = 0;
  private readonly references: References = {};
  private readonly imageLabels = new Set<string>();
  private readonly fences = new FenceTracker();

  constructor(
    private readonly opts: ExfilScanOptions,
    /** Longest tail parsed whole; past it the tail is cut at a line start near the pending text. */
    private readonly maxTail = 4096,
  ) {}

  /**
   * Findings in `text` (a window: released context + pending text), in its coordinates. `offset` is the index
   * of text[0] in the whole output, `pendingStart` where the still-changeable text begins.
   */
  scan(text: string, offset: number, pendingStart: number): Finding[] {
    this.fences.update(text, offset);
    const seenEnd = this.tailStart + this.tail.length;
    if (this.lost || offset > seenEnd) {
      // A stretch of output was never shown: nothing earlier can be trusted, read the window on its own.
      this.lost = true;
      return readExfiltration(text, this.opts, {
        references: this.references,
        imageLabels: this.imageLabels,
        fences: { tracker: this.fences, offset },
      }).findings;
    }
    if (offset + text.length > seenEnd) this.tail += text.slice(seenEnd - offset);
    const pending = offset + pendingStart - this.tailStart;
    // Every construct a parser yields starts with '[' or '<' and ends with ']', ')' after one, or '>'; an open
    // one is held from its start: with no bracket in the pending text only a bare URL can be found in it. The tail is still parsed now and then, so that it
    // moves on.
    const end = this.tailStart + this.tail.length;
    if (!/[<>[\]]/.test(this.tail.slice(Math.max(0, pending))) && end - this.parsedTo < REPARSE_EVERY) {
      const bare = bareUrlFindings(this.tail, this.opts).filter((f) => f.end > pending);
      if (bare.length === 0) return [];
    }
    this.parsedTo = end;
    const reading = readExfiltration(this.tail, this.opts, {
      references: this.references,
      imageLabels: this.imageLabels,
      ...(this.certain ? {} : { fences: { tracker: this.fences, offset: this.tailStart } }),
    });
    for (const l of reading.imageLabels) this.imageLabels.add(l);
    const shift = this.tailStart - offset;
    const found = reading.findings.map((f) => ({ ...f, start: f.start + shift, end: f.end + shift }));

    let cut = -1;
    for (const r of reading.restarts) {
      if (r > pending) break;
      // In an uncertain tail a cut needs the line break before it outside code: a closing fence line is no
      // place to start, the parser would read it as an opening one and what follows as code.
      if (this.certain || !this.fences.inFence(this.tailStart + r - 1, this.tailStart + r)) cut = r;
    }
    let certain = true;
    if (cut <= 0 && this.tail.length > this.maxTail) {
      const keep = pending - CONTEXT_ON_CUT;
      cut = this.tail.lastIndexOf('\n', keep - 1) + 1;
      if (cut <= 0 && this.tail.length > 2 * this.maxTail) cut = keep; // one long line
      certain = false;
    }
    if (cut > 0) {
      // Definitions before the cut are complete: remembered so later uses still resolve (the first one wins).
      for (const d of reading.defs) {
        if (d.end <= cut && !(d.label in this.references))
          this.references[d.label] = { href: d.url, title: '' };
      }
      this.tail = this.tail.slice(cut);
      this.tailStart += cut;
      this.certain = certain;
    }
    return found;
  }
}
