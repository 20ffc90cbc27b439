// Starts a Warden gateway for benchmarks: argv = port, upstream URL, guard set ('none' | 'default'), data dir.
import { pino } from 'pino';
import { buildWarden } from '../../src/app.js';
import { embeddedDefaults, validateConfig } from '../../src/config/load.js';

const [port, upstream, guards, dataDir] = process.argv.slice(2);
const base = embeddedDefaults({ upstream: upstream! });
const config = validateConfig(
  {
    ...base,
    dataDir,
    logging: { level: 'info' },
    guards: guards === 'none' ? { request: [], response: [], toolCall: [] } : base.guards,
  },
  'bench',
);
// Logs go to a file descriptor like production (stdout), which the bench discards.
const app = buildWarden(config, { log: pino({ level: 'info' }, pino.destination({ fd: 1, sync: false })) });
app.gateway.listen(Number(port), '127.0.0.1').then((addr) => {
  process.stderr.write(`READY ${addr.port}\n`);
});
process.once('SIGINT', () => {
  app.close().finally(() => process.exit(0));
});
