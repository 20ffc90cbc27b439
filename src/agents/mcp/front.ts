// Fronts upstream MCP servers over streamable HTTP at /mcp/<name>: the caller is authenticated, tools/list is
// filtered by the tool policy, and tools/call goes through the tool-call guards and human approval.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { GuardContext, Principal } from '../../core/context.js';
import type { Decision } from '../../core/decision.js';
import type { GuardPipeline } from '../../core/pipeline.js';
import { route } from '../../http/route-table.js';
import type { Admission } from '../../identity/access.js';
import type { AuditRecord, AuditStore } from '../../store/types.js';
import type { ApprovalGate } from '../approvals/gate.js';
import { withheldField } from '../approvals/gate.js';
import { parseStrictJson, readParsedArguments } from '../arguments.js';
import { isToolLister, safeName, TOOL_ROUTE } from '../policy.js';
import { guardArguments, guardResult, scoreUntrusted } from './guarding.js';

export interface McpServerConfig {
  name: string;
  url: string;
  scope: string;
  /** Environment variable with the bearer token for the upstream; callers' credentials are never forwarded. */
  apiKeyEnv?: string | undefined;
}

export interface McpFrontDeps {
  servers: readonly McpServerConfig[];
  /** Admits one tools/call under the principal's limits (as a chat request is); throws a WardenError (429). */
  admit?: (principal: Principal) => Admission | Promise<Admission>;
  pipeline: GuardPipeline;
  approvals: ApprovalGate;
  log: Logger;
  maxBodyBytes: number;
  audit?: AuditStore;
  env?: NodeJS.ProcessEnv;
}

/** How many tools/call requests a JSON-RPC body (one message or a batch) carries. */
function toolCallsIn(body: unknown): number {
  const msgs = Array.isArray(body) ? body : [body];
  return msgs.filter((m) => (m as { method?: unknown } | null)?.method === 'tools/call').length;
}

export class McpFront {
  private readonly upstreams = new Map<string, Promise<Client>>();
  /** Tool descriptions already scored: text -> flagged (bounded). */
  private readonly poisoned = new Map<string, boolean>();

  constructor(private readonly deps: McpFrontDeps) {}

  /** One entry per configured server: POST /mcp/<name>, behind the server's scope, read with the strict reader. */
  routes() {
    return this.deps.servers.map((server) =>
      route({
        method: 'POST',
        path: `/mcp/${server.name}`,
        scope: [server.scope],
        // Duplicate keys would let Warden and the upstream read different arguments.
        body: { schema: z.unknown(), limit: this.deps.maxBodyBytes, parse: parseStrictJson },
        name: 'mcp.call',
        handler: ({ req, res, principal, body }) => this.serve(server, req, res, principal, body),
      }),
    );
  }

