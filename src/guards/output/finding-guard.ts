// Turns a pure detector into a guard for the response phase (redact, block or log, mid-stream) and for the
// tool-call phase (arguments scanned whole; a finding blocks, since a rewritten tool call cannot be trusted).
import type { GuardContext, OutputView, ToolCallView } from '../../core/context.js';
import { allow, block, type Decision, type Redaction, transform } from '../../core/decision.js';
import type { Guard } from '../../core/guard.js';
import type { Finding } from '../../detectors/finding.js';
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
}

export interface FindingGuardSpec {
  settings: GuardInstanceSettings;
  tags: readonly string[];
  /** What the guard looks for, in words ('a secret', 'personal data'). */
  label: string;
  action: FindingAction;
  holdBack: number;
  scan: OutputScan;
}

const placeholder = (kind: string) => `[REDACTED:${kind}]`;

function summary(findings: readonly Finding[]): { kinds: string[]; count: number; score: number } {
  return {
    kinds: [...new Set(findings.map((f) => f.kind))].sort(),
    count: findings.length,
    score: Math.max(...findings.map((f) => f.confidence)),
  };
}

function checkOutput(spec: FindingGuardSpec, ctx: GuardContext): Decision {
  const { id } = spec.settings;
  const out = ctx.output;
  if (!out) return allow(id);
  const found = spec.scan.scan(out.text, ctx, out).filter((f) => f.end > out.pendingStart);
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

function checkToolCalls(spec: FindingGuardSpec, ctx: GuardContext): Decision {
  const { id } = spec.settings;
  const found: Finding[] = [];
  let tool = '';
  for (const call of ctx.toolCalls ?? []) {
    for (const text of toolCallTexts(call)) {
      const f = spec.scan.scan(text, ctx);
      if (f.length > 0 && !tool) tool = safeToolName(call.name);
      found.push(...f);
    }
  }
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
    return { ...base, phase: 'toolCall', check: (ctx) => checkToolCalls(spec, ctx) };
  }
  return { ...base, phase: 'response', holdBack: spec.holdBack, check: (ctx) => checkOutput(spec, ctx) };
}
