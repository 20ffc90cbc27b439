// Latency of detectInjection per 1 KB and per 20 KB input on one core, and memory of the loaded model.
import { detectInjection } from '../src/detectors/injection/detector.js';
import { loadInjectionModel } from '../src/detectors/injection/model.js';

const before = process.memoryUsage();
const modelArg = process.argv.indexOf('--model');
const model = modelArg >= 0 ? loadInjectionModel(process.argv[modelArg + 1]) : loadInjectionModel();
// The first score loads what the model's features need (the o200k tokenizer for the subword set).
detectInjection('warm-up', { model });
const after = process.memoryUsage();

const prose =
  'The committee reviewed the quarterly figures and agreed to extend the pilot programme to two more regions. ' +
  'Customers asked for clearer invoices, so the billing team will ship a new template next month. ' +
  'Please summarise the main risks, list open questions, and suggest three next steps for the project lead. ';

function textOf(bytes: number): string {
  let t = '';
  while (Buffer.byteLength(t) < bytes) t += prose;
  return t.slice(0, bytes);
}

function measure(bytes: number, iterations: number) {
  const text = textOf(bytes);
  for (let i = 0; i < 20; i++) detectInjection(text, { model });
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    detectInjection(text, { model });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const kb = bytes / 1024;
  return {
    bytes,
    iterations,
    p50Ms: p(0.5),
    p99Ms: p(0.99),
    p50MsPerKb: p(0.5) / kb,
    p99MsPerKb: p(0.99) / kb,
  };
}

const r1 = measure(1024, 2000);
const r20 = measure(20 * 1024, 200);
const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
const memory = {
  features: model.features,
  heapMb: mb(after.heapUsed - before.heapUsed),
  arrayBuffersMb: mb(after.arrayBuffers - before.arrayBuffers),
  weightsMb: mb(model.weights.byteLength + model.lm.byteLength + (model.mlp?.w1.byteLength ?? 0)),
  rssMb: mb(after.rss - before.rss),
};
console.log(`1 KB: p50 ${r1.p50Ms.toFixed(3)} ms, p99 ${r1.p99Ms.toFixed(3)} ms`);
console.log(
  `20 KB: p50 ${r20.p50Ms.toFixed(3)} ms (${r20.p50MsPerKb.toFixed(3)} ms/KB), p99 ${r20.p99Ms.toFixed(3)} ms`,
);
console.log(
  JSON.stringify({ node: process.version, oneKb: r1, twentyKb: r20, memory, target: 'p50 <= 1 ms per KB' }),
);
