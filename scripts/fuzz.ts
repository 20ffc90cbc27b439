// Long fuzz run (`npm run fuzz`): every parser that sees client or upstream bytes, each for a time budget.
// Prints inputs tried per target; a failure prints its seed and path so it can become a regression test.
import fc from 'fast-check';
import { pino } from 'pino';
import { buildWarden } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import { jsonDepthExceeds } from '../src/gateway/server.js';
import { SseParseError, SseParser } from '../src/gateway/sse.js';
import { startSimulator } from '../src/sim/server.js';
import { tempDir } from '../test/helpers.js';
import { extraTargets } from './fuzz-targets.js';

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 20);

export interface FuzzTarget {
  name: string;
  run(seconds: number): Promise<{ tried: number; failure?: string }>;
}

export function propertyTarget<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  check: (v: T) => void | Promise<void>,
): FuzzTarget {
  return {
    name,
    async run(seconds) {
      let tried = 0;
      const prop = fc.asyncProperty(arb, async (v) => {
        tried++;
        await check(v);
      });
      const out = await fc.check(prop, {
        numRuns: Number.MAX_SAFE_INTEGER,
        interruptAfterTimeLimit: seconds * 1000,
      });
      return out.failed
        ? {
            tried,
            failure: `seed ${out.seed}, path ${out.counterexamplePath}: ${String(out.errorInstance).slice(0, 300)}`,
          }
        : { tried };
    },
  };
}

async function main() {
  const sim = await startSimulator(0);
  const dataDir = tempDir('warden-fuzz-');
  const app = buildWarden(
    validateConfig({ ...embeddedDefaults({ upstream: sim.url }), dataDir, auth: { mode: 'none' } }, 'fuzz'),
    { log: pino({ level: 'silent' }) },
  );
  const addr = await app.gateway.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${addr.port}`;
  const post = async (path: string, body: string) => {
    const r = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const text = await r.text();
    if (r.status >= 500) throw new Error(`HTTP ${r.status} for ${body.slice(0, 120)}`);
    if (r.status >= 400 && !/"code":"WARDEN_/.test(text))
      throw new Error(`error without a WARDEN_ code: ${text.slice(0, 120)}`);
  };
  const body = fc.oneof(
    fc.json(),
    fc.string(),
    fc.jsonValue().map((v) => JSON.stringify({ model: 'warden-sim-1', messages: v })),
  );
  const targets: FuzzTarget[] = [
    propertyTarget('sse-parser', fc.array(fc.uint8Array({ maxLength: 256 }), { maxLength: 20 }), (chunks) => {
      const p = new SseParser(4096);
      try {
        for (const c of chunks) p.push(c);
        p.end();
      } catch (err) {
        if (!(err instanceof SseParseError)) throw err;
      }
    }),
    propertyTarget('json-depth', fc.jsonValue({ maxDepth: 30 }), (v) => {
      jsonDepthExceeds(v, 16);
    }),
    propertyTarget('chat-request-body', body, (b) => post('/v1/chat/completions', b)),
    propertyTarget('completion-request-body', body, (b) => post('/v1/completions', b)),
    propertyTarget('embedding-request-body', body, (b) => post('/v1/embeddings', b)),
    ...extraTargets(),
  ];
  const results: Record<string, { tried: number; failure?: string }> = {};
  for (const t of targets) {
    results[t.name] = await t.run(SECONDS);
    process.stderr.write(
      `${t.name}: ${results[t.name]!.tried} inputs${results[t.name]!.failure ? ` FAILED ${results[t.name]!.failure}` : ''}\n`,
    );
  }
  await app.close();
  await sim.close();
  const failed = Object.values(results).filter((r) => r.failure).length;
  process.stdout.write(`${JSON.stringify({ fuzz: true, secondsPerTarget: SECONDS, results, failed })}\n`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
