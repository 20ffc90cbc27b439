// The tool-call policy: which principal may call which tool with which arguments, as a pure, pre-compiled matcher.
import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';
import type { GuardContext, Principal } from '../core/context.js';
import { matchesAny } from '../core/glob.js';
import type { Guard } from '../core/guard.js';
import { readToolArguments } from './arguments.js';
import { hasWords, toolGlobKey, toolNameKey, toolWords } from './tool-names.js';

const argMatcher = z
  .object({
    path: z
      .string()
      .min(1)
      .describe("Dotted path into the parsed arguments, e.g. 'amount' or 'recipient.email' or 'items.0.id'."),
    equals: z.unknown().optional().describe('Holds when the value equals this JSON value.'),
    in: z.array(z.unknown()).optional().describe('Holds when the value equals one of these.'),
    notIn: z.array(z.unknown()).optional().describe('Holds when the value equals none of these.'),
    regex: z
      .string()
      .optional()
      .describe('Holds when the value is a string matching this regular expression.'),
    gt: z.number().optional().describe('Holds when the value is a number greater than this.'),
    lt: z.number().optional().describe('Holds when the value is a number lower than this.'),
    exists: z.boolean().optional().describe('Holds when the path is present (true) or absent (false).'),
  })
  .strict()
  .describe('A matcher on one argument path; every condition given must hold.');

const ruleSchema = z
  .object({
    tools: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'Tool names (globs) the rule covers, matched after normalisation: case, Unicode compatibility forms and look-alikes folded, and -, _, . and camel case read as one separator (`delete_*` covers DELETE_USER, delete-user and deleteUser).',
      ),
    words: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        "Whole words of the tool name the rule covers (split as for `tools`): 'delete' covers deleteUser and bulk_delete, not undelete; 'send_email' covers send_email_now.",
      ),
    action: z
      .enum(['allow', 'deny', 'approve'])
      .describe("'allow' releases the call, 'deny' removes it, 'approve' holds it for a human approver."),
    when: z
      .object({
        schema: z
          .record(z.string(), z.unknown())
          .optional()
          .describe(
            'JSON Schema (validated with ajv): the rule applies when the arguments are VALID against it.',
          ),
        args: z.array(argMatcher).optional().describe('Argument matchers: the rule applies when all hold.'),
      })
      .strict()
      .optional()
      .describe('Argument predicate; without it the rule applies to every call of the tools.'),
    reason: z.string().max(200).optional().describe('Safe reason shown to approvers and in audit records.'),
  })
  .strict()
  .refine((r) => r.tools !== undefined || r.words !== undefined, 'give tools, words or both');

const policySchema = z
  .object({
    name: z.string().min(1).max(100).optional().describe('Name used in reasons and audit records.'),
    match: z
      .object({
        routes: z
          .array(z.string())
          .optional()
          .describe("Routes (globs): 'chat' for chat completions, 'mcp:<server>' for a fronted MCP server."),
        models: z.array(z.string()).optional().describe('Model names (globs).'),
        principals: z
          .array(z.string())
          .optional()
          .describe("Principal ids (globs), e.g. 'key:*', 'jwt:ops-*'."),
        tenants: z.array(z.string()).optional().describe('Tenants (globs).'),
        labels: z
          .record(z.string(), z.string())
          .optional()
          .describe('Key labels that must all be present with these values.'),
        scopes: z
          .array(z.string())
          .optional()
          .describe('The principal must hold at least one of these scopes.'),
      })
      .strict()
      .default({})
      .describe('Which requests the policy covers; every given field must match. Empty matches all.'),
    strict: z
      .boolean()
      .default(false)
      .describe('Deny calls no rule names, and calls to tools the request did not declare.'),
    rules: z.array(ruleSchema).default([]).describe('Rules tried in order; the first that applies decides.'),
  })
  .strict();

export const toolPolicyOptions = z
  .object({
    policies: z
      .array(policySchema)
      .default([])
      .describe('Policies tried in order; the first whose `match` fits the request applies.'),
    unmatched: z
      .enum(['allow', 'deny'])
      .default('allow')
      .describe('What happens to tool calls when no policy matches the request.'),
  })
  .strict();

