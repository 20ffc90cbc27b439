// Types shared by the gateway's server and its relays (kept apart so that the relays never import the server).
import type { Logger } from 'pino';
import type { ApprovalGate } from '../agents/approvals/gate.js';
import type { WardenConfig } from '../config/schema.js';
import type { GuardContext, Principal, Route } from '../core/context.js';
import type { GuardPipeline } from '../core/pipeline.js';
import type { AnyRoute, Realm } from '../http/route-table.js';
import type { AccessControl, Admission } from '../identity/access.js';
import type { ResponseStore } from '../store/sqlite/responses.js';
import type { AuditStore } from '../store/types.js';
import type { Tracing } from '../telemetry/tracing.js';
import type { AnswerShape, UpstreamDialect } from './answer-shape.js';
import type { RequestCancel } from './cancel.js';
import type { Exchange } from './exchange.js';
import type { GatewayMetrics } from './metrics.js';
import type { Upstream, UpstreamRouter } from './upstream.js';

export interface GatewayDeps {
  config: WardenConfig;
  log: Logger;
  metrics: GatewayMetrics;
  pipeline: GuardPipeline;
  router: UpstreamRouter;
  access: AccessControl;
  audit?: AuditStore;
  /** Holds tool calls that guards want approved; without it such calls are withheld (fail closed). */
  approvals?: ApprovalGate;
  /** The other domains' route entries (admin API, approvals, MCP, console...), assembled in src/routes.ts. */
  routes?: readonly AnyRoute[];
  /** Realms beside `key` (API keys and JWT, from `access`) that entries name in `auth`: the console's. */
  realms?: Readonly<Record<string, Realm>>;
  /** Called after every answered exchange (off the response path): extraction monitoring and the like. */
  onExchange?: (info: ExchangeInfo) => void;
  /** OpenTelemetry tracing; undefined (the default) costs nothing on the request path. */
  tracing?: Tracing;
  /** Reason the gateway is not ready, or undefined when it is. */
  readiness?: () => string | undefined | Promise<string | undefined>;
  /** Where Responses API answers are kept (previous_response_id, GET /v1/responses/{id}); none: refused. */
  responses?: ResponseStore;
}

/** What observers learn about a finished exchange; the body stays in memory only. */
export interface ExchangeInfo {
  principal: Principal;
  route: Route;
  body: Record<string, unknown>;
  status: number;
  outcome: string;
  usage: Exchange['usage'];
  ts: number;
}

/** Everything a relay needs about one admitted request. */
export interface ProxyCall {
  ctx: GuardContext;
  upstream: Upstream;
  upstreamPath: string;
  exchange: Exchange;
  admission: Admission;
  /** The request's cancellation: the upstream client listens to it; `cancel.signal` is made on first use. */
  cancel: RequestCancel;
  /** Approval ids the client resubmitted with (header x-warden-approval-id, comma-separated). */
  approvalIds: string[];
  /**
   * Writes the audit record; relays await it before the last byte goes to the client. Idempotent. Rejects
   * (WARDEN_AUDIT_UNAVAILABLE) when the record could not be written.
   */
  finalize: () => Promise<void>;
  /** Set when the client asked in another API's shape: the relays hand it their guarded answer. */
  shape?: AnswerShape;
  /** Set when the upstream is asked in another API's shape (Responses passthrough). */
  dialect?: UpstreamDialect;
}
