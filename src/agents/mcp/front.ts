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
import type { GuardContext, Principal } from '../../core/context.js';
import type { Decision } from '../../core/decision.js';
import { isWardenError, WardenError } from '../../core/errors.js';
import type { GuardPipeline } from '../../core/pipeline.js';
import { readBody, sendError } from '../../gateway/http.js';
import type { AuditRecord, AuditStore } from '../../store/types.js';
import type { ApprovalGate } from '../approvals/gate.js';
import { withheldField } from '../approvals/gate.js';
import { isToolLister, safeName, TOOL_ROUTE } from '../policy.js';

export interface McpServerConfig {
  name: string;
  url: string;
  scope: string;
  /** Environment variable with the bearer token for the upstream; callers' credentials are never forwarded. */
  apiKeyEnv?: string | undefined;
}

export interface McpFrontDeps {
  servers: readonly McpServerConfig[];
  authenticate: (req: IncomingMessage) => Principal | Promise<Principal>;
  pipeline: GuardPipeline;
  approvals: ApprovalGate;
  log: Logger;
  maxBodyBytes: number;
  audit?: AuditStore;
  env?: NodeJS.ProcessEnv;
}

const PATH = /^\/mcp\/([a-z0-9][a-z0-9_-]*)$/i;

export class McpFront {
  private readonly upstreams = new Map<string, Promise<Client>>();

  constructor(private readonly deps: McpFrontDeps) {}

  /** Handles /mcp/<name>; returns false for other paths. */
  route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const m = PATH.exec(url.pathname);
    if (!m) return false;
    const server = this.deps.servers.find((s) => s.name === m[1]);
    try {
      if (!server)
        throw new WardenError('WARDEN_NOT_FOUND', {
          method: req.method ?? '-',
          path: url.pathname.slice(0, 100),
        });
      if (req.method !== 'POST')
        throw new WardenError('WARDEN_METHOD_NOT_ALLOWED', {
          method: req.method ?? '-',
          path: `/mcp/${server.name}`,
        });
      const principal = await this.deps.authenticate(req);
      if (!principal.scopes.includes(server.scope))
        throw new WardenError('WARDEN_SCOPE_DENIED', { scope: server.scope });
      const raw = await readBody(req, this.deps.maxBodyBytes);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch (err) {
        throw new WardenError('WARDEN_BAD_JSON', { detail: (err as Error).message.slice(0, 120) });
      }
      const front = this.serverFor(server, principal, approvalIdsOf(req));
      // Stateless: one MCP server object per HTTP request, bound to the authenticated principal.
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.once('close', () => {
        transport.close().catch(() => {});
        front.close().catch(() => {});
      });
      await front.connect(transport);
      await transport.handleRequest(req, res, body);
    } catch (err) {
      const werr = isWardenError(err)
        ? err
        : new WardenError('WARDEN_INTERNAL', { requestId: 'mcp' }, { cause: err });
      if (werr.code === 'WARDEN_INTERNAL')
        this.deps.log.error({ err: (err as Error)?.name }, 'mcp front error');
      sendError(res, werr, 'mcp');
    }
    return true;
  };

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
    const listers = this.deps.pipeline.guards.filter((g) => g.phase === 'toolCall').filter(isToolLister);
    front.setRequestHandler(ListToolsRequestSchema, async () => {
      const tools = await this.allTools(s);
      const ctx = this.context(s, principal, tools);
      return { tools: tools.filter((t) => listers.every((l) => l.listsTool(ctx, t.name))) };
    });
    front.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
      const { name } = request.params;
      const tools = await this.allTools(s);
      const ctx = this.context(s, principal, tools);
      const call = {
        id: `mcp_${randomUUID()}`,
        name,
        arguments: JSON.stringify(request.params.arguments ?? {}),
        choiceIndex: 0,
      };
      ctx.toolCalls = [call];
      const out = await this.deps.pipeline.run('toolCall', ctx, extra.signal);
      const v = out.verdict;
      const audit = (outcome: AuditRecord['outcome'], code?: string) =>
        this.record(ctx, s, name, outcome, out.decisions, code);
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
      const result = await this.withUpstream(
        s,
        (client) =>
          client.callTool({ name, arguments: request.params.arguments ?? {} }) as Promise<CallToolResult>,
      );
      audit('ok');
      return result;
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

function approvalIdsOf(req: IncomingMessage): string[] {
  const h = req.headers['x-warden-approval-id'];
  if (typeof h !== 'string') return [];
  return h
    .split(',')
    .map((x) => x.trim())
    .filter((x) => /^[\w-]{1,64}$/.test(x))
    .slice(0, 16);
}
