// Starts a Warden gateway for benchmarks: argv = port, upstream URL, profile ('none' | 'default'), data dir.
// 'none': no guards and no authentication (the bare proxy path: validation, routing, audit, metrics).
// 'default': the embedded defaults (API-key auth, limits, default guards) with limits raised out of the way.
// WARDEN_BENCH_FROM=dist runs the compiled build (what `npm start` runs; `npm run build` first) instead of
// the TypeScript sources through tsx, whose transform wraps every function in a naming helper.
import { pino } from 'pino';

type App = typeof import('../../src/app.js');
type Load = typeof import('../../src/config/load.js');
const root = process.env.WARDEN_BENCH_FROM === 'dist' ? '../../dist' : '../../src';
const { buildWarden } = (await import(`${root}/app.js`)) as App;
const { embeddedDefaults, validateConfig } = (await import(`${root}/config/load.js`)) as Load;

const [port, upstream, profile, dataDir] = process.argv.slice(2);
const base = embeddedDefaults({ upstream: upstream! });
// WARDEN_BENCH_SERVER: JSON merged into server: (e.g. a small maxConnections for the hostile-load bench).
base.server = { ...base.server, ...(JSON.parse(process.env.WARDEN_BENCH_SERVER ?? '{}') as object) };
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
