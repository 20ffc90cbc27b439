// `warden serve`: runs the gateway until SIGINT/SIGTERM, with embedded defaults when no config is given.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildWarden, type WardenApp } from '../app.js';
import { embeddedDefaults, loadConfigFile, validateConfig } from '../config/load.js';
import type { WardenConfig } from '../config/schema.js';
import { startSimulator } from '../sim/server.js';
import { describeStoreError } from '../store/audit-store.js';

export interface ServeOptions {
  config?: string;
  port?: string;
  host?: string;
  dataDir?: string;
  upstream?: string;
  redis?: string;
  postgres?: string;
}

export function registerServe(program: Command, done: (p: Promise<number>) => void): void {
  program
    .command('serve')
    .description(
      'Start the gateway (no --config: embedded defaults with the built-in demo simulator upstream)',
    )
    .option('-c, --config <file>', 'YAML config file')
    .option('-p, --port <n>', 'port to listen on (overrides config)')
    .option('--host <addr>', 'address to listen on (overrides config)')
    .option('--data-dir <dir>', 'directory for the SQLite state (overrides config)')
    .option('--upstream <url>', 'OpenAI base URL of the upstream, e.g. http://127.0.0.1:11434/v1')
    .option('--redis <url>', 'shared Redis for replicas: limits and bans (overrides config redis.url)')
    .option(
      '--postgres <url>',
      'shared PostgreSQL for replicas: keys and audit (overrides config postgres.url)',
    )
    .action((opts: ServeOptions) => done(serve(opts)));
}

