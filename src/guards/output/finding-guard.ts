// Turns a pure detector into a guard for the response phase (redact, block or log, mid-stream) and for the
// tool-call phase (arguments scanned whole; a finding blocks, since a rewritten tool call cannot be trusted).
import type { GuardContext, OutputView, ToolCallView } from '../../core/context.js';
import type { CpuTaskInput } from '../../core/cpu-pool.js';
import { allow, block, type Decision, type Redaction, transform } from '../../core/decision.js';
import type { Guard } from '../../core/guard.js';
import type { DetectorTasks } from '../../detectors/cpu-tasks.js';
import type { Finding } from '../../detectors/finding.js';
import { cpuRefusal, type DetectorOutcome, type GuardCpu, inlineGuardCpu, settleDetector } from '../cpu.js';
import type { GuardInstanceSettings } from '../types.js';

export type FindingAction = 'redact' | 'block' | 'log';

export interface OutputScan {
  /**
   * Complete findings in `text`: the window's left context + pending text (`view` is that window), or a tool
   * call's arguments (`view` undefined).
   */
  scan(text: string, ctx: GuardContext, view?: OutputView): Finding[];
  /** Start of a construct still open at the end of a streamed text, or -1: it is held back whole. */
  openFrom?(text: string, ctx: GuardContext): number;
  /** The same scan as a pure CPU-pool task, when it is one for this text (large texts then leave the event loop). */
  offload?(text: string, view?: OutputView): OffloadJob | undefined;
  /** Drops findings the request itself explains (run after the scan, inline or pooled). */
  refine?(found: Finding[], text: string, ctx: GuardContext): Finding[];
}

type FindingTask = 'secrets' | 'pii' | 'exfil';
export type OffloadJob = {
  [K in FindingTask]: { task: K; input: CpuTaskInput<DetectorTasks, K> };
}[FindingTask];

export interface FindingGuardSpec {
  settings: GuardInstanceSettings;
  tags: readonly string[];
  /** What the guard looks for, in words ('a secret', 'personal data'). */
  label: string;
  action: FindingAction;
  holdBack: number;
  scan: OutputScan;
  cpu?: GuardCpu | undefined;
}

const placeholder = (kind: string) => `[REDACTED:${kind}]`;

function summary(findings: readonly Finding[]): { kinds: string[]; count: number; score: number } {
  return {
    kinds: [...new Set(findings.map((f) => f.kind))].sort(),
    count: findings.length,
    score: Math.max(...findings.map((f) => f.confidence)),
  };
}

/** Findings in one text: inline, or in the CPU pool when the scan offers a task and the text is large. */
function scanText(
  spec: FindingGuardSpec,
  ctx: GuardContext,
  text: string,
  view: OutputView | undefined,
  signal: AbortSignal | undefined,
): DetectorOutcome<Finding[]> | Promise<DetectorOutcome<Finding[]>> {
  const cpu = spec.cpu ?? inlineGuardCpu;
  const job = cpu.offloads(text.length) ? spec.scan.offload?.(text, view) : undefined;
  if (!job) return { kind: 'done', value: spec.scan.scan(text, ctx, view) };
  // Output is charged to the principal's budget but not refused here: the request phase refuses the next one.
  return cpu.run(job.task as 'secrets', job.input as CpuTaskInput<DetectorTasks, 'secrets'>, {
    chars: text.length,
    principal: ctx.principal.id,
    signal,
    enforce: false,
  });
}

function checkOutput(
  spec: FindingGuardSpec,
  ctx: GuardContext,
  signal?: AbortSignal,
): Decision | Promise<Decision> {
  const { id } = spec.settings;
  const out = ctx.output;
  if (!out) return allow(id);
  const refine = spec.scan.refine;
  return settleDetector(id, scanText(spec, ctx, out.text, out, signal), (all) =>
    decideOutput(spec, ctx, out, refine ? refine(all, out.text, ctx) : all),
  );
}

