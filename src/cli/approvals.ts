// `warden approvals`: approvers list, inspect, approve and deny held tool calls through the running gateway's
// admin API, as the principal of their own API key (so a requester can never approve itself).
import type { Command } from 'commander';

interface Target {
  url: string;
  apiKeyEnv: string;
}

export class ApprovalCliError extends Error {}

async function callAdmin(t: Target, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const key = process.env[t.apiKeyEnv];
  if (!key) throw new ApprovalCliError(`set ${t.apiKeyEnv} to an API key with the approver or admin scope`);
  const res = await fetch(new URL(path, t.url), {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApprovalCliError(`gateway answered HTTP ${res.status} without JSON`);
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string } }).error;
    throw new ApprovalCliError(`${e?.code ?? `HTTP ${res.status}`}: ${e?.message ?? 'request failed'}`);
  }
  return json;
}

function run(done: (p: Promise<number>) => void, fn: () => Promise<void>): void {
  done(
    fn().then(
      () => 0,
      (err: unknown) => {
        process.stderr.write(`warden: ${err instanceof Error ? err.message : String(err)}\n`);
        return 1;
      },
    ),
  );
}

const idPath = (id: string) => `/admin/api/approvals/${encodeURIComponent(id)}`;

export function registerApprovals(program: Command, done: (p: Promise<number>) => void): void {
  const approvals = program
    .command('approvals')
    .description('List, show, approve and deny tool calls held for human approval (via the admin API)');
  const withTarget = (c: Command) =>
    c
      .option('--url <url>', 'gateway base URL', process.env.WARDEN_URL ?? 'http://127.0.0.1:8080')
      .option('--api-key-env <name>', 'environment variable holding your approver API key', 'WARDEN_API_KEY');
  const target = (o: { url: string; apiKeyEnv: string }): Target => ({ url: o.url, apiKeyEnv: o.apiKeyEnv });

  withTarget(approvals.command('list'))
    .description('List approvals as JSON lines (default: pending ones)')
    .option('--status <status>', 'pending | approved | denied | expired | all', 'pending')
    .action((o) =>
      run(done, async () => {
        const q = o.status === 'all' ? '' : `?status=${encodeURIComponent(o.status)}`;
        const r = (await callAdmin(target(o), 'GET', `/admin/api/approvals${q}`)) as { data: unknown[] };
        for (const a of r.data) process.stdout.write(`${JSON.stringify(a)}\n`);
      }),
    );
  withTarget(approvals.command('show <id>'))
    .description('Show one approval: the tool, its arguments, who asked and why')
    .action((id: string, o) =>
      run(done, async () => {
        const r = await callAdmin(target(o), 'GET', idPath(id));
        process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      }),
    );
  for (const action of ['approve', 'deny'] as const) {
    withTarget(approvals.command(`${action} <id>`))
      .description(action === 'approve' ? 'Approve a pending tool call' : 'Deny a pending tool call')
      .option('--reason <text>', 'why (recorded with the decision)')
      .action((id: string, o) =>
        run(done, async () => {
          const r = (await callAdmin(
            target(o),
            'POST',
            `${idPath(id)}/${action}`,
            o.reason ? { reason: o.reason } : {},
          )) as { id: string; status: string };
          process.stdout.write(`${JSON.stringify(r)}\n`);
          process.stderr.write(`${r.id}: ${r.status}\n`);
        }),
      );
  }
}
