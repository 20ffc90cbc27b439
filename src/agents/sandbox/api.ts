// POST /admin/api/sandbox/run: run a short program in a fresh sandbox (admin scope); audited without the code.

import { WardenError } from '../../core/errors.js';
import type { AdminRoute } from '../../gateway/admin-api.js';
import { readBody, sendJson } from '../../gateway/http.js';
import type { AuditStore } from '../../store/types.js';
import { createRunCodeExecutor, createSandbox, runCodeResultContent, type SandboxBackend } from './index.js';

export function sandboxAdminRoute(deps: { audit?: AuditStore; backend?: () => SandboxBackend }): AdminRoute {
  let backend: SandboxBackend | undefined;
  return async (req, res, url, principal) => {
    if (url.pathname !== '/admin/api/sandbox/run' || (req.method ?? 'GET') !== 'POST') return false;
    const raw = (await readBody(req, 2 * 1024 * 1024)).toString('utf8');
    let body: {
      language?: unknown;
      code?: unknown;
      stdin?: unknown;
      timeoutMs?: unknown;
      memoryMb?: unknown;
    };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch (err) {
      throw new WardenError('WARDEN_BAD_JSON', { detail: (err as Error).message.slice(0, 120) });
    }
    try {
      backend ??= deps.backend ? deps.backend() : createSandbox();
    } catch (err) {
      throw new WardenError('WARDEN_NOT_READY', {
        detail: `no sandbox backend: ${(err as Error).message.slice(0, 200)}`,
      });
    }
    const run = createRunCodeExecutor(backend, {
      ...(typeof body.timeoutMs === 'number' ? { timeoutMs: body.timeoutMs } : {}),
      ...(typeof body.memoryMb === 'number' ? { memoryMb: body.memoryMb } : {}),
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
    return true;
  };
}
