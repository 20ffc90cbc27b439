// Every domain's route entries, assembled in one place (the gateway adds its own: gateway/routes.ts).
// Adding an endpoint is one entry in its domain's list; the table rejects a duplicate at start-up.
import { approvalRoutes } from './agents/approvals/api.js';
import type { ApprovalQueue } from './agents/approvals/queue.js';
import type { McpFront } from './agents/mcp/front.js';
import { sandboxRoutes } from './agents/sandbox/api.js';
import { type ConsoleOptions, consoleRoutes, listScanReports } from './console/routes.js';
import { extractionRoutes } from './extraction/api.js';
import type { SubjectReport } from './extraction/monitor.js';
import { observabilityRoutes, principalNamesRoutes } from './gateway/admin-api.js';
import type { AnyRoute } from './http/route-table.js';
import type { IdentityAdmin } from './identity/admin.js';
import { identityAdminRoutes } from './identity/admin-api.js';
import type { AuditStore } from './store/types.js';

export interface DomainRoutesDeps {
  /** False when auth.mode is none: the admin API and console are then not served at all. */
  admin: boolean;
  identity: IdentityAdmin;
  approvals: ApprovalQueue;
  mcp: McpFront;
  audit: AuditStore;
  extraction: ((principal?: string) => Promise<SubjectReport[]>) | undefined;
  /** The console's pages, when console.enabled (and auth is on). */
  console: ConsoleOptions | undefined;
  scansDir: string;
  /** Entries of embedding applications and tests, appended last. */
  extra?: readonly AnyRoute[];
}

export function domainRoutes(d: DomainRoutesDeps): AnyRoute[] {
  const approvals = approvalRoutes(d.approvals);
  const { audit } = d;
  return [
    ...(d.admin
      ? [
          ...identityAdminRoutes(d.identity),
          ...observabilityRoutes({
            recentAudit: (n) => d.audit.recent?.(n) ?? [],
            ...(audit.traffic && audit.trafficStats
              ? { traffic: (q) => audit.traffic!(q), trafficStats: (f) => audit.trafficStats!(f) }
              : {}),
            scans: () => listScanReports(d.scansDir),
            scansDir: d.scansDir,
          }),
          ...principalNamesRoutes(d.identity),
          ...approvals.filter((r) => r.path.startsWith('/admin/')),
          ...sandboxRoutes({ audit: d.audit }),
          ...extractionRoutes(d.extraction),
        ]
      : []),
    ...approvals.filter((r) => !r.path.startsWith('/admin/')),
    ...d.mcp.routes(),
    ...(d.console ? consoleRoutes(d.console) : []),
    ...(d.extra ?? []),
  ];
}
