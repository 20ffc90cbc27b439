// Applies response-phase and tool-call-phase guards to a whole (non-streamed) upstream answer.
import type { GuardContext, ToolCallView } from '../core/context.js';
import type { BlockDecision, Decision } from '../core/decision.js';
import type { GuardPipeline } from '../core/pipeline.js';
import { OutputWindow } from '../core/stream-window.js';

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

interface RawToolCall {
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

export function toolCallViews(calls: unknown, choiceIndex: number): ToolCallView[] {
  if (!Array.isArray(calls)) return [];
  return (calls as RawToolCall[]).map((c, i) => ({
    id: String(c.id ?? `call_${i}`),
    name: String(c.function?.name ?? ''),
    arguments: String(c.function?.arguments ?? ''),
    choiceIndex,
  }));
}