export type ToolPolicyOptions = z.output<typeof toolPolicyOptions>;
export type ToolPolicyInput = z.input<typeof toolPolicyOptions>;

/** GuardContext.state key naming the tool route when it is not the HTTP route (e.g. 'mcp:files'). */
export const TOOL_ROUTE = 'warden.toolRoute';

/** The route a tool call belongs to: 'chat', or 'mcp:<server>' for a fronted MCP server. */
export function toolRoute(ctx: GuardContext): string {
  const r = ctx.state.get(TOOL_ROUTE);
  return typeof r === 'string' ? r : ctx.route;
}

/** A tool-call guard that can also say whether a tool should be listed at all (MCP tools/list filtering). */
export interface ToolLister {
  listsTool(ctx: GuardContext, name: string): boolean;
}

export function isToolLister(g: Guard): g is Guard & ToolLister {
  return typeof (g as Partial<ToolLister>).listsTool === 'function';
}

/** Who is calling and where, as the policy sees it. */
export interface PolicySubject {
  route: string;
  model?: string;
  principal: Principal;
  /** Tool names the request declared; undefined when unknown (MCP lists come from the server). */
  declaredTools?: readonly string[];
}

export interface ToolCallInput {
  name: string;
  /** Raw JSON arguments. */
  arguments: string;
}

export type ToolVerdict =
  | { action: 'allow'; reason: string; args: unknown }
  | { action: 'deny'; reason: string }
  | { action: 'approve'; reason: string; args: unknown };

interface CompiledMatcher {
  path: string[];
  test: (present: boolean, value: unknown) => boolean;
}

interface CompiledRule {
  /** Normalised globs (toolGlobKey). */
  tools: string[];
  /** Word sequences (toolWords). */
  words: string[][];
  action: 'allow' | 'deny' | 'approve';
  schema?: ValidateFunction;
  args: CompiledMatcher[];
  reason: string;
}

interface CompiledPolicy {
  name: string;
  match: z.output<typeof policySchema>['match'];
  strict: boolean;
  rules: CompiledRule[];
}

/** A compiled policy set: options are validated and schemas and regexes compiled once, at start-up. */
export class ToolPolicy {
  private readonly policies: CompiledPolicy[];
  readonly unmatched: 'allow' | 'deny';

  constructor(options: ToolPolicyInput) {
    const opts = toolPolicyOptions.parse(options);
    const ajv = new Ajv({ allErrors: false, strict: false });
    this.unmatched = opts.unmatched;
    this.policies = opts.policies.map((p, i) => ({
      name: p.name ?? `policy ${i + 1}`,
      match: p.match,
      strict: p.strict,
      rules: p.rules.map((r) => ({
        tools: (r.tools ?? []).map(toolGlobKey),
        words: (r.words ?? []).map(toolWords).filter((w) => w.length > 0),
        action: r.action,
        ...(r.when?.schema ? { schema: ajv.compile(r.when.schema) } : {}),
        args: (r.when?.args ?? []).map(compileMatcher),
        reason: r.reason ?? `${r.action} rule for ${[...(r.tools ?? []), ...(r.words ?? [])].join(', ')}`,
      })),
    }));
  }

  /** The first policy covering the subject, or undefined. */
  policyFor(subject: PolicySubject): CompiledPolicy | undefined {
    return this.policies.find((p) => covers(p.match, subject));
  }

  /** Is a tool visible at all to this subject (for filtering tool lists): not denied outright by name. */
  lists(subject: PolicySubject, name: string): boolean {
    const policy = this.policyFor(subject);
    if (!policy) return this.unmatched === 'allow';
    const key = toolNameKey(name);
    const rule = policy.rules.find((r) => namesTool(r, key));
    if (!rule) return !policy.strict;
    // A deny rule with a predicate only denies some calls: the tool stays listed.
    return !(rule.action === 'deny' && !rule.schema && rule.args.length === 0);
  }

