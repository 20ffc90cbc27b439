// Test helpers: a simulator plus a Warden gateway on loopback, with a throw-away data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type BuildOptions, buildWarden, type WardenApp } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import type { ConfigInput, WardenConfig } from '../src/config/schema.js';
import { type SimServer, startSimulator } from '../src/sim/server.js';

export interface Stack {
  url: string;
  baseURL: string;
  app: WardenApp;
  sim: SimServer;
  config: WardenConfig;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDir(prefix = 'warden-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startStack(
  mutate: (cfg: ConfigInput, simUrl: string) => ConfigInput = (c) => c,
  opts: BuildOptions = {},
): Promise<Stack> {
  const sim = await startSimulator(0);
  const dataDir = tempDir();
  const base = embeddedDefaults({ upstream: sim.url });
  // The simulator's pacing knobs are not OpenAI parameters: its upstream entry declares them.
  base.upstreams = (base.upstreams ?? []).map((u) => ({
    ...u,
    extraParams: ['sim_chunk_size', 'sim_delay_ms'],
  }));
  let config: WardenConfig;
  let app: WardenApp;
  try {
    config = validateConfig({ auth: { mode: 'none' }, ...mutate(base, sim.url), dataDir }, 'test config');
    app = buildWarden(config, { log: pino({ level: 'silent' }), ...opts });
  } catch (err) {
    // a stack that fails to build must not leave its simulator listening
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const addr = await app.gateway.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${addr.port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    app,
    sim,
    config,
    dataDir,
    async close() {
      await app.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown>; text: string; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = {};
  }
  return { status: res.status, json, text, headers: res.headers };
}

export function errorCode(json: Record<string, unknown>): string | undefined {
  return (json.error as { code?: string } | undefined)?.code;
}
