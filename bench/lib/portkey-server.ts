// Starts the open-source Portkey gateway (@portkey-ai/gateway, its Node build) as the benchmarks' peer row,
// forced onto 127.0.0.1: its start script calls listen(port) with no host, which would bind every interface.
// argv = port (0: any free one). Prints `READY <port>` once it listens on loopback, exits if it listens anywhere else.

import { createRequire } from 'node:module';
import net from 'node:net';
import { dirname, join } from 'node:path';

const LOOPBACK = '127.0.0.1';
const port = Number(process.argv[2] ?? 0);
const originalListen = net.Server.prototype.listen;
let announced = false;

// Every listen in this process goes to loopback: a bare port (or options without a host) gets 127.0.0.1.
net.Server.prototype.listen = function listenOnLoopback(this: net.Server, ...args: unknown[]) {
  const first = args[0];
  if (typeof first === 'number' || typeof first === 'string') {
    const rest = args.slice(1);
    if (typeof rest[0] === 'string' || rest[0] === null || rest[0] === undefined) rest.shift();
    args = [first, LOOPBACK, ...rest];
  } else if (first && typeof first === 'object' && !('fd' in first) && !('path' in first)) {
    args = [{ ...(first as object), host: LOOPBACK }, ...args.slice(1)];
  }
  this.once('listening', () => {
    const addr = this.address();
    if (!addr || typeof addr !== 'object' || addr.address !== LOOPBACK) {
      process.stderr.write(`portkey listened on ${JSON.stringify(addr)}, not ${LOOPBACK}: stopping\n`);
      process.exit(1);
    }
    if (!announced) {
      announced = true;
      process.stderr.write(`READY ${addr.port}\n`);
    }
  });
  return (originalListen as (...a: unknown[]) => net.Server).apply(this, args);
} as typeof net.Server.prototype.listen;

// Quiet, no UI routes; the port through its own flag.
process.env.NODE_ENV = 'production';
process.argv.push(`--port=${port}`, '--headless');
const require = createRequire(import.meta.url);
const pkg = require.resolve('@portkey-ai/gateway/package.json');
await import(join(dirname(pkg), 'build', 'start-server.js'));
