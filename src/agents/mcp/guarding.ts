// The chat guards applied to MCP traffic: request guards on tools/call arguments, and on tool results and tool
// descriptions as untrusted text (the indirect-injection carriers), response guards on results.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { GuardContext } from '../../core/context.js';
import type { BlockDecision, Decision } from '../../core/decision.js';
import type { GuardPipeline } from '../../core/pipeline.js';
import { OutputWindow } from '../../core/stream-window.js';

export type Guarded<T> =
  | { kind: 'ok'; value: T; decisions: Decision[] }
  | { kind: 'blocked'; decision: BlockDecision; decisions: Decision[] };

type Path = (string | number)[];

/** Every string in a JSON value with its path (bounded: arguments are small, hostile ones are cut off). */
function stringLeaves(value: unknown, path: Path = [], out: { path: Path; text: string }[] = []) {
  if (out.length >= 1000) return out;
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) stringLeaves(v, [...path, i], out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) stringLeaves(v, [...path, k], out);
  return out;
}

function setAt(root: unknown, path: Path, text: string): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = text;
}

/** The request phase over texts carried as one message's content parts; returns the texts as guards left them. */
async function requestPhase(
  pipeline: GuardPipeline,
  ctx: GuardContext,
  role: 'user' | 'tool',
  texts: readonly string[],
  signal: AbortSignal,
): Promise<Guarded<string[]>> {
  if (texts.length === 0 || !pipeline.has('request')) return { kind: 'ok', value: [...texts], decisions: [] };
  const message: Record<string, unknown> = {
    role,
    content: texts.map((text) => ({ type: 'text', text })),
    ...(role === 'tool' ? { tool_call_id: 'mcp' } : {}),
  };
  const body: Record<string, unknown> = { model: ctx.model, messages: [message] };
  const rctx: GuardContext = { ...ctx, body, state: new Map(ctx.state) };
  const out = await pipeline.run('request', rctx, signal);
  if (out.verdict?.action === 'block')
    return { kind: 'blocked', decision: out.verdict, decisions: out.decisions };
  const parts = ((rctx.body.messages as { content?: unknown }[] | undefined)?.[0]?.content ?? []) as {
    text?: unknown;
  }[];
  return {
    kind: 'ok',
    value: texts.map((t, i) => (typeof parts[i]?.text === 'string' ? (parts[i]!.text as string) : t)),
    decisions: out.decisions,
  };
}

/** Request guards on tools/call arguments (the caller's words): a block refuses, a transform is applied. */
export async function guardArguments(
  pipeline: GuardPipeline,
  ctx: GuardContext,
  args: Record<string, unknown>,
  signal: AbortSignal,
): Promise<Guarded<Record<string, unknown>>> {
  const leaves = stringLeaves(args);
  const out = await requestPhase(
    pipeline,
    ctx,
    'user',
    leaves.map((l) => l.text),
    signal,
  );
  if (out.kind === 'blocked') return out;
  if (out.value.every((t, i) => t === leaves[i]!.text))
    return { kind: 'ok', value: args, decisions: out.decisions };
  const copy = structuredClone(args);
  leaves.forEach((l, i) => {
    setAt(copy, l.path, out.value[i]!);
  });
  return { kind: 'ok', value: copy, decisions: out.decisions };
}

/** Scores untrusted texts (tool descriptions) with the request guards; only a block counts. */
export async function scoreUntrusted(
  pipeline: GuardPipeline,
  ctx: GuardContext,
  texts: readonly string[],
  signal: AbortSignal,
): Promise<Guarded<string[]>> {
  return requestPhase(pipeline, ctx, 'tool', texts, signal);
}

/** The texts of a tool result guards must see: text items, embedded resource texts, structured content. */
function resultTexts(r: CallToolResult): string[] {
  const out: string[] = [];
  for (const c of r.content ?? []) {
    if (c.type === 'text') out.push(c.text);
    else if (c.type === 'resource' && 'text' in c.resource) out.push(String(c.resource.text));
    else if (c.type === 'resource_link') out.push(c.uri);
  }
  if (r.structuredContent !== undefined) out.push(JSON.stringify(r.structuredContent));
  return out;
}

/**
 * Guards a tool result before the caller sees it: the request guards score it as untrusted text (a tool result
 * is where indirect injections arrive), then the response guards (secrets, exfiltration...) redact or block.
 */
export async function guardResult(
  pipeline: GuardPipeline,
  ctx: GuardContext,
  result: CallToolResult,
  signal: AbortSignal,
): Promise<Guarded<CallToolResult>> {
  const texts = resultTexts(result);
  const scored = await scoreUntrusted(pipeline, ctx, texts, signal);
  if (scored.kind === 'blocked') return scored;
  const decisions = [...scored.decisions];
  if (!pipeline.has('response')) return { kind: 'ok', value: result, decisions };
  const released = new Map<string, string>();
  for (const [i, text] of [...new Set(texts)].entries()) {
    const window = new OutputWindow(
      (view) => pipeline.run('response', { ...ctx, output: view }, signal),
      0,
      i,
    );
    const step = await window.finish(text);
    decisions.push(...window.decisions());
    if (step.blocked) return { kind: 'blocked', decision: step.blocked, decisions };
    released.set(text, step.release);
  }
  const same = (t: string) => released.get(t) ?? t;
  const content = (result.content ?? []).map((c) => {
    if (c.type === 'text') return { ...c, text: same(c.text) };
    if (c.type === 'resource' && 'text' in c.resource)
      return { ...c, resource: { ...c.resource, text: same(String(c.resource.text)) } };
    // A link a guard rewrote is not followed half-redacted: it is withheld.
    if (c.type === 'resource_link' && same(c.uri) !== c.uri)
      return { type: 'text' as const, text: '[link withheld by Warden]' };
    return c;
  });
  const value: CallToolResult = { ...result, content };
  // Structured content that a guard rewrote cannot be patched as JSON: withhold it, the text items remain.
  if (result.structuredContent !== undefined) {
    const s = JSON.stringify(result.structuredContent);
    if (same(s) !== s) delete value.structuredContent;
  }
  return { kind: 'ok', value, decisions };
}
