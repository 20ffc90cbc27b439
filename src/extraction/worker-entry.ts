// The extraction monitor's own thread: embeds and scores off the gateway's event loop; actions (bans,
// throttles, audit events, log lines) go back to the main thread, which owns identity, limits and the audit.
import { parentPort, workerData } from 'node:worker_threads';
import type { ExtractionStateStore } from '../store/extraction.js';
import { RedisExtractionStateStore } from '../store/redis/extraction.js';
import { openSqlite } from '../store/sqlite/db.js';
import { SqliteExtractionStateStore } from '../store/sqlite/extraction.js';
import { type ExtractionConfig, monitorSettings } from './config.js';
import { createEmbedder } from './embedders/index.js';
import { ExtractionMonitor } from './monitor.js';
import { profileSettings } from './profile.js';
import type { ExtractionObservation } from './types.js';

export type StoreSpec = { kind: 'sqlite'; dataDir: string } | { kind: 'redis'; url: string };
export interface WorkerInit {
  config: ExtractionConfig;
  store: StoreSpec;
}

export type ToWorker =
  | { t: 'obs'; o: ExtractionObservation[] }
  | { t: 'call'; id: number; m: 'flush' | 'report' | 'stats' | 'close'; a?: string };

export type FromWorker =
  | { t: 'reply'; id: number; r?: unknown; e?: string }
  | { t: 'ban'; principal: string; reason: string; expiresAt: number }
  | { t: 'throttle'; principal: string; until: number }
  | { t: 'audit'; rec: unknown }
  | { t: 'log'; level: 'warn' | 'error'; obj: object; msg: string };

const port = parentPort!;
const init = (workerData as { init: WorkerInit }).init;
const send = (m: FromWorker) => port.postMessage(m);

const store: ExtractionStateStore =
  init.store.kind === 'redis'
    ? new RedisExtractionStateStore(init.store.url)
    : new SqliteExtractionStateStore(openSqlite(init.store.dataDir));
const c = init.config;
const embedder = createEmbedder(c.embedder);
const monitor = new ExtractionMonitor({
  embedder,
  store,
  ...monitorSettings(c),
  ...profileSettings(c.profile, embedder.id),
  // observations arrive already batched (one message per window from the gateway): no second wait here
  batchWindowMs: 0,
  log: {
    warn: (obj, msg) => send({ t: 'log', level: 'warn', obj, msg }),
    error: (obj, msg) => send({ t: 'log', level: 'error', obj, msg }),
  },
  audit: { append: (rec) => send({ t: 'audit', rec }) },
  onBan: (principal, reason, expiresAt) =>
    send({ t: 'ban', principal, reason, expiresAt: expiresAt.getTime() }),
  onThrottle: (principal, until) => send({ t: 'throttle', principal, until: until.getTime() }),
});

port.on('message', async (m: ToWorker) => {
  if (m.t === 'obs') {
    for (const o of m.o) monitor.observe(o);
    return;
  }
  try {
    let r: unknown;
    if (m.m === 'flush') await monitor.flush();
    else if (m.m === 'report') r = await monitor.report(m.a);
    else if (m.m === 'stats') r = monitor.stats();
    else {
      await monitor.close();
      await store.close?.();
    }
    send({ t: 'reply', id: m.id, r });
  } catch (err) {
    send({ t: 'reply', id: m.id, e: err instanceof Error ? err.message : String(err) });
  }
});
