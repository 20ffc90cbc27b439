// The response hold-back window: output text is released only once no guard's pattern can still complete across
// a chunk boundary; findings are redacted in place or end the output. The window counts characters of the
// detectors' view, so invisible padding or entity spelling cannot push a secret's head past it.
import { viewTailStart } from '../detectors/unicode/view.js';
import type { OutputView } from './context.js';
import { type BlockDecision, type Decision, type Redaction, strongest } from './decision.js';
import type { PhaseOutcome } from './pipeline.js';

export interface WindowStep {
  /** Text that is now safe to send to the client (redactions applied). */
  release: string;
  /** Set when a guard blocked: the caller ends the output (content_filter). */
  blocked?: BlockDecision;
}

export type ResponseRunner = (view: OutputView) => Promise<PhaseOutcome>;

export class OutputWindow {
  private context = '';
  private pending = '';
  private readonly seen = new Map<string, Decision>();
  private ended = false;
  /** Characters of original output released so far. */
  private released = 0;

  constructor(
    private readonly run: ResponseRunner,
    private readonly holdBack: number,
    private readonly choiceIndex = 0,
    /** Released text kept as left context for guards that need it (e.g. "password:" before a value). */
    private readonly contextChars = Math.max(holdBack, 64),
  ) {}

  /** Adds streamed text; returns what may be released now. */
  push(delta: string): Promise<WindowStep> {
    if (this.ended) return Promise.resolve({ release: '' });
    this.pending += delta;
    // Nothing can be released while the pending text fits in the hold-back: skip the scan until it does.
    if (this.pending.length <= this.holdBack) return Promise.resolve({ release: '' });
    return this.step(false);
  }

  /** Ends the output (optionally with a last piece of text): everything pending is checked and released. */
  finish(lastDelta = ''): Promise<WindowStep> {
    if (this.ended) return Promise.resolve({ release: '' });
    this.pending += lastDelta;
    return this.step(true);
  }

  /** The strongest decision each guard gave over the whole output, for the audit record. */
  decisions(): Decision[] {
    return [...this.seen.values()];
  }

  private note(decisions: readonly Decision[]): void {
    for (const d of decisions) {
      const prev = this.seen.get(d.guardId);
      this.seen.set(d.guardId, prev ? strongest([prev, d])! : d);
    }
  }

  private async step(final: boolean): Promise<WindowStep> {
    const text = this.context + this.pending;
    const pendingStart = this.context.length;
    const offset = this.released - this.context.length;
    const outcome = await this.run({ text, pendingStart, final, choiceIndex: this.choiceIndex, offset });
    this.note(outcome.decisions);
    if (outcome.verdict?.action === 'block') {
      this.ended = true;
      this.pending = '';
      return { release: '', blocked: outcome.verdict };
    }
    let releaseAt = final ? this.pending.length : viewTailStart(this.pending, this.holdBack);
    const settledLimit = final ? text.length : viewTailStart(text, this.holdBack);
    const settled: Redaction[] = [];
    for (const d of outcome.decisions) {
      if (d.action !== 'transform' || !d.redactions) continue;
      for (const r of d.redactions) {
        if (r.end <= pendingStart || r.end <= r.start) continue; // already released: cannot change it
        const start = Math.max(r.start, pendingStart) - pendingStart;
        const end = r.end - pendingStart;
        if (r.end <= settledLimit) settled.push({ ...r, start, end });
        else releaseAt = Math.min(releaseAt, start); // still growing: hold it back whole
      }
    }
    // Never split a surrogate pair across two releases.
    if (releaseAt > 0 && releaseAt < this.pending.length) {
      const c = this.pending.charCodeAt(releaseAt - 1);
      if (c >= 0xd800 && c <= 0xdbff) releaseAt--;
    }
    const original = this.pending.slice(0, releaseAt);
    const release = applyRedactions(
      original,
      settled.filter((r) => r.start < releaseAt),
    );
    this.pending = this.pending.slice(releaseAt);
    this.released += releaseAt;
    this.context = (this.context + original).slice(-this.contextChars);
    if (final) this.ended = true;
    return { release };
  }
}

/** Applies non-overlapping replacements (overlaps merge into the earliest) from left to right. */
export function applyRedactions(text: string, redactions: readonly Redaction[]): string {
  if (redactions.length === 0) return text;
  const sorted = [...redactions].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const r of sorted) {
    if (r.end <= at) continue;
    const start = Math.max(r.start, at);
    out += text.slice(at, start) + r.replacement;
    at = Math.min(r.end, text.length);
  }
  return out + text.slice(at);
}
