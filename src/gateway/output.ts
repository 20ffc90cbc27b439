// Runs the response-phase guards over the texts of an answer (whole or streamed, one window per text) and
// tells whether a guard changed one, so a changed choice loses its logprobs.
import type { GuardContext } from '../core/context.js';
import type { BlockDecision, Decision } from '../core/decision.js';
import type { GuardPipeline, PhaseOutcome } from '../core/pipeline.js';
import { OutputWindow } from '../core/stream-window.js';
import { type Logprobs, logprobTexts } from './surface-logprobs.js';

/**
 * A context of its own for one more text of a choice (reasoning, refusal, logprobs...): guards keep
 * per-output state (code fences, word streams) keyed by choice, and texts of one choice must not share it.
 */
export function textContext(ctx: GuardContext): GuardContext {
  return { ...ctx, state: new Map(ctx.state) };
}

/** True when a phase outcome redacts something real (a `hold` only delays release). */
function redacts(out: PhaseOutcome): boolean {
  for (const d of out.decisions) {
    if (d.action !== 'transform' || !d.redactions) continue;
    for (const r of d.redactions) if (r.kind !== 'hold') return true;
  }
  return false;
}

/** One text under the response guards, through its own hold-back window. */
export class GuardedText {
  readonly window: OutputWindow;
  /** Set once a guard redacted anything in this text. */
  changed = false;

  constructor(
    pipeline: GuardPipeline,
    ctx: GuardContext,
    holdBack: number,
    choiceIndex: number,
    signal: AbortSignal,
  ) {
    this.window = new OutputWindow(
      (view) => {
        ctx.output = view;
        return pipeline.run('response', ctx, signal).then((out) => {
          if (!this.changed && redacts(out)) this.changed = true;
          return out;
        });
      },
      holdBack,
      choiceIndex,
    );
  }
}

/** Runs the output window over a complete text in one pass (same code path as streaming). */
export async function guardWholeText(
  pipeline: GuardPipeline,
  ctx: GuardContext,
  text: string,
  choiceIndex: number,
  signal: AbortSignal,
): Promise<{ text: string; blocked?: BlockDecision; decisions: Decision[] }> {
  const window = new OutputWindow(
    (view) => {
      ctx.output = view;
      return pipeline.run('response', ctx, signal);
    },
    0,
    choiceIndex,
  );
  const step = await window.finish(text);
  if (step.blocked) return { text: '', blocked: step.blocked, decisions: window.decisions() };
  return { text: step.release, decisions: window.decisions() };
}

/**
 * Guards the texts a client could read out of logprobs, each whole with its own state; `keep` is false when a
 * guard would change one of them (the logprobs are then dropped), `blocked` set when one blocks.
 */
export async function guardLogprobs(
  pipeline: GuardPipeline,
  ctx: GuardContext,
  lp: Logprobs,
  choiceIndex: number,
  signal: AbortSignal,
): Promise<{ keep: boolean; blocked?: BlockDecision; decisions: Decision[] }> {
  const decisions: Decision[] = [];
  for (const text of logprobTexts(lp)) {
    const out = await guardWholeText(pipeline, textContext(ctx), text, choiceIndex, signal);
    decisions.push(...out.decisions);
    if (out.blocked) return { keep: false, blocked: out.blocked, decisions };
    if (out.text !== text) return { keep: false, decisions };
  }
  return { keep: true, decisions };
}

/** True when a tool-call phase applied a transform: its patches changed `ctx.toolCalls`. */
export function patchedToolCalls(decisions: readonly Decision[]): boolean {
  return decisions.some((d) => d.action === 'transform' && d.patch !== undefined);
}