  private async serve(
    server: McpServerConfig,
    req: IncomingMessage,
    res: ServerResponse,
    principal: Principal,
    body: unknown,
  ): Promise<void> {
    await this.admitAll(principal, toolCallsIn(body), res);
    const front = this.serverFor(server, principal, approvalIdsOf(req));
    // Stateless: one MCP server object per HTTP request, bound to the authenticated principal.
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.once('close', () => {
      transport.close().catch(() => {});
      front.close().catch(() => {});
    });
    await front.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  /** Every tools/call counts against the caller's limits, like a chat request; released when the answer ends. */
  private async admitAll(principal: Principal, calls: number, res: ServerResponse): Promise<void> {
    if (!this.deps.admit || calls === 0) return;
    const admitted: Admission[] = [];
    const releaseAll = () => {
      for (const a of admitted.splice(0)) a.release(undefined);
    };
    try {
      for (let i = 0; i < calls; i++) admitted.push(await this.deps.admit(principal));
    } catch (err) {
      releaseAll();
      throw err;
    }
    res.once('close', releaseAll);
  }

  /** The tools this principal may see: listed by every tool-call guard, descriptions not flagged as injections. */
  private async visibleTools(s: McpServerConfig, principal: Principal, signal: AbortSignal): Promise<Tool[]> {
    const tools = await this.allTools(s);
    const ctx = this.context(s, principal, tools);
    const listers = this.deps.pipeline.guards.filter((g) => g.phase === 'toolCall').filter(isToolLister);
    const out: Tool[] = [];
    for (const t of tools) {
      if (!listers.every((l) => l.listsTool(ctx, t.name))) continue;
      if (await this.isPoisoned(ctx, t, signal)) {
        this.deps.log.warn(
          { mcpServer: s.name, tool: safeName(t.name) },
          'mcp tool description flagged, tool hidden',
        );
        continue;
      }
      out.push(t);
    }
    return out;
  }

  /** Tool descriptions are untrusted text that models read as instructions ("tool poisoning"). */
  private async isPoisoned(ctx: GuardContext, t: Tool, signal: AbortSignal): Promise<boolean> {
    const texts = [t.title, t.description, ...schemaDescriptions(t.inputSchema)].filter(
      (x): x is string => typeof x === 'string' && x.length > 0,
    );
    const key = JSON.stringify(texts);
    const known = this.poisoned.get(key);
    if (known !== undefined) return known;
    const scored = await scoreUntrusted(this.deps.pipeline, ctx, texts, signal);
    const flagged = scored.kind === 'blocked';
    if (this.poisoned.size >= 1000) this.poisoned.clear();
    this.poisoned.set(key, flagged);
    return flagged;
  }

  async close(): Promise<void> {
    for (const c of this.upstreams.values()) await c.then((cl) => cl.close()).catch(() => {});
    this.upstreams.clear();
  }

  private upstream(s: McpServerConfig): Promise<Client> {
    let c = this.upstreams.get(s.name);
    if (!c) {
      const client = new Client({ name: 'warden', version: '0.1.0' });
      const token = s.apiKeyEnv ? (this.deps.env ?? process.env)[s.apiKeyEnv] : undefined;
      const transport = new StreamableHTTPClientTransport(new URL(s.url), {
        ...(token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {}),
      });
      c = client.connect(transport).then(() => client);
      c.catch(() => this.upstreams.delete(s.name));
      this.upstreams.set(s.name, c);
    }
    return c;
  }

  private context(s: McpServerConfig, principal: Principal, tools: readonly Tool[]): GuardContext {
    return {
      requestId: randomUUID(),
      route: 'chat',
      principal,
      model: `mcp:${s.name}`,
      // The upstream's tool list plays the part of the request's declared tools (strict policies).
      body: { tools: tools.map((t) => ({ type: 'function', function: { name: t.name } })) },
      state: new Map([[TOOL_ROUTE, `mcp:${s.name}`]]),
      log: this.deps.log,
    };
  }

  /** Runs an upstream operation; a failure drops the cached connection so the next request reconnects. */
  private async withUpstream<T>(s: McpServerConfig, fn: (c: Client) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.upstream(s));
    } catch (err) {
      const c = this.upstreams.get(s.name);
      this.upstreams.delete(s.name);
      c?.then((cl) => cl.close()).catch(() => {});
      this.deps.log.warn({ mcpServer: s.name, err: (err as Error)?.name }, 'mcp upstream request failed');
      throw err;
    }
  }

  private allTools(s: McpServerConfig): Promise<Tool[]> {
    return this.withUpstream(s, (client) => this.listAll(client));
  }

  private async listAll(client: Client): Promise<Tool[]> {
    const out: Tool[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const r = await client.listTools(cursor ? { cursor } : {});
      out.push(...r.tools);
      cursor = r.nextCursor;
      if (!cursor) break;
    }
    return out;
  }

  private serverFor(s: McpServerConfig, principal: Principal, approvalIds: string[]): Server {
    const front = new Server({ name: `warden-${s.name}`, version: '0.1.0' }, { capabilities: { tools: {} } });
    front.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => ({
      tools: await this.visibleTools(s, principal, extra.signal),
    }));
    front.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
      const { name } = request.params;
      const tools = await this.allTools(s);
      const ctx = this.context(s, principal, tools);
      const decisions: Decision[] = [];
      const audit = (outcome: AuditRecord['outcome'], code?: string) =>
        this.record(ctx, s, name, outcome, decisions, code);
      const refuse = (d: { code: string; guardId: string; reason?: string | undefined }, what: string) => {
        audit('blocked', d.code);
        return refusal(`Warden blocked this ${what}: ${d.reason ?? 'policy'}`, {
          code: d.code,
          guard: d.guardId,
        });
      };
      const reading = readParsedArguments(request.params.arguments);
      if (reading.kind === 'refused')
        return refuse(
          { code: 'WARDEN_GUARD_BLOCKED', guardId: 'mcp-front', reason: `arguments ${reading.reason}` },
          'tool call',
        );
      if (!(await this.visibleTools(s, principal, extra.signal)).some((t) => t.name === name))
        return refuse(
          { code: 'WARDEN_GUARD_BLOCKED', guardId: 'mcp-front', reason: 'tool not listed' },
          'tool call',
        );
      const guardedArgs = await guardArguments(this.deps.pipeline, ctx, reading.value, extra.signal);
      decisions.push(...guardedArgs.decisions);
      if (guardedArgs.kind === 'blocked') return refuse(guardedArgs.decision, 'tool call');
      const args = guardedArgs.value;
      const call = { id: `mcp_${randomUUID()}`, name, arguments: JSON.stringify(args), choiceIndex: 0 };
      ctx.toolCalls = [call];
      const out = await this.deps.pipeline.run('toolCall', ctx, extra.signal);
      decisions.push(...out.decisions);
      const v = out.verdict;
      if (v?.action === 'block') {
        audit('blocked', v.code);
        return refusal(`Warden blocked this tool call: ${v.reason ?? 'policy'}`, {
          code: v.code,
          guard: v.guardId,
        });
      }
      if (v?.action === 'requireApproval') {
        const hold = await this.deps.approvals.hold({
          ctx,
          calls: [call],
          decisions: out.decisions,
          approvalIds,
          signal: extra.signal,
        });
        if (hold.kind === 'withheld') {
          const warden = withheldField(hold);
          audit(hold.status === 'pending' ? 'pending' : 'filtered', String(warden.code));
          const a = warden.approval as { id: string; status: string } | undefined;
          return refusal(
            hold.status === 'pending'
              ? `This tool call needs human approval (${a?.id}); retry with header x-warden-approval-id once approved`
              : `This tool call was not approved (${hold.status})`,
            warden,
          );
        }
      }
      // What the upstream runs is the value the guards checked, re-serialised by Warden.
      const result = await this.withUpstream(
        s,
        (client) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>,
      );
      const guarded = await guardResult(this.deps.pipeline, ctx, result, extra.signal);
      decisions.push(...guarded.decisions);
      if (guarded.kind === 'blocked') {
        audit('filtered', 'WARDEN_CONTENT_FILTERED');
        return refusal(`Warden withheld the tool result: ${guarded.decision.reason ?? 'policy'}`, {
          code: 'WARDEN_CONTENT_FILTERED',
          guard: guarded.decision.guardId,
        });
      }
      audit('ok');
      return guarded.value;
    });
    return front;
  }

  /** One audit record per tools/call: who, which server and tool, what the guards said; never the arguments. */
  private record(
    ctx: GuardContext,
    s: McpServerConfig,
    tool: string,
    outcome: AuditRecord['outcome'],
    decisions: readonly Decision[],
    code?: string,
  ): void {
    try {
      this.deps.audit?.append({
        ts: new Date().toISOString(),
        requestId: ctx.requestId,
        kind: 'mcp.call',
        principal: ctx.principal.id,
        ...(ctx.principal.tenant ? { tenant: ctx.principal.tenant } : {}),
        outcome,
        ...(code ? { code } : {}),
        decisions: decisions.map((d) => ({
          guardId: d.guardId,
          phase: d.phase ?? 'toolCall',
          action: d.action,
          status: d.status,
          ...(d.reason ? { reason: d.reason } : {}),
        })),
        detail: { server: s.name, tool: safeName(tool) },
      });
    } catch (err) {
      this.deps.log.error({ err: (err as Error).name }, 'audit write failed for mcp call');
    }
  }
}

function refusal(text: string, warden: Record<string, unknown>): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }], _meta: { warden } };
}

/** Parameter descriptions and titles of a tool's input schema (where "tool poisoning" also hides). */
function schemaDescriptions(schema: unknown, out: string[] = [], depth = 0): string[] {
  if (!schema || typeof schema !== 'object' || depth > 8 || out.length > 200) return out;
  for (const [k, v] of Object.entries(schema)) {
    if ((k === 'description' || k === 'title') && typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') schemaDescriptions(v, out, depth + 1);
  }
  return out;
}

function approvalIdsOf(req: IncomingMessage): string[] {
  const h = req.headers['x-warden-approval-id'];
  if (typeof h !== 'string') return [];
  return h
    .split(',')
    .map((x) => x.trim())
    .filter((x) => /^[\w-]{1,64}$/.test(x))
    .slice(0, 16);
}
