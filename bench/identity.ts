// Benchmark: in-process cost of authentication plus the rate-limit check, per request (memory stores).
import type { IncomingMessage } from 'node:http';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { IdentityAdmin } from '../src/identity/admin.js';
import { IdentityGate } from '../src/identity/gate.js';
import { JwtVerifier } from '../src/identity/jwt.js';
import { Limiter } from '../src/limits/limiter.js';
import { MemoryLimitStore } from '../src/limits/store.js';
import { MemoryBanStore, MemoryKeyStore } from '../src/store/memory/identity.js';

const N = Number(process.env.BENCH_N ?? 20_000);

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 1000) / 1000;
  return { n: s.length, p50Us: q(0.5), p99Us: q(0.99) };
}

async function measure(gate: IdentityGate, tokens: () => string, n: number) {
  const body = { model: 'm', messages: [{ role: 'user', content: 'hello there, how are you?' }] };
  const out: number[] = [];
  for (let i = 0; i < n + 1000; i++) {
    const req = { headers: { authorization: `Bearer ${tokens()}` } } as unknown as IncomingMessage;
    const t0 = performance.now();
    const p = await gate.authenticate(req);
    gate.authorize(p, 'chat', 'm');
    const adm = await gate.admit(p, 'chat', body);
    const t1 = performance.now();
    adm.release({ promptTokens: 5, completionTokens: 5 });
    if (i >= 1000) out.push((t1 - t0) * 1000);
  }
  return stats(out);
}

async function main() {
  const keys = new MemoryKeyStore();
  const bans = new MemoryBanStore();
  const serverSecret = Buffer.alloc(32, 3);
  const admin = new IdentityAdmin({ keys, bans, serverSecret });
  const policy = {
    requests: { limit: 1e9, windowMs: 60_000 },
    tokens: { limit: 1e12, windowMs: 60_000 },
    concurrent: 1e6,
  };
  const limiter = new Limiter(new MemoryLimitStore(), {
    principal: policy,
    tenant: {},
    overrides: {},
    defaultCompletionTokens: 256,
  });
  const pair = await generateKeyPair('ES256');
  const jwt = new JwtVerifier({
    issuer: 'iss',
    audience: 'aud',
    keys: [{ kid: 'k', pem: await exportSPKI(pair.publicKey) }],
    algorithms: ['ES256'],
    clockToleranceSec: 30,
    claims: { principal: 'sub', scopes: 'scope' },
    models: ['*'],
    defaultScopes: ['chat'],
  });
  const gate = new IdentityGate({ keys, bans, serverSecret, limiter, jwt });
  const apiKeys = await Promise.all(
    Array.from({ length: 100 }, (_, i) => admin.createKey({ name: `k${i}` }, 'bench')),
  );
  let i = 0;
  const apiKey = await measure(gate, () => apiKeys[i++ % apiKeys.length]!.token, N);
  const sign = (sub: string) =>
    new SignJWT({ sub })
      .setProtectedHeader({ alg: 'ES256', kid: 'k' })
      .setIssuer('iss')
      .setAudience('aud')
      .setExpirationTime('10m')
      .sign(pair.privateKey);
  const repeated = await Promise.all(Array.from({ length: 100 }, (_, j) => sign(`user${j}`)));
  let j = 0;
  const jwtCached = await measure(gate, () => repeated[j++ % repeated.length]!, N);
  const fresh = await Promise.all(Array.from({ length: 3000 }, (_, k) => sign(`fresh${k}`)));
  let k = 0;
  const jwtUncached = await measure(gate, () => fresh[k++]!, 2000);
  const out = {
    bench: 'identity',
    store: 'memory',
    note: 'authenticate + authorize + admit (requests, tokens, concurrency) per request, microseconds',
    apiKey,
    jwtCached,
    jwtUncachedES256: jwtUncached,
    targetP50Under50us: { apiKey: apiKey.p50Us < 50, jwtCached: jwtCached.p50Us < 50 },
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
