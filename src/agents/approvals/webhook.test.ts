// The approval webhook: what a new approval announces (never the arguments, the excerpt or a raw tool name),
// and that a failing, erroring or silent endpoint is logged without holding up or failing the gateway.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { ApprovalRecord } from '../../store/types.js';
import { notifyWebhook, webhookPayload } from './webhook.js';

const SECRET = 'sk-live-WEBHOOK-MUST-NOT-SEE';

const record: ApprovalRecord = {
  id: 'apr_hook1',
  callHash: 'f'.repeat(64),
  tool: 'delete_user',
  arguments: JSON.stringify({ id: '42', token: SECRET }),
  requester: 'key:agent',
  tenant: 'acme',
  route: 'mcp:crm',
  model: 'gpt-4o',
  reason: 'destructive',
  context: { requestId: 'req-1', excerpt: `delete user 42 with ${SECRET}` },
  status: 'pending',
  createdAt: Date.UTC(2026, 11, 4, 12, 0, 0),
  expiresAt: Date.UTC(2026, 11, 4, 12, 5, 0),
};

describe('webhookPayload', () => {
  it('announces the approval id, tool, requester, tenant, route, reason, times and review URL only', () => {
    assert.deepEqual(webhookPayload(record), {
      event: 'approval.created',
      approval: {
        id: 'apr_hook1',
        tool: 'delete_user',
        requester: 'key:agent',
        tenant: 'acme',
        route: 'mcp:crm',
        reason: 'destructive',
        created_at: '2026-12-04T12:00:00.000Z',
        expires_at: '2026-12-04T12:05:00.000Z',
        review_url: '/admin/api/approvals/apr_hook1',
      },
    });
    assert.ok(!JSON.stringify(webhookPayload(record)).includes(SECRET));
  });

  it('names a tool that is not a plain name by its length, and leaves out a missing tenant', () => {
    const { tenant: _, ...untenanted } = record;
    const tool = `run\u202e${SECRET}`;
    const odd = webhookPayload({ ...untenanted, tool }).approval as Record<string, unknown>;
    assert.equal('tenant' in odd, false);
    assert.equal(odd.tool, `tool(${tool.length} chars)`);
  });
});

interface Hit {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('notifyWebhook', () => {
  let server: Server;
  let base: string;
  const hits: Hit[] = [];
  let answer: (res: ServerResponse) => void = (res) => res.writeHead(204).end();

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        hits.push({ method: req.method, url: req.url, headers: req.headers, body });
        answer(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  function logger() {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        cb();
      },
    });
    return { lines, log: pino({ level: 'trace' }, sink) };
  }

  async function until(test: () => boolean) {
    for (let i = 0; i < 300 && !test(); i++) await new Promise((r) => setTimeout(r, 10));
  }

  it('POSTs the payload as JSON to the configured URL and logs nothing when the hook accepts it', async () => {
    hits.length = 0;
    answer = (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    const { lines, log } = logger();
    notifyWebhook({ url: `${base}/hooks/approvals`, timeoutMs: 2_000 }, record, log);
    await until(() => hits.length > 0);
    // The answer is read after the hook got the request; give it the time an error line would take to appear.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(hits.length, 1);
    assert.equal(hits[0]!.method, 'POST');
    assert.equal(hits[0]!.url, '/hooks/approvals');
    assert.equal(hits[0]!.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(hits[0]!.body), webhookPayload(record));
    assert.ok(!hits[0]!.body.includes(SECRET), 'no argument or excerpt reaches the hook');
    assert.deepEqual(lines, [], 'a hook that accepts is not logged');
  });

  it('logs nothing for a hook that accepts with 204 and no body', async () => {
    hits.length = 0;
    answer = (res) => res.writeHead(204).end();
    const { lines, log } = logger();
    notifyWebhook({ url: `${base}/hook`, timeoutMs: 2_000 }, record, log);
    await until(() => hits.length > 0);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(hits.length, 1);
    assert.deepEqual(lines, [], 'an empty accepting answer is not a failure');
  });

  it('returns at once and logs a hook that answers with an error, with its status and never the arguments', async () => {
    hits.length = 0;
    answer = (res) => res.writeHead(503).end('down');
    const { lines, log } = logger();
    assert.equal(notifyWebhook({ url: `${base}/hook`, timeoutMs: 2_000 }, record, log), undefined);
    assert.equal(hits.length, 0, 'the gateway does not wait for the hook');
    await until(() => lines.length > 0);
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.msg, 'approval webhook answered with an error');
    assert.equal(lines[0]!.level, 40);
    assert.equal(lines[0]!.approvalId, 'apr_hook1');
    assert.equal(lines[0]!.status, 503);
    assert.ok(!JSON.stringify(lines).includes(SECRET));
  });

  it('logs a hook that does not answer in time as failed, naming the timeout', async () => {
    hits.length = 0;
    answer = () => {};
    const { lines, log } = logger();
    notifyWebhook({ url: `${base}/silent`, timeoutMs: 100 }, record, log);
    await until(() => lines.length > 0);
    assert.equal(hits.length, 1);
    assert.deepEqual(
      lines.map((l) => [l.level, l.msg, l.approvalId, l.err]),
      [[40, 'approval webhook failed', 'apr_hook1', 'TimeoutError']],
    );
  });

  it('logs an unreachable hook as failed without throwing', async () => {
    const { lines, log } = logger();
    notifyWebhook({ url: 'http://127.0.0.1:9/hook', timeoutMs: 2_000 }, record, log);
    await until(() => lines.length > 0);
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.msg, 'approval webhook failed');
    assert.equal(lines[0]!.approvalId, 'apr_hook1');
    assert.equal(lines[0]!.err, 'TypeError');
  });
});
