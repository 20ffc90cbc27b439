// The gateway side of approvals: holds tool calls a guard wants approved, redeems resubmitted approvals,
// and shapes what the client sees when a call is not (yet) approved.
import type { GuardContext, ToolCallView } from '../../core/context.js';
import { requestTexts } from '../../core/context.js';
import type { Decision } from '../../core/decision.js';
import { readableExcerpt } from '../../core/redact.js';
import type { ApprovalRecord, ApprovalStatus } from '../../store/types.js';
import { readToolArguments } from '../arguments.js';
import { safeName, toolRoute } from '../policy.js';
import { type ApprovalQueue, type CallPlace, callHash } from './queue.js';

export interface HoldInput {
  ctx: GuardContext;
  /** The tool calls of the held choice(s). */
  calls: readonly ToolCallView[];
  /** The tool-call phase decisions; requireApproval ones may name the calls they hold (details.callIds). */
  decisions: readonly Decision[];
  /** Approval ids the client resubmitted with (x-warden-approval-id). */
  approvalIds: readonly string[];
  signal: AbortSignal;
}

export interface ApprovalSummary {
  id: string;
  status: ApprovalStatus;
  tool: string;
  expires_at: string;
  poll_url: string;
}

export type HoldOutcome =
  | { kind: 'release' }
  | { kind: 'withheld'; status: Exclude<ApprovalStatus, 'approved'>; approvals: ApprovalSummary[] };

export function summary(r: ApprovalRecord): ApprovalSummary {
  return {
    id: r.id,
    status: r.status,
    tool: r.tool,
    expires_at: new Date(r.expiresAt).toISOString(),
    poll_url: `/v1/approvals/${r.id}`,
  };
}

interface Item {
  call: ToolCallView;
  args: Record<string, unknown>;
  place: CallPlace;
  hash: string;
}

/** Each call's place in its response: its choice, its position among that choice's calls, their count. */
function placesOf(calls: readonly ToolCallView[]): Map<ToolCallView, CallPlace> {
  const byChoice = new Map<number, ToolCallView[]>();
  for (const c of calls) byChoice.set(c.choiceIndex, [...(byChoice.get(c.choiceIndex) ?? []), c]);
  const out = new Map<ToolCallView, CallPlace>();
  for (const [choice, list] of byChoice)
    for (const [position, c] of list.entries()) out.set(c, { choice, position, count: list.length });
  return out;
}

/** Which calls the requireApproval decisions hold: those they name, or all when one names none. */
function heldCalls(calls: readonly ToolCallView[], decisions: readonly Decision[]): ToolCallView[] {
  const ids = new Set<string>();
  for (const d of decisions) {
    if (d.action !== 'requireApproval') continue;
    const named = d.details?.callIds;
    if (!Array.isArray(named)) return [...calls];
    for (const id of named) ids.add(String(id));
  }
  return calls.filter((c) => ids.has(c.id));
}

export class ApprovalGate {
  constructor(
    readonly queue: ApprovalQueue,
    private readonly holdMs: number,
  ) {}

