// Guards a whole (non-streamed) chat or completion answer through the response surface: every known text of
// every choice, its logprobs, its tool calls and legacy function call; unknown fields guarded or dropped.
import type { GuardContext, ToolCallView } from '../core/context.js';
import type { BlockDecision, Decision } from '../core/decision.js';
import type { GuardPipeline } from '../core/pipeline.js';
import { guardLogprobs, guardWholeText, patchedToolCalls, textContext } from './output.js';
import {
  CHAT_SLOTS,
  COMPLETION_SLOTS,
  isObject,
  type Json,
  pruneChoice,
  slotText,
  stringLeaves,
  topLevel,
  writeSlot,
} from './surface.js';
import { knownLogprobs } from './surface-logprobs.js';
import { toolCallViews, writeToolCalls } from './surface-tools.js';

/** Tool calls of one choice that a guard wants approved. */
export interface HeldCalls {
  choice: Json;
  calls: ToolCallView[];
  decisions: Decision[];
}

export interface AnswerGuards {
  ctx: GuardContext;
  pipeline: GuardPipeline;
  signal: AbortSignal;
}

export interface GuardedAnswer {
  /** The first block: the choices it hit are withheld (content_filter). */
  filteredBy?: BlockDecision;
  held: HeldCalls[];
  decisions: Decision[];
}

/** Guards a parsed chat (`chat`) or completion answer in place. */
export async function guardAnswer(
  g: AnswerGuards,
  json: Json,
  kind: 'chat' | 'completion',
): Promise<GuardedAnswer> {
  const result: GuardedAnswer = { held: [], decisions: [] };
  const texts = g.pipeline.has('response');
  for (const key of topLevel(json, kind).unknown) {
    // An unknown top-level field is guarded as one text (its strings and keys, a line each): a finding drops
    // it, as does the lack of response guards. One run per field keeps the cost bounded.
    const leaves = texts ? stringLeaves(json[key]) : [];
    if (leaves.length === 0) {
      if (!texts) delete json[key];
      continue;
    }
    const text = leaves.join('\n');
    const out = await guardWholeText(g.pipeline, textContext(g.ctx), text, 0, g.signal);
    result.decisions.push(...out.decisions);
    if (out.blocked) result.filteredBy ??= out.blocked;
    if (out.blocked || out.text !== text) delete json[key];
  }
  if (json.choices === undefined) return result;
  // A choice must be an object: anything else in (or instead of) the list is dropped, never passed unseen.
  json.choices = Array.isArray(json.choices) ? json.choices.filter(isObject) : [];
  for (const choice of json.choices as Json[]) {
    pruneChoice(choice, kind);
    const index = typeof choice.index === 'number' ? choice.index : 0;
    const blocked = await guardChoice(g, choice, kind, index, result);
    if (blocked) {
      result.filteredBy ??= blocked;
      withhold(choice);
    }
  }
  return result;
}

async function guardChoice(
  g: AnswerGuards,
  choice: Json,
  kind: 'chat' | 'completion',
  index: number,
  result: GuardedAnswer,
): Promise<BlockDecision | undefined> {
  const { ctx, pipeline, signal } = g;
  const chat = kind === 'chat';
  const holder = chat ? (isObject(choice.message) ? choice.message : undefined) : choice;
  let changed = false;
  if (holder && pipeline.has('response')) {
    for (const slot of chat ? CHAT_SLOTS : COMPLETION_SLOTS) {
      const text = slotText(holder, slot.key);
      if (text.length === 0) continue;
      // The output keeps the request's context; every other text of the choice gets its own.
      const c = slot.role === 'output' ? ctx : textContext(ctx);
      const out = await guardWholeText(pipeline, c, text, index, signal);
      result.decisions.push(...out.decisions);
      if (out.blocked) return out.blocked;
      if (out.text !== text) {
        writeSlot(holder, slot.key, out.text);
        changed = true;
      }
    }
  }
  if (choice.logprobs !== undefined && choice.logprobs !== null) {
    const blocked = await guardChoiceLogprobs(g, choice, chat, changed, index, result);
    if (blocked) return blocked;
  }
  const calls = chat ? toolCallViews(holder, index) : [];
  if (calls.length > 0 && holder && pipeline.has('toolCall')) {
    ctx.toolCalls = calls;
    const out = await pipeline.run('toolCall', ctx, signal);
    result.decisions.push(...out.decisions);
    if (out.verdict?.action === 'block') return out.verdict;
    // what the guards rewrote is what the client gets (never the unpatched original)
    if (patchedToolCalls(out.decisions)) writeToolCalls(holder, ctx.toolCalls ?? [], holder.tool_calls);
    if (out.verdict?.action === 'requireApproval')
      result.held.push({ choice, calls: ctx.toolCalls ?? [], decisions: out.decisions });
  }
  return undefined;
}

/**
 * Logprobs are rebuilt from known fields; dropped when a text of the choice changed, or when their own token
 * texts (chosen, bytes, alternatives) would be changed by a guard; a block there withholds the choice.
 */
async function guardChoiceLogprobs(
  g: AnswerGuards,
  choice: Json,
  chat: boolean,
  changed: boolean,
  index: number,
  result: GuardedAnswer,
): Promise<BlockDecision | undefined> {
  const lp = changed ? null : knownLogprobs(choice.logprobs, chat);
  choice.logprobs = lp;
  if (!lp || !g.pipeline.has('response')) return undefined;
  const out = await guardLogprobs(g.pipeline, g.ctx, lp, index, g.signal);
  result.decisions.push(...out.decisions);
  if (!out.keep) choice.logprobs = null;
  return out.blocked;
}

/** Removes a choice's texts, tool calls and logprobs: the client gets nothing of it. */
export function withhold(choice: Json): void {
  const msg = choice.message;
  if (isObject(msg)) {
    msg.content = null;
    for (const k of ['tool_calls', 'function_call', 'reasoning_content', 'reasoning']) delete msg[k];
    if (msg.refusal !== undefined) msg.refusal = null;
  } else choice.text = '';
  if (choice.logprobs !== undefined) choice.logprobs = null;
  choice.finish_reason = 'content_filter';
}