  /** Decides one call. Arguments that are not one unambiguous JSON object are always denied. */
  decide(subject: PolicySubject, call: ToolCallInput): ToolVerdict {
    const reading = readToolArguments(call.arguments);
    if (reading.kind === 'refused')
      return { action: 'deny', reason: `arguments of ${safeName(call.name)} refused: ${reading.reason}` };
    const args = reading.value;
    const key = toolNameKey(call.name);
    const policy = this.policyFor(subject);
    if (!policy) {
      return this.unmatched === 'allow'
        ? { action: 'allow', reason: 'no policy covers this request', args }
        : { action: 'deny', reason: 'no policy covers this request' };
    }
    // Strict: the exact declared name; a look-alike of a declared tool is not that tool.
    if (policy.strict && subject.declaredTools && !subject.declaredTools.includes(call.name)) {
      return {
        action: 'deny',
        reason: `${policy.name}: ${safeName(call.name)} was not declared by the request`,
      };
    }
    for (const rule of policy.rules) {
      if (!namesTool(rule, key)) continue;
      if (rule.schema && !rule.schema(args)) continue;
      if (!rule.args.every((m) => testMatcher(m, args))) continue;
      const reason = `${policy.name}: ${rule.reason}`;
      return rule.action === 'deny' ? { action: 'deny', reason } : { action: rule.action, reason, args };
    }
    return policy.strict
      ? { action: 'deny', reason: `${policy.name}: ${safeName(call.name)} is not an allowed tool (strict)` }
      : { action: 'allow', reason: `${policy.name}: no rule applies`, args };
  }
}

/** Whether a rule names this tool (its normalised name), by glob or by whole words. */
function namesTool(r: CompiledRule, key: string): boolean {
  if (r.tools.length > 0 && matchesAny(r.tools, key)) return true;
  if (r.words.length === 0) return false;
  const segments = key.split('_');
  return r.words.some((w) => hasWords(segments, w));
}

function covers(m: CompiledPolicy['match'], s: PolicySubject): boolean {
  const p = s.principal;
  if (m.routes && !matchesAny(m.routes, s.route)) return false;
  if (m.models && (s.model === undefined || !matchesAny(m.models, s.model))) return false;
  if (m.principals && !matchesAny(m.principals, p.id)) return false;
  if (m.tenants && (p.tenant === undefined || !matchesAny(m.tenants, p.tenant))) return false;
  if (m.labels && !Object.entries(m.labels).every(([k, v]) => p.labels?.[k] === v)) return false;
  if (m.scopes && !m.scopes.some((sc) => p.scopes.includes(sc))) return false;
  return true;
}

function compileMatcher(m: z.output<typeof argMatcher>): CompiledMatcher {
  const re = m.regex === undefined ? undefined : new RegExp(m.regex, 'u');
  const has = (k: string) => Object.hasOwn(m, k);
  return {
    path: m.path.split('.'),
    test(present, value) {
      if (m.exists !== undefined && present !== m.exists) return false;
      if (!present) return m.exists === false;
      if (has('equals') && !jsonEqual(value, m.equals)) return false;
      if (m.in && !m.in.some((v) => jsonEqual(v, value))) return false;
      if (m.notIn?.some((v) => jsonEqual(v, value))) return false;
      if (re && (typeof value !== 'string' || !re.test(value))) return false;
      if (m.gt !== undefined && !(typeof value === 'number' && value > m.gt)) return false;
      if (m.lt !== undefined && !(typeof value === 'number' && value < m.lt)) return false;
      return true;
    },
  };
}

function testMatcher(m: CompiledMatcher, args: unknown): boolean {
  let node: unknown = args;
  for (const key of m.path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key))
      return m.test(false, undefined);
    node = (node as Record<string, unknown>)[key];
  }
  return m.test(true, node);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** Tool names come from the model: keep only a short, plain form in reasons. */
export function safeName(name: string): string {
  return /^[\w.:-]{1,64}$/.test(name) ? name : `tool(${name.length} chars)`;
}