function decideOutput(spec: FindingGuardSpec, ctx: GuardContext, out: OutputView, all: Finding[]): Decision {
  const { id } = spec.settings;
  const found = all.filter((f) => f.end > out.pendingStart);
  const hold: Redaction[] = [];
  if (!out.final && spec.action !== 'log' && spec.scan.openFrom) {
    const at = spec.scan.openFrom(out.text, ctx);
    // Within the hold-back the window keeps it anyway; only a longer open span needs an explicit hold.
    if (at >= 0 && out.text.length - at > spec.holdBack) {
      hold.push({ start: at, end: out.text.length, replacement: '', kind: 'hold' });
    }
  }
  if (found.length === 0) {
    if (hold.length === 0) return allow(id);
    return transform(id, { changes: [], redactions: hold, reason: 'holding an unfinished span' });
  }
  const s = summary(found);
  const details = { kinds: s.kinds, count: s.count };
  if (spec.action === 'block') {
    return block(id, {
      reason: `output contains ${spec.label} (${s.kinds.join(', ')})`,
      score: s.score,
      details,
    });
  }
  if (spec.action === 'log') {
    const settled = found.filter((f) => out.final || f.end <= out.text.length - spec.holdBack);
    if (settled.length > 0)
      ctx.log.warn({ guardId: id, ...summary(settled) }, `output contains ${spec.label}`);
    return allow(id, { score: s.score, details, reason: 'log only' });
  }
  const redactions: Redaction[] = found.map((f) => ({
    start: f.start,
    end: f.end,
    replacement: placeholder(f.kind),
    kind: f.kind,
  }));
  return transform(id, {
    changes: s.kinds.map((k) => `redacted ${k}`),
    redactions: [...redactions, ...hold],
    score: s.score,
    details,
  });
}

/** The texts of a tool call to scan: its raw JSON, and its string values as `key: value` lines. */
export function toolCallTexts(call: ToolCallView): string[] {
  const lines: string[] = [];
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') lines.push(key ? `${key}: ${v}` : v);
    else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  try {
    walk(JSON.parse(call.arguments), '');
  } catch {
    // Not JSON (yet): the raw text is still scanned.
  }
  return lines.length > 0 ? [call.arguments, lines.join('\n')] : [call.arguments];
}

function safeToolName(name: string): string {
  return /^[\w.-]{1,64}$/.test(name) ? name : 'tool';
}

function checkToolCalls(
  spec: FindingGuardSpec,
  ctx: GuardContext,
  signal?: AbortSignal,
): Decision | Promise<Decision> {
  const names: string[] = [];
  const texts: string[] = [];
  const scans: (DetectorOutcome<Finding[]> | Promise<DetectorOutcome<Finding[]>>)[] = [];
  for (const call of ctx.toolCalls ?? []) {
    for (const text of toolCallTexts(call)) {
      names.push(call.name);
      texts.push(text);
      scans.push(scanText(spec, ctx, text, undefined, signal));
    }
  }
  const decide = (outcomes: DetectorOutcome<Finding[]>[]): Decision => {
    const refused = outcomes.find((o) => o.kind === 'refused');
    if (refused?.kind === 'refused') return cpuRefusal(spec.settings.id, refused.retryAfterMs);
    const refine = spec.scan.refine;
    return decideToolCalls(
      spec,
      ctx,
      outcomes.map((o, i) => {
        const found = o.kind === 'done' ? o.value : [];
        return refine ? refine(found, texts[i]!, ctx) : found;
      }),
      names,
    );
  };
  return scans.some((s) => s instanceof Promise)
    ? Promise.all(scans).then(decide)
    : decide(scans as DetectorOutcome<Finding[]>[]);
}

function decideToolCalls(
  spec: FindingGuardSpec,
  ctx: GuardContext,
  perText: Finding[][],
  names: string[],
): Decision {
  const { id } = spec.settings;
  const found: Finding[] = [];
  let tool = '';
  perText.forEach((f, i) => {
    if (f.length > 0 && !tool) tool = safeToolName(names[i]!);
    found.push(...f);
  });
  if (found.length === 0) return allow(id);
  const s = summary(found);
  const details = { kinds: s.kinds, count: s.count, tool };
  if (spec.action === 'log') {
    ctx.log.warn({ guardId: id, ...details }, `tool call arguments contain ${spec.label}`);
    return allow(id, { score: s.score, details, reason: 'log only' });
  }
  return block(id, {
    reason: `tool call '${tool}' arguments contain ${spec.label} (${s.kinds.join(', ')})`,
    score: s.score,
    details,
  });
}

/** Builds the guard for the phase in `spec.settings` (response or toolCall). */
export function createFindingGuard(spec: FindingGuardSpec): Guard {
  const base = {
    id: spec.settings.id,
    tags: spec.tags,
    failMode: spec.settings.failMode,
    ...(spec.settings.deadlineMs === undefined ? {} : { deadlineMs: spec.settings.deadlineMs }),
  };
  if (spec.settings.phase === 'toolCall') {
    return { ...base, phase: 'toolCall', check: (ctx, signal) => checkToolCalls(spec, ctx, signal) };
  }
  return {
    ...base,
    phase: 'response',
    holdBack: spec.holdBack,
    check: (ctx, signal) => checkOutput(spec, ctx, signal),
  };
}
