// The reference: a bare node:http + undici reverse proxy in a few lines, no validation, no guards.
import { createServer } from 'node:http';
import { Pool } from 'undici';

const [listen, upstreamPort] = [Number(process.argv[2] ?? 0), Number(process.argv[3])];
const pool = new Pool(`http://127.0.0.1:${upstreamPort}`, { connections: 128 });
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    const up = await pool.request({
      method: 'POST',
      path: req.url ?? '/',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat(chunks),
    });
    res.writeHead(up.statusCode, {
      'content-type': String(up.headers['content-type'] ?? 'application/json'),
    });
    for await (const c of up.body) res.write(c);
    res.end();
  } catch {
    res.writeHead(502);
    res.end();
  }
});
server.keepAliveTimeout = 60_000;
server.listen(listen, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`READY ${typeof addr === 'object' && addr ? addr.port : listen}\n`);
});
