// GET /admin/api/extraction: the monitor's report for the console, one row per subject (admin scope).
import { sendJson } from '../http/reply.js';
import { route } from '../http/route-table.js';
import type { SubjectReport } from './monitor.js';
import { extractionRows } from './wiring.js';

/** `report` is undefined while extraction monitoring is off: the list is then empty. */
export function extractionRoutes(report: ((principal?: string) => Promise<SubjectReport[]>) | undefined) {
  return [
    route({
      method: 'GET',
      path: '/admin/api/extraction',
      scope: ['admin'],
      auth: 'session',
      name: 'extraction.report',
      handler: async ({ res, query }) => {
        const principal = query.get('principal') ?? undefined;
        sendJson(res, 200, { data: extractionRows((await report?.(principal)) ?? []) });
      },
    }),
  ];
}
