// What a streamed choice accumulates on the response surface: one guarded window per text slot, tool-call
// and legacy function-call deltas assembled whole, and its logprobs held until the choice is judged.
import type { ToolCallView } from '../core/context.js';
import type { GuardedText } from './output.js';
import { CHAT_SLOTS, isObject, type Json } from './surface.js';
import { type Logprobs, mergeLogprobs } from './surface-logprobs.js';
import { FUNCTION_CALL_ID } from './surface-tools.js';

interface ToolCallBuffer {
  index: number;
  id?: string;
  type?: string;
  name: string;
  args: string;
}

function append(buf: ToolCallBuffer, fn: unknown): void {
  if (!isObject(fn)) return;
  if (typeof fn.name === 'string') buf.name += fn.name;
  if (typeof fn.arguments === 'string') buf.args += fn.arguments;
}

export class ChoiceStream {
  /** One window per text slot (content, reasoning_content, reasoning, refusal, text), opened on first text. */
  readonly texts = new Map<string, GuardedText>();
  private readonly tools = new Map<number, ToolCallBuffer>();
  private fn: ToolCallBuffer | undefined;
  private logprobs: Logprobs | undefined;
  finished = false;

  /** True once a guard redacted anything in one of the choice's texts. */
  changed(): boolean {
    for (const t of this.texts.values()) if (t.changed) return true;
    return false;
  }

  hasCalls(): boolean {
    return this.tools.size > 0 || this.fn !== undefined;
  }

  bufferToolCalls(deltas: unknown[]): void {
    for (const d of deltas) {
      if (!isObject(d)) continue;
      const i = typeof d.index === 'number' ? d.index : 0;
      let buf = this.tools.get(i);
      if (!buf) {
        buf = { index: i, name: '', args: '' };
        this.tools.set(i, buf);
      }
      if (typeof d.id === 'string' && d.id) buf.id = d.id;
      if (typeof d.type === 'string' && d.type) buf.type = d.type;
      append(buf, d.function);
    }
  }

  /** A legacy `delta.function_call` piece: assembled like a tool call, checked on the tool-call path. */
  bufferFunctionCall(fc: unknown): void {
    this.fn ??= { index: -1, id: FUNCTION_CALL_ID, name: '', args: '' };
    append(this.fn, fc);
  }

  bufferLogprobs(lp: Logprobs): void {
    this.logprobs = mergeLogprobs(this.logprobs, lp);
  }

  /** The buffered logprobs, once: the caller decides whether they are released. */
  takeLogprobs(): Logprobs | undefined {
    const lp = this.logprobs;
    this.logprobs = undefined;
    return lp;
  }

  /** The assembled calls (legacy function call last), once, as the tool-call guards see them. */
  takeCalls(choiceIndex: number): AssembledCalls {
    const raw = [...this.tools.values()].sort((x, y) => x.index - y.index);
    if (this.fn) raw.push(this.fn);
    this.tools.clear();
    this.fn = undefined;
    const views = raw.map((c) => ({
      id: c.id ?? `call_${c.index}`,
      name: c.name,
      arguments: c.args,
      choiceIndex,
    }));
    return { views, raw };
  }
}

export interface AssembledCalls {
  views: ToolCallView[];
  raw: readonly ToolCallBuffer[];
}

/**
 * Fills the delta that releases checked calls whole: `tool_calls` as assembled (or, after a guard's patch,
 * as the guards left them, indexed in order) and the legacy `function_call`.
 */
export function callsDelta(
  calls: AssembledCalls,
  patched: readonly ToolCallView[] | undefined,
  into: Json,
): void {
  const out: Json[] = [];
  if (patched) {
    const types = new Map(calls.views.map((v, i) => [v.id, calls.raw[i]?.type]));
    for (const v of patched) {
      if (v.id === FUNCTION_CALL_ID) into.function_call = { name: v.name, arguments: v.arguments };
      else
        out.push({
          index: out.length,
          id: v.id,
          type: types.get(v.id) ?? 'function',
          function: { name: v.name, arguments: v.arguments },
        });
    }
  } else {
    for (const c of calls.raw) {
      if (c.id === FUNCTION_CALL_ID) into.function_call = { name: c.name, arguments: c.args };
      else
        out.push({
          index: c.index,
          id: c.id,
          type: c.type ?? 'function',
          function: { name: c.name, arguments: c.args },
        });
    }
  }
  if (out.length > 0) into.tool_calls = out;
}

/** True when a streamed choice carries nothing for the client (no text, call, logprobs or finish). */
export function isEmptyChoice(choice: Json, chat: boolean): boolean {
  if (choice.finish_reason !== undefined && choice.finish_reason !== null) return false;
  if (choice.logprobs !== undefined && choice.logprobs !== null) return false;
  if (!chat) return typeof choice.text !== 'string' || choice.text.length === 0;
  const delta = choice.delta;
  if (!isObject(delta)) return true;
  for (const k in delta) {
    const v = delta[k];
    if (v === undefined) continue;
    if ((v === '' || v === null) && (k === 'content' || CHAT_SLOTS.some((s) => s.key === k))) continue;
    return false;
  }
  return true;
}
