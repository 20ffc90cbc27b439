// POST /admin/api/sandbox/run: run a short program in a fresh sandbox (admin scope); audited without the code.

import { z } from 'zod';
import { WardenError } from '../../core/errors.js';
import { sendJson } from '../../http/reply.js';
import { route } from '../../http/route-table.js';
import type { AuditStore } from '../../store/types.js';
import { createRunCodeExecutor, createSandbox, runCodeResultContent, type SandboxBackend } from './index.js';

const runBody = z
  .object({
    language: z.string().max(40),
    code: z.string(),
    stdin: z.string().optional(),
    timeoutMs: z.number().int().positive().optional(),
    memoryMb: z.number().int().positive().optional(),
  })
  .strict();

export function sandboxRoutes(deps: { audit?: AuditStore; backend?: () => SandboxBackend }) {
  let backend: SandboxBackend | undefined;
  return [
    route({
      method: 'POST',
      path: '/admin/api/sandbox/run',
      scope: ['admin'],
      auth: 'session',
      body: { schema: runBody, limit: 2 * 1024 * 1024 },
      name: 'sandbox.run',
      handler: async ({ res, body, principal }) => {
        try {
          backend ??= deps.backend ? deps.backend() : createSandbox();
        } catch (err) {
          throw new WardenError('WARDEN_NOT_READY', {
            detail: `no sandbox backend: ${(err as Error).message.slice(0, 200)}`,
          });
        }
        const run = createRunCodeExecutor(backend, {
          ...(body.timeoutMs === undefined ? {} : { timeoutMs: body.timeoutMs }),
          ...(body.memoryMb === undefined ? {} : { memoryMb: body.memoryMb }),
        });
        const outcome = await run(
          JSON.stringify({ language: body.language, code: body.code, stdin: body.stdin }),
        );
        if (outcome.status === 'rejected') {
          throw new WardenError('WARDEN_BAD_REQUEST', { detail: outcome.issues.join('; ').slice(0, 300) });
        }
        const r = outcome.result;
        deps.audit?.append({
          ts: new Date().toISOString(),
          requestId: `sandbox-${Date.now().toString(36)}`,
          kind: 'sandbox.run',
          principal: principal.id,
          outcome: 'event',
          detail: {
            language: body.language,
            backend: backend.id,
            exitCode: r.exitCode,
            killedBy: r.killedBy,
            durationMs: r.durationMs,
          },
        });
        sendJson(res, 200, { backend: backend.id, ...JSON.parse(runCodeResultContent(outcome)) });
      },
    }),
  ];
}
