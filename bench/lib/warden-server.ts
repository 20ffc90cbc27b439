// Starts a Warden gateway for benchmarks: argv = port, upstream URL, profile ('none' | 'default'), data dir.
// 'none': no guards and no authentication (the bare proxy path: validation, routing, audit, metrics).
// 'default': the embedded defaults (API-key auth, limits, default guards) with limits raised out of the way.
import { pino } from 'pino';
import { buildWarden } from '../../src/app.js';
import { embeddedDefaults, validateConfig } from '../../src/config/load.js';

const [port, upstream, profile, dataDir] = process.argv.slice(2);
const base = embeddedDefaults({ upstream: upstream! });
const config = validateConfig(
  profile === 'none'
    ? {
        ...base,
        dataDir,
        auth: { mode: 'none' },
        guards: { request: [], response: [], toolCall: [] },
        // WARDEN_BENCH_EXTRACTION=off measures the proxy path without the extraction observer.
        extraction: { enabled: process.env.WARDEN_BENCH_EXTRACTION !== 'off' },
      }
    : {
        ...base,
        dataDir,
        limits: { principal: { requests: { limit: 1_000_000_000, window: '1m' }, concurrent: 100_000 } },
      },
  'bench',
);
const app = buildWarden(config, { log: pino({ level: 'info' }, pino.destination({ fd: 1, sync: false })) });
const key = profile === 'none' ? '' : (await app.admin.createKey({ name: 'bench' }, 'bench')).token;
app.gateway.listen(Number(port), '127.0.0.1').then((addr) => {
  process.stderr.write(`READY ${addr.port} ${key}\n`);
});
process.once('SIGINT', () => {
  app.close().finally(() => process.exit(0));
});
