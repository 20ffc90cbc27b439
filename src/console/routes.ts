// The web console at /admin: sign-in, the page shell and its static assets, and scan reports.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Principal } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import { type Realm, route } from '../http/route-table.js';
import type { IdentityGate } from '../identity/gate.js';
import { type ConsoleAuth, canUseConsole, originAllowed } from './auth.js';
import { csrfToken, csrfValid, isSecure, type SessionData, sessionCookie } from './session.js';

const ASSETS = fileURLToPath(new URL('../../console/', import.meta.url));
/** Third-party assets served from the installed package (no CDN): the console's charts. */
const VENDOR: Record<string, string> = {
  'uplot.js': 'uplot/dist/uPlot.iife.min.js',
  'uplot.css': 'uplot/dist/uPlot.min.css',
};
const require = createRequire(import.meta.url);

function vendorFile(name: string): string | undefined {
  const rel = VENDOR[name];
  if (!rel) return undefined;
  try {
    return require.resolve(rel);
  } catch {
    return undefined;
  }
}
export const PAGES = ['approvals', 'traffic', 'keys', 'bans', 'extraction', 'scans'] as const;

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function securityHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // same-origin (not no-referrer): browsers then send a real Origin on same-origin POSTs, which CSRF checks read.
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
    ...extra,
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...securityHeaders(extra),
  });
  res.end(body);
}

