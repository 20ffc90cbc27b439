// Follows one streamed output for the exfiltration scan: the text since the last top-level block boundary is
// parsed whole at every window step, so code spans, fences and links are read as a renderer of the whole output
// reads them; definitions and image labels that scrolled past are remembered.
import type { Finding } from '../finding.js';
import { FenceTracker } from './code-spans.js';
import { htmlAtRest } from './html.js';
import { bareUrlFindings, type ExfilScanOptions, readExfiltration } from './index.js';
import type { ReferenceDef, References } from './markdown.js';

interface Reading {
  defs: ReferenceDef[];
  restarts: number[];
}

/** Adds the definitions that end by `before` to `references`, the first one of a label winning; returns it. */
function addDefs(references: References, defs: readonly ReferenceDef[], before = Number.POSITIVE_INFINITY) {
  for (const d of defs) {
    if (d.end <= before && !(d.label in references)) references[d.label] = { href: d.url, title: '' };
  }
  return references;
}

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
  /** Absolute end of the output at the last full parse. */
  private parsedTo = 0;
  private readonly references: References = {};
  private readonly imageLabels = new Set<string>();
  private readonly fences = new FenceTracker();
  private parses = 0;

  constructor(
    private readonly opts: ExfilScanOptions,
    /** Longest tail parsed whole; past it the tail is cut at a line start near the pending text. */
    private readonly maxTail = 4096,
  ) {}

  /** What the stream costs: full parses so far, and characters of output held for the next one. */
  get stats(): { parses: number; held: number } {
    return { parses: this.parses, held: this.tail.length };
  }

  /**
   * Findings in `text` (a window: released context + pending text), in its coordinates. `offset` is the index
   * of text[0] in the whole output, `pendingStart` where the still-changeable text begins.
   */
  scan(text: string, offset: number, pendingStart: number): Finding[] {
    this.fences.update(text, offset);
    const seenEnd = this.tailStart + this.tail.length;
    if (offset > seenEnd) {
      // A stretch of output was never shown (and the tail never grows again): nothing earlier can be trusted, read
      // the window on its own. The tail's complete definitions still resolve later uses: remembered first.
      if (this.tail !== '') {
        this.remember(
          this.read(0, this.tail.length, this.certain, offset, [], this.references).defs,
          this.tail.length,
        );
        this.tailStart = seenEnd;
        this.tail = '';
      }
      return readExfiltration(text, this.opts, {
        references: this.references,
        imageLabels: this.imageLabels,
        fences: { tracker: this.fences, offset },
      }).findings;
    }
    this.tail += text.slice(seenEnd - offset);
    let pending = offset + pendingStart - this.tailStart;
    // Every construct a parser yields starts with '[' or '<' and ends with ']', ')' after one, or '>'; an open
    // one is held from its start: with no bracket in the pending text only a bare URL can be found in it. The tail is still parsed now and then, so that it
    // moves on.
    const end = this.tailStart + this.tail.length;
    if (!/[<>[\]]/.test(this.tail.slice(Math.max(0, pending))) && end - this.parsedTo < REPARSE_EVERY) {
      const bare = bareUrlFindings(this.tail, this.opts).filter((f) => f.end > pending);
      if (bare.length === 0) return [];
    }
    this.parsedTo = end;
    this.parses++;
    const found: Finding[] = [];
    let reading: Reading;
    // The parser of an uncertain tail may read its start wrong (an HTML comment opened inside a block, say, would
    // swallow what follows): from the last block start the fence tracker saw, the tail is read as certain.
    const split = this.certain ? 0 : this.lastBlockStart();
    if (split > 0 && split <= pending) {
      this.remember(this.read(0, split, false, offset, found, this.references).defs, split);
      this.tail = this.tail.slice(split);
      this.tailStart += split;
      this.certain = true;
      pending -= split;
      reading = this.read(0, this.tail.length, true, offset, found, this.references);
    } else if (split > 0) {
      const head = this.read(0, split, false, offset, found, this.references);
      const rest = this.read(
        split,
        this.tail.length,
        true,
        offset,
        found,
        addDefs({ ...this.references }, head.defs),
      );
      reading = { defs: [...head.defs, ...rest.defs], restarts: [] };
    } else {
      reading = this.read(0, this.tail.length, this.certain, offset, found, this.references);
    }

    let cut = -1;
    if (this.certain) cut = this.lastAtRest(reading.restarts.filter((r) => r <= pending));
    let certain = true;
    if (cut <= 0 && this.tail.length > this.maxTail) {
      const keep = pending - CONTEXT_ON_CUT;
      cut = this.tail.lastIndexOf('\n', keep - 1) + 1;
      if (cut <= 0 && this.tail.length > 2 * this.maxTail) cut = keep; // one long line
      certain = false;
    }
    if (cut > 0) {
      this.remember(reading.defs, cut);
      this.tail = this.tail.slice(cut);
      this.tailStart += cut;
      this.certain = certain;
    }
    return found;
  }

  /**
   * Reads tail[from, to) whole (`certain`: it starts at a top-level block), pushing its findings in window
   * coordinates (`offset` places the window) onto `found`; definitions and restarts come back in tail coordinates.
   */
  private read(
    from: number,
    to: number,
    certain: boolean,
    offset: number,
    found: Finding[],
    references: References,
  ): Reading {
    const r = readExfiltration(
      certain ? this.tail.slice(from, to) : this.fencesBlanked(from, to),
      this.opts,
      {
        references,
        imageLabels: this.imageLabels,
        ...(certain ? {} : { fences: { tracker: this.fences, offset: this.tailStart + from } }),
      },
    );
    for (const l of r.imageLabels) this.imageLabels.add(l);
    const shift = this.tailStart + from - offset;
    for (const f of r.findings) found.push({ ...f, start: f.start + shift, end: f.end + shift });
    return {
      defs: r.defs.map((d) => ({ ...d, start: d.start + from, end: d.end + from })),
      restarts: r.restarts.map((x) => x + from),
    };
  }

  /** Definitions that end before `cut` are complete: remembered so later uses still resolve (the first one wins). */
  private remember(defs: readonly ReferenceDef[], cut: number): void {
    addDefs(this.references, defs, cut);
  }

  /** Start (in the tail) of the last top-level block the fence tracker saw begin in it; 0 when there is none. */
  private lastBlockStart(): number {
    const starts: number[] = [];
    for (let r = this.tail.indexOf('\n'); r !== -1; r = this.tail.indexOf('\n', r + 1)) {
      if (this.fences.blockStartsAt(this.tailStart + r + 1, this.tail, this.tailStart)) starts.push(r + 1);
    }
    return Math.max(0, this.lastAtRest(starts));
  }

  /**
   * The last of these block starts (ascending, in the tail) before which an HTML reading is at rest (a blank line
   * ends no script, comment or tag for the reading of the text as a page); -1 when none is. Only the last few
   * are tried (each costs a tokenizer pass): the tail then waits for a later start or the forced cut.
   */
  private lastAtRest(starts: readonly number[]): number {
    for (let k = starts.length - 1; k >= Math.max(0, starts.length - 3); k--) {
      if (htmlAtRest(this.tail.slice(0, starts[k]))) return starts[k]!;
    }
    return -1;
  }

  /**
   * The tail with every fenced block the tracker followed (fence lines included) turned into blank lines: a parse
   * that cannot see where the tail's first block began then reads what follows a block as a fresh start, as the
   * whole output's parse does, and nothing inside one (a line like an HTML block's start) runs on past its end.
   */
  private fencesBlanked(from: number, to: number): string {
    let text = this.tail.slice(from, to);
    const at = this.tailStart + from;
    for (const [open, close] of this.fences.blocks(at, at + text.length)) {
      const a = Math.max(0, open - at);
      const nl = close === Number.POSITIVE_INFINITY ? -1 : text.indexOf('\n', close - at);
      const b = nl === -1 ? text.length : nl;
      text = text.slice(0, a) + text.slice(a, b).replace(/[^\n]/g, ' ') + text.slice(b);
    }
    return text;
  }
}
