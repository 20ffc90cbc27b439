// Tool calls on the response surface: a choice's `tool_calls` and legacy `function_call` read as the views the
// tool-call guards judge, and the guarded views written back in the upstream's shape.
import type { ToolCallView } from '../core/context.js';
import { isObject, type Json } from './surface.js';

/** Id Warden gives a legacy `function_call` among a choice's tool calls. */
export const FUNCTION_CALL_ID = 'legacy_function_call';

interface RawFunction {
  name?: unknown;
  arguments?: unknown;
}

/** A choice's tool calls and legacy `function_call` as the tool-call guards see them. */
export function toolCallViews(message: Json | undefined, choiceIndex: number): ToolCallView[] {
  if (!message) return [];
  const out: ToolCallView[] = [];
  const calls = message.tool_calls;
  if (Array.isArray(calls)) {
    calls.forEach((c: unknown, i) => {
      const call = isObject(c) ? c : {};
      const fn = (isObject(call.function) ? call.function : {}) as RawFunction;
      out.push({
        id: String(call.id ?? `call_${i}`),
        name: String(fn.name ?? ''),
        arguments: String(fn.arguments ?? ''),
        choiceIndex,
      });
    });
  }
  const fc = message.function_call;
  if (isObject(fc)) {
    const fn = fc as RawFunction;
    out.push({
      id: FUNCTION_CALL_ID,
      name: String(fn.name ?? ''),
      arguments: String(fn.arguments ?? ''),
      choiceIndex,
    });
  }
  return out;
}

/**
 * Writes the tool calls as the guards left them back into a message: a patched call keeps its original
 * type; a call a patch removed is not emitted; the legacy call goes back to `function_call`.
 */
export function writeToolCalls(message: Json, views: readonly ToolCallView[], original: unknown): void {
  const byId = new Map<string, Json>();
  if (Array.isArray(original))
    original.forEach((c: unknown, i) => {
      if (isObject(c)) byId.set(String(c.id ?? `call_${i}`), c);
    });
  const calls: Json[] = [];
  let fn: Json | undefined;
  for (const v of views) {
    if (v.id === FUNCTION_CALL_ID) fn = { name: v.name, arguments: v.arguments };
    else
      calls.push({
        id: v.id,
        type: byId.get(v.id)?.type ?? 'function',
        function: { name: v.name, arguments: v.arguments },
      });
  }
  if (calls.length > 0) message.tool_calls = calls;
  else delete message.tool_calls;
  if (fn) message.function_call = fn;
  else delete message.function_call;
}