  /** Decides whether held tool calls may go to the client now; waits up to the hold for a human decision. */
  async hold(input: HoldInput): Promise<HoldOutcome> {
    const { ctx } = input;
    const route = toolRoute(ctx);
    const places = placesOf(input.calls);
    const items: Item[] = [];
    for (const call of heldCalls(input.calls, input.decisions)) {
      const reading = readToolArguments(call.arguments);
      // Arguments that cannot be read one way only are never approved (fail closed).
      if (reading.kind === 'refused') return { kind: 'withheld', status: 'denied', approvals: [] };
      const place = places.get(call) ?? { choice: call.choiceIndex, position: 0, count: 1 };
      const args = reading.value;
      const hash = callHash({
        route,
        model: ctx.model,
        tool: call.name,
        args,
        place,
        principalId: ctx.principal.id,
      });
      // Identical calls are distinct calls: each needs its own approval, redeemed once.
      items.push({ call, args, place, hash });
    }
    if (items.length === 0) return { kind: 'release' };
    const given = new Map<string, ApprovalRecord>();
    for (const id of input.approvalIds) {
      const r = await this.queue.get(id);
      if (r && r.requester === ctx.principal.id) given.set(id, r);
    }
    const reason = input.decisions
      .filter((d) => d.action === 'requireApproval')
      .map((d) => d.reason ?? 'approval required')
      .join('; ');
    const userText = requestTexts(ctx.route, ctx.body)
      .filter((t) => t.trust === 'user')
      .at(-1)?.text;
    const bound: ApprovalRecord[] = [];
    for (const item of items) {
      const matching = [...given.values()].filter((r) => r.callHash === item.hash);
      const usable = matching.find((r) => r.status === 'approved' && r.usedAt === undefined);
      if (usable) {
        bound.push(usable);
        continue;
      }
      const refused = matching.find((r) => r.status === 'denied' || r.status === 'expired');
      if (refused) return withheld([refused]);
      const { position, count } = item.place;
      const why = reason || 'approval required';
      bound.push(
        await this.queue.request({
          principal: ctx.principal,
          route,
          model: ctx.model,
          tool: item.call.name,
          args: item.args,
          place: item.place,
          // N identical calls are N approvals: the approver sees which one this is.
          reason: count > 1 ? `${why} (call ${position + 1} of ${count})` : why,
          requestId: ctx.requestId,
          ...(userText ? { excerpt: readableExcerpt(userText, 160) } : {}),
        }),
      );
    }
    const pending = bound.filter((r) => r.status === 'pending').map((r) => r.id);
    const settled =
      pending.length > 0
        ? await this.queue.waitAll(pending, this.holdMs, input.signal)
        : ([] as ApprovalRecord[]);
    const latest = bound.map((r) => settled.find((s) => s.id === r.id) ?? r);
    const notApproved = latest.filter((r) => r.status !== 'approved');
    if (notApproved.length > 0) return withheld(latest);
    // Every call is approved: redeem each approval once; a lost race (used elsewhere) withholds.
    for (let i = 0; i < items.length; i++) {
      if (!(await this.queue.consume(latest[i]!.id, items[i]!.hash))) {
        const again = (await this.queue.get(latest[i]!.id)) ?? latest[i]!;
        return withheld([{ ...again, status: again.status === 'approved' ? 'expired' : again.status }]);
      }
    }
    return { kind: 'release' };
  }
}

function withheld(records: ApprovalRecord[]): HoldOutcome {
  const statuses = records.map((r) => r.status);
  const status = statuses.includes('denied')
    ? 'denied'
    : statuses.includes('expired')
      ? 'expired'
      : 'pending';
  const approvals = records.map(summary);
  return { kind: 'withheld', status, approvals };
}

/** The `warden` field of a filtered answer or final stream chunk when calls were withheld. */
export function withheldField(o: Extract<HoldOutcome, { kind: 'withheld' }>): Record<string, unknown> {
  const first = o.approvals.find((a) => a.status === o.status) ?? o.approvals[0];
  return {
    code: o.status === 'pending' ? 'WARDEN_APPROVAL_REQUIRED' : 'WARDEN_APPROVAL_DENIED',
    approval: first,
    approvals: o.approvals,
  };
}

/**
 * The assistant text that stands in for tool calls awaiting approval (decision 1701): a normal completion every
 * SDK reads, with the approval ids and what to do next.
 */
export function pendingText(o: Extract<HoldOutcome, { kind: 'withheld' }>): string {
  const pending = o.approvals.filter((a) => a.status === 'pending');
  const list = pending.length > 0 ? pending : o.approvals;
  const ids = list.map((a) => a.id).join(', ');
  const tools = [...new Set(list.map((a) => safeName(a.tool)))].join(', ');
  const calls = list.length === 1 ? 'A tool call' : `${list.length} tool calls`;
  const verb = list.length === 1 ? 'awaits' : 'await';
  return (
    `[warden] ${calls} (${tools}) ${verb} human approval: ${ids}. Nothing was executed. ` +
    `Once approved (GET /v1/approvals/{id}), send the same request again with the header ` +
    `x-warden-approval-id: ${list.map((a) => a.id).join(',')}`
  );
}

/** The approval ids of a pending hold, for the x-warden-approval-id response header. */
export function pendingIds(o: Extract<HoldOutcome, { kind: 'withheld' }>): string {
  return o.approvals
    .filter((a) => a.status === 'pending')
    .map((a) => a.id)
    .join(',');
}
