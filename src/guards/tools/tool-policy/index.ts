// The tool-policy guard: applies the configured tool-call policy to every tool call a model emits.
import {
  type PolicySubject,
  safeName,
  type ToolLister,
  ToolPolicy,
  toolPolicyOptions,
  toolRoute,
} from '../../../agents/policy.js';
import type { GuardContext } from '../../../core/context.js';
import { allow, block } from '../../../core/decision.js';
import type { Guard } from '../../../core/guard.js';
import { defineGuardType } from '../../types.js';

/** Placeholder id in a tool-policy requireApproval: the gateway's approval queue assigns the real one. */
export const UNASSIGNED_APPROVAL = 'unassigned';

export function declaredTools(body: Record<string, unknown>): string[] {
  if (!Array.isArray(body.tools)) return [];
  return body.tools
    .map((t) => (t as { function?: { name?: unknown } } | null)?.function?.name)
    .filter((n): n is string => typeof n === 'string');
}

export function subjectOf(ctx: GuardContext): PolicySubject {
  return {
    route: toolRoute(ctx),
    model: ctx.model,
    principal: ctx.principal,
    declaredTools: declaredTools(ctx.body),
  };
}

export const toolPolicyGuard = defineGuardType({
  name: 'tool-policy',
  description:
    'Allows, denies or holds for human approval the tool calls a model emits, by tool name and argument predicates, per route and principal.',
  phases: ['toolCall'],
  tags: ['LLM06', 'LLM01'],
  options: toolPolicyOptions,
  create(opts, settings) {
    const policy = new ToolPolicy(opts);
    const guard: Guard & ToolLister = {
      id: settings.id,
      phase: 'toolCall',
      tags: ['LLM06', 'LLM01'],
      failMode: settings.failMode,
      check(ctx) {
        const calls = ctx.toolCalls ?? [];
        const subject = subjectOf(ctx);
        const held: { id: string; name: string }[] = [];
        const reasons: string[] = [];
        for (const call of calls) {
          const v = policy.decide(subject, call);
          if (v.action === 'deny') {
            return block(settings.id, {
              reason: v.reason,
              details: { tool: safeName(call.name), calls: calls.length },
            });
          }
          if (v.action === 'approve') {
            held.push({ id: call.id, name: safeName(call.name) });
            if (!reasons.includes(v.reason)) reasons.push(v.reason);
          }
        }
        if (held.length > 0) {
          return {
            guardId: settings.id,
            status: 'ok',
            action: 'requireApproval',
            approvalId: UNASSIGNED_APPROVAL,
            reason: reasons.join('; '),
            details: { callIds: held.map((h) => h.id), tools: held.map((h) => h.name) },
          };
        }
        return allow(settings.id, { details: { calls: calls.length } });
      },
      listsTool(ctx, name) {
        return policy.lists(subjectOf(ctx), name);
      },
    };
    return guard;
  },
});
