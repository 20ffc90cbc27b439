// A fixed-response OpenAI-compatible upstream for benchmarks: the same small JSON, or a short SSE stream
// (the realistic reply of realistic.ts, JSON or SSE, when the request names its model).
import { createServer } from 'node:http';
import { FIXED_REPLY } from './fixed-reply.js';
import { REALISTIC_MODEL, REALISTIC_REPLY, REALISTIC_STREAM } from './realistic.js';

const port = Number(process.argv[2] ?? 0);
const chunk = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench-model', choices: [{ index: 0, delta: finish ? {} : { content }, finish_reason: finish }] })}\n\n`;
const stream = [
  chunk('Benchmark '),
  chunk('streamed '),
  chunk('reply.'),
  chunk('', 'stop'),
  'data: [DONE]\n\n',
];

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const realistic = body.includes(`"model":"${REALISTIC_MODEL}"`);
    if (body.includes('"stream":true')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const c of realistic ? REALISTIC_STREAM : stream) res.write(c);
      res.end();
      return;
    }
    const reply = realistic ? REALISTIC_REPLY : FIXED_REPLY;
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(reply),
    });
    res.end(reply);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`READY ${typeof addr === 'object' && addr ? addr.port : port}\n`);
});