function page(title: string, body: string, meta = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${meta}<title>${escapeHtml(title)} · Warden</title><link rel="stylesheet" href="/admin/assets/uplot.css"><link rel="stylesheet" href="/admin/assets/console.css"></head><body>${body}</body></html>`;
}

function loginPage(message = ''): string {
  return page(
    'Sign in',
    `<main class="login"><h1>Warden console</h1><p>Sign in with a Warden API key that has the <code>admin</code> scope (everything) or the <code>approver</code> scope (approvals only). Chat keys, such as the demo key, cannot sign in.</p><ul class="hints"><li>Demo (<code>warden serve</code> without a config): the admin key is in <code>.warden-data/admin-key</code>; paste its contents here.</li><li>Otherwise create one: <code>npx warden keys create --name ops --scopes admin</code> (the secret is printed once).</li></ul>${
      message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ''
    }<form method="post" action="/admin/login"><label>API key <input type="password" name="key" autocomplete="off" required></label><button type="submit">Sign in</button></form></main>`,
  );
}

export interface ConsoleOptions {
  gate: IdentityGate;
  auth: ConsoleAuth;
  secret: Buffer;
  /** Directory holding one sub-directory per scan report (report.html, summary.json). */
  scansDir: string;
}

/** How the console identifies callers: `session` for its API calls (Bearer or cookie + CSRF), `page` for pages. */
export function consoleRealms(auth: ConsoleAuth): Record<'session' | 'page', Realm> {
  const holds = (p: Principal, scope: string) => p.scopes.includes(scope);
  return {
    session: { authenticate: async (req) => ({ principal: await auth.authenticate(req) }), holds },
    page: {
      authenticate: async (req) => {
        const found = await auth.session(req);
        if (!found) throw new WardenError('WARDEN_AUTH_MISSING');
        return found;
      },
      holds,
      // A browser without a session is sent to sign in; a signed-in key without the scope gets the 403.
      refuse: (_req, res, err) => {
        if (err.code !== 'WARDEN_AUTH_MISSING') return false;
        res.writeHead(303, securityHeaders({ location: '/admin/login' }));
        res.end();
        return true;
      },
    },
  };
}

const CONSOLE_SCOPES = ['admin', 'approver'] as const;
const loginForm = z.object({ key: z.string().optional() }).loose();
const logoutForm = z.object({ csrf: z.string().optional() }).loose();
const FORM_LIMIT = 8 * 1024;

export function consoleRoutes(opts: ConsoleOptions) {
  const shell = (
    res: ServerResponse,
    name: string,
    found: { principal: Principal; session: SessionData },
  ) => {
    if (!(PAGES as readonly string[]).includes(name))
      throw new WardenError('WARDEN_NOT_FOUND', { method: 'GET', path: `/admin/${name}`.slice(0, 100) });
    const p = found.principal;
    const nav = PAGES.map(
      (n) => `<a href="/admin/${n}"${n === name ? ' aria-current="page"' : ''}>${n}</a>`,
    ).join('');
    const body = `<header><strong>Warden</strong><nav>${nav}</nav><span class="who">${escapeHtml(p.name ?? p.id)} (${escapeHtml(p.scopes.join(', '))})</span><form method="post" action="/admin/logout" id="logout"><input type="hidden" name="csrf" value="${csrfToken(opts.secret, found.session)}"><button type="submit">Sign out</button></form></header><main id="app" data-page="${name}"><p>Loading…</p></main><script src="/admin/assets/uplot.js"></script><script src="/admin/assets/console.js"></script>`;
    send(
      res,
      200,
      'text/html; charset=utf-8',
      page(name, body, `<meta name="csrf-token" content="${csrfToken(opts.secret, found.session)}">`),
    );
  };
  const signedIn = (principal: Principal, session: unknown) => ({
    principal,
    session: session as SessionData,
  });
  return [
    route({
      method: 'GET',
      path: '/admin/login',
      scope: 'public',
      name: 'console.login.form',
      handler: ({ res }) => send(res, 200, 'text/html; charset=utf-8', loginPage()),
    }),
    route({
      method: 'POST',
      path: '/admin/login',
      scope: 'public',
      body: { type: 'form', schema: loginForm, limit: FORM_LIMIT },
      name: 'console.login',
      handler: async ({ req, res, body }) => {
        if (!originAllowed(req)) throw new WardenError('WARDEN_CSRF_INVALID');
        const key = body.key?.trim() ?? '';
        let message = '';
        try {
          const principal = await opts.gate.authenticateToken(key, req.socket);
          if (!principal.keyId) message = 'Sign in with a Warden API key.';
          else if (!canUseConsole(principal))
            message = 'This key has neither the admin nor the approver scope.';
          else {
            const cookie = await opts.auth.open(principal.keyId);
            res.writeHead(
              303,
              securityHeaders({ location: '/admin', 'set-cookie': sessionCookie(cookie, isSecure(req)) }),
            );
            res.end();
            return;
          }
        } catch (err) {
          message = err instanceof WardenError ? err.message : 'Sign-in failed.';
        }
        send(res, 401, 'text/html; charset=utf-8', loginPage(message));
      },
    }),
    route({
      method: 'GET',
      path: '/admin/assets/:name',
      scope: 'public',
      name: 'console.asset',
      handler: ({ res, params }) => {
        const name = params.name ?? '';
        const file = /^[a-z-]+\.(js|css)$/.test(name) ? (vendorFile(name) ?? join(ASSETS, name)) : undefined;
        if (!file || !existsSync(file))
          throw new WardenError('WARDEN_NOT_FOUND', {
            method: 'GET',
            path: `/admin/assets/${name}`.slice(0, 100),
          });
        send(
          res,
          200,
          name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
          readFileSync(file),
          {
            'cache-control': 'no-cache',
          },
        );
      },
    }),
    route({
      method: 'POST',
      path: '/admin/logout',
      scope: CONSOLE_SCOPES,
      auth: 'page',
      body: { type: 'form', schema: logoutForm, limit: FORM_LIMIT },
      name: 'console.logout',
      handler: async ({ req, res, body, principal, session }) => {
        const found = signedIn(principal, session);
        // A plain form post: the CSRF token comes in the body (the page's fetches send it as a header).
        if (!originAllowed(req)) throw new WardenError('WARDEN_CSRF_INVALID');
        const header = req.headers['x-csrf-token'];
        const token = body.csrf ?? (Array.isArray(header) ? header[0] : header);
        if (!csrfValid(opts.secret, found.session, token ?? undefined))
          throw new WardenError('WARDEN_CSRF_INVALID');
        await opts.auth.end(found.session);
        res.writeHead(
          303,
          securityHeaders({ location: '/admin/login', 'set-cookie': sessionCookie('', isSecure(req), 0) }),
        );
        res.end();
      },
    }),
    route({
      method: 'GET',
      path: '/admin/scans/:name/report.html',
      // Scan reports are admin data, like /admin/api/scans that lists them: approvers do not read them.
      scope: ['admin'],
      auth: 'page',
      name: 'console.scan.report',
      handler: ({ res, params }) => {
        const name = params.name ?? '';
        const file = resolve(opts.scansDir, name, 'report.html');
        if (!/^[\w.-]{1,80}$/.test(name) || !file.startsWith(resolve(opts.scansDir)) || !existsSync(file))
          throw new WardenError('WARDEN_NOT_FOUND', {
            method: 'GET',
            path: `/admin/scans/${name}`.slice(0, 100),
          });
        // Reports are self-contained; they run sandboxed, with no scripts and no network.
        send(res, 200, 'text/html; charset=utf-8', readFileSync(file), {
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
        });
      },
    }),
    route({
      method: 'GET',
      path: '/admin',
      scope: CONSOLE_SCOPES,
      auth: 'page',
      name: 'console.page',
      handler: ({ res, principal, session }) => shell(res, 'approvals', signedIn(principal, session)),
    }),
    route({
      method: 'GET',
      path: '/admin/:page',
      scope: CONSOLE_SCOPES,
      auth: 'page',
      name: 'console.page',
      handler: ({ res, params, principal, session }) =>
        shell(res, params.page || 'approvals', signedIn(principal, session)),
    }),
  ];
}

/** One family's figures as the Scans page draws them. */
interface FamilyView {
  name: string;
  vulnerable: number;
  scored: number;
  rate: number;
}

/** What the Scans page shows of a report: the headline figures, never the raw summary. */
export interface ScanReportView {
  name: string;
  createdAt: string;
  hasHtml: boolean;
  target: string | null;
  model: string | null;
  finishedAt: string | null;
  failed: boolean | null;
  attempts: number | null;
  attackSuccess: { rate: number; low: number; high: number } | null;
  errors: { count: number; share: number; exceeded: boolean } | null;
  families: FamilyView[];
  /** Set when summary.json could not be read as a scan summary. */
  problem?: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};

function interval(v: unknown): ScanReportView['attackSuccess'] {
  const o = obj(v);
  const rate = num(o.rate);
  return rate === null ? null : { rate, low: num(o.low) ?? rate, high: num(o.high) ?? rate };
}

/** Reads a summary.json defensively: a report from another version shows what it has, and says what it lacks. */
export function scanReportView(
  name: string,
  createdAt: string,
  hasHtml: boolean,
  raw: unknown,
): ScanReportView {
  const s = obj(raw);
  const stats = obj(s.stats);
  const overall = obj(stats.overall);
  const errors = obj(s.errors);
  const families = (Array.isArray(stats.byFamily) ? stats.byFamily : []).flatMap((g): FamilyView[] => {
    const f = obj(g);
    const rate = num(obj(f.attackSuccess).rate);
    const fname = str(f.name);
    const scored = num(f.scored);
    if (rate === null || fname === null || scored === null) return [];
    return [{ name: fname, vulnerable: num(obj(f.counts).vulnerable) ?? 0, scored, rate }];
  });
  const view: ScanReportView = {
    name,
    createdAt,
    hasHtml,
    target: str(s.target),
    model: str(s.model),
    finishedAt: str(s.finishedAt),
    failed: typeof s.failed === 'boolean' ? s.failed : null,
    attempts: num(overall.total),
    attackSuccess: interval(overall.attackSuccess),
    errors:
      num(errors.count) === null
        ? null
        : { count: num(errors.count)!, share: num(errors.share) ?? 0, exceeded: errors.exceeded === true },
    families,
  };
  if (!view.attackSuccess) view.problem = 'summary.json has no overall attack success';
  return view;
}

/** The scan reports available to the console: one entry per sub-directory with a summary.json, newest first. */
export function listScanReports(dir: string): ScanReportView[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /^[\w.-]{1,80}$/.test(n) && existsSync(join(dir, n, 'summary.json')))
    .map((n) => {
      const createdAt = statSync(join(dir, n, 'summary.json')).mtime.toISOString();
      const hasHtml = existsSync(join(dir, n, 'report.html'));
      try {
        return scanReportView(
          n,
          createdAt,
          hasHtml,
          JSON.parse(readFileSync(join(dir, n, 'summary.json'), 'utf8')),
        );
      } catch {
        return { ...scanReportView(n, createdAt, hasHtml, {}), problem: 'summary.json is not valid JSON' };
      }
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