async function serve(opts: ServeOptions): Promise<number> {
  let config: WardenConfig;
  let demo: Awaited<ReturnType<typeof startSimulator>> | undefined;
  if (opts.config) {
    config = loadConfigFile(opts.config);
    if (opts.upstream) config.upstreams = [{ ...config.upstreams[0]!, baseUrl: opts.upstream }];
  } else if (opts.upstream) {
    config = validateConfig(embeddedDefaults({ upstream: opts.upstream }), 'embedded defaults');
  } else {
    demo = await startSimulator(0);
    config = validateConfig(embeddedDefaults({ upstream: demo.url }), 'embedded defaults');
    config.upstreams[0]!.name = 'demo-simulator';
    // The simulator speaks the Responses API: /v1/responses passes through to it (decision 1910).
    config.upstreams[0]!.responses = 'passthrough';
  }
  if (opts.port !== undefined) config.server.port = parsePort(opts.port);
  if (opts.host) config.server.host = opts.host;
  if (opts.dataDir) config.dataDir = opts.dataDir;
  if (opts.redis) {
    if (!/^rediss?:\/\//.test(opts.redis)) throw new Error('--redis expects a redis:// or rediss:// URL');
    config.redis = { url: opts.redis };
  }
  if (opts.postgres) {
    if (!/^postgres(ql)?:\/\//.test(opts.postgres))
      throw new Error('--postgres expects a postgres:// or postgresql:// URL');
    config.postgres = { poolSize: 10, ...config.postgres, url: opts.postgres };
  }

  let app: WardenApp;
  try {
    app = buildWarden(config);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    // A first start on a full or read-only disk: say where and why (a restart on a full disk starts not ready).
    if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EROFS' || code === 'SQLITE_READONLY')
      throw new Error(
        `cannot create Warden's state in ${config.dataDir} (${describeStoreError(err)}); free space or fix the mount, then start again`,
      );
    throw err;
  }
  try {
    await app.ready();
  } catch (err) {
    await app.close().catch(() => {});
    throw err;
  }
  const keyHint = await demoKey(app, config, Boolean(demo));
  const addr = await app.gateway.listen();
  const url = `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`;
  const lines = [`warden: listening on ${url}/v1  (state: ${config.dataDir})`];
  const s = app.stores;
  if (config.redis || config.postgres)
    lines.push(`warden: stores: audit=${s.audit} keys=${s.keys} bans=${s.bans} limits=${s.limits}`);
  if (demo) {
    lines.push(
      `warden: DEMO UPSTREAM: the built-in simulated model "warden-sim-1" at ${demo.url}.`,
      'warden: it is NOT a real LLM: a deterministic, deliberately vulnerable stand-in for demos and tests.',
      'warden: point Warden at a real model with --upstream URL or --config FILE.',
    );
  }
  for (const u of config.upstreams)
    lines.push(`warden: upstream ${u.name} -> ${u.baseUrl} (models: ${u.models.join(', ')})`);
  if (keyHint) lines.push(keyHint);
  if (!opts.config) lines.push(...(await approverHint(app, config, url, Boolean(demo))));
  process.stderr.write(`${lines.join('\n')}\n`);
  app.log.info(
    { port: addr.port, upstreams: config.upstreams.map((u) => u.name), demo: Boolean(demo) },
    'warden started',
  );

  await new Promise<void>((resolve) => {
    const stop = (sig: string) => {
      process.stderr.write(`warden: ${sig} received, draining in-flight requests...\n`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await app.close();
  await demo?.close();
  return 0;
}

/** In demo mode, makes sure a demo key exists and says where it is; otherwise hints at `warden keys create`. */
async function demoKey(app: WardenApp, config: WardenConfig, demo: boolean): Promise<string | undefined> {
  if (config.auth.mode === 'none')
    return 'warden: WARNING auth.mode is none: anyone who can reach this port can use it';
  const keys = await app.admin.listKeys();
  const file = join(config.dataDir, 'demo-key');
  if (demo) {
    const existing = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    const id = /^wdn_([a-z0-9]{12})_/.exec(existing)?.[1];
    if (!id || !keys.some((k) => k.id === id && k.status === 'active')) {
      const created = await app.admin.createKey({ name: 'demo', models: ['*'] }, 'serve --demo');
      writeFileSync(file, `${created.token}\n`, { mode: 0o600 });
    }
    return `warden: demo API key (chat, completions, embeddings, models) in ${file}: curl -H "authorization: Bearer $(cat ${file})" ...`;
  }
  if (keys.length === 0 && !config.auth.jwt) {
    return `warden: no API keys yet: create one with \`npx warden keys create --name NAME --data-dir ${config.dataDir}\``;
  }
  return undefined;
}

/**
 * With the embedded defaults, destructive and sensitive tool calls wait for an approver: say so, say how to
 * approve (console, CLI) and how to change the rule. In demo mode an admin key is written beside the demo key.
 */
async function approverHint(
  app: WardenApp,
  config: WardenConfig,
  url: string,
  demo: boolean,
): Promise<string[]> {
  const lines = [
    `warden: agents: tool calls named delete/drop/transfer/pay/refund/send_email/post/exec/shell/run_code/grant... wait for a human approver (held ${config.approvals.holdMs} ms, then answered "approval pending" with the approval id).`,
    'warden: to change the rule, start with --config FILE and your own guards.toolCall tool-policy (see examples/agents.yaml, docs/agents.md).',
  ];
  if (config.auth.mode === 'none')
    return [...lines, 'warden: with auth.mode none there is no approver: held calls only expire.'];
  if (!demo) {
    return [
      ...lines,
      `warden: approvers need a key with the approver scope: npx warden keys create --name approver --scopes approver --data-dir ${config.dataDir}`,
    ];
  }
  const file = join(config.dataDir, 'admin-key');
  const existing = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  const id = /^wdn_([a-z0-9]{12})_/.exec(existing)?.[1];
  const keys = await app.admin.listKeys();
  if (!id || !keys.some((k) => k.id === id && k.status === 'active')) {
    const created = await app.admin.createKey({ name: 'demo-admin', scopes: ['admin'] }, 'serve --demo');
    writeFileSync(file, `${created.token}\n`, { mode: 0o600 });
  }
  return [
    ...lines,
    `warden: demo admin key (approves held calls) in ${file}: sign in at ${url}/admin, or`,
    `warden:   WARDEN_API_KEY=$(cat ${file}) npx warden approvals list --url ${url}   (then: approvals approve apr_...)`,
  ];
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--port must be an integer from 0 to 65535, got '${value}'`);
  return n;
}
