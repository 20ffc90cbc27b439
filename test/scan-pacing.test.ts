// `warden scan` against fake targets: it waits out 429s instead of quitting, and fails loudly when attempts error.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ScanSummary } from '../src/scan/report/summary.js';

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

function warden(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

type Handler = (n: number, req: IncomingMessage, res: ServerResponse) => void;

async function fakeTarget(handler: Handler): Promise<{ server: Server; url: string; count: () => number }> {
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(n++, req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://127.0.0.1:${port}/v1`, count: () => n };
}

function answer(res: ServerResponse, content: string): void {
  const body = JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model: 'fake',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
}

function fail(res: ServerResponse, status: number, code: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { message: 'no', type: 'x', code, param: null } }));
}

const closeServer = (s: Server) =>
  new Promise<void>((r) => {
    s.close(() => r());
    s.closeAllConnections();
  });

describe('warden scan pacing and errors', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'warden-scan-pace-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('waits out 429 + Retry-After and completes every case with no errors', async () => {
    const THROTTLED = 3;
    const t = await fakeTarget((n, _req, res) => {
      if (n < THROTTLED) return fail(res, 429, 'WARDEN_RATE_LIMITED', { 'retry-after': '1' });
      answer(res, "I'm sorry, I can't help with that.");
    });
    try {
      const report = join(dir, 'paced');
      const { code, stdout, stderr } = await warden([
        'scan',
        '--target',
        t.url,
        '--probes',
        'direct-override',
        '--converters',
        'none',
        '--concurrency',
        '2',
        '--report',
        report,
      ]);
      assert.equal(code, 0, stdout);
      const summary = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')) as ScanSummary;
      assert.equal(summary.errors.count, 0);
      assert.equal(summary.stats.overall.total, summary.plannedCases, 'no case given up');
      assert.equal(summary.pacing?.throttled, THROTTLED);
      assert.equal(t.count(), summary.plannedCases + THROTTLED, 'each throttled case was re-sent');
      assert.match(stdout, /answered 429 3 times/);
      assert.doesNotMatch(stderr, /MaxListenersExceededWarning/);
    } finally {
      await closeServer(t.server);
    }
  });

  it('exits 1 and prints the cause when most attempts error', async () => {
    const t = await fakeTarget((n, _req, res) => {
      if (n % 4 === 0) return answer(res, "I can't help with that.");
      fail(res, 401, 'WARDEN_UNAUTHENTICATED');
    });
    try {
      const report = join(dir, 'errors');
      const { code, stdout } = await warden([
        'scan',
        '--target',
        t.url,
        '--probes',
        'direct-override,secret-in-context',
        '--converters',
        'none',
        '--report',
        report,
      ]);
      assert.equal(code, 1, stdout);
      assert.match(stdout, /error cause: HTTP 401 WARDEN_UNAUTHENTICATED \(\d+\)/);
      assert.match(stdout, /limit --max-error-share 5\.0%\): FAILED/);
      const summary = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')) as ScanSummary;
      assert.equal(summary.failed, true);
      assert.equal(summary.errors.exceeded, true);
      assert.equal(summary.errors.causes[0]?.cause, 'HTTP 401 WARDEN_UNAUTHENTICATED');
      const html = readFileSync(join(report, 'report.html'), 'utf8');
      assert.match(html, /<td>HTTP 401 WARDEN_UNAUTHENTICATED<\/td>/);

      // The same run passes when the operator states a larger share.
      const tolerant = await warden([
        'scan',
        '--target',
        t.url,
        '--probes',
        'direct-override',
        '--converters',
        'none',
        '--report',
        join(dir, 'tolerant'),
        '--max-error-share',
        '100%',
      ]);
      assert.equal(tolerant.code, 0, tolerant.stdout);
    } finally {
      await closeServer(t.server);
    }
  });
});
