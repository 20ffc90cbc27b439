// Applies response-phase and tool-call-phase guards to a whole (non-streamed) upstream answer, and carries
// tool-call patches back into what the client receives.
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

/** True when a tool-call phase applied a transform: its patches changed `ctx.toolCalls`. */
export function patchedToolCalls(decisions: readonly Decision[]): boolean {
  return decisions.some((d) => d.action === 'transform' && d.patch !== undefined);
}

/**
 * The tool calls as the guards left them (`ctx.toolCalls` after the phase's patches), in the upstream's
 * JSON shape: a patched call keeps its original type; a call a patch removed is not emitted.
 */
export function rawToolCalls(views: readonly ToolCallView[], original: unknown): RawToolCall[] {
  const byId = new Map<string, RawToolCall>();
  if (Array.isArray(original))
    (original as RawToolCall[]).forEach((c, i) => {
      byId.set(String(c.id ?? `call_${i}`), c);
    });
  return views.map((v) => ({
    ...byId.get(v.id),
    id: v.id,
    type: byId.get(v.id)?.type ?? 'function',
    function: { name: v.name, arguments: v.arguments },
  }));
}
