// Benchmark: the cost of the tool policy per call, and the approval round trip through a real gateway
// (request held -> 202, approve via the admin API, resubmit -> released) against the simulator.
import { rmSync } from 'node:fs';
import { pino } from 'pino';
import { ToolPolicy } from '../src/agents/policy.js';
import { buildWarden } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import { startSimulator } from '../src/sim/server.js';
import { tempDir } from '../test/helpers.js';

const N = Number(process.env.BENCH_N ?? 200);

function stats(samples: number[], unit: 'Us' | 'Ms') {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 1000) / 1000;
  return { n: s.length, [`p50${unit}`]: q(0.5), [`p99${unit}`]: q(0.99) };
}

const rules = {
  policies: [
    {
      strict: true,
      rules: [
        { tools: ['search_*', 'read_*'], action: 'allow' as const },
        { tools: ['delete_*'], action: 'approve' as const },
        {
          tools: ['transfer_funds'],
          action: 'allow' as const,
          when: { schema: { type: 'object', properties: { amount: { type: 'number', maximum: 100 } } } },
        },
        { tools: ['transfer_funds'], action: 'approve' as const },
        {
          tools: ['send_email'],
          action: 'allow' as const,
          when: { args: [{ path: 'to', regex: '@acme\\.com$' }] },
        },
        { tools: ['send_email'], action: 'deny' as const },
      ],
    },
  ],
};

function policyCost() {
  const policy = new ToolPolicy(rules);
  const subject = {
    route: 'chat',
    model: 'm',
    principal: { id: 'key:a', kind: 'apiKey' as const, scopes: ['chat'] },
    declaredTools: ['search_docs', 'delete_user', 'transfer_funds', 'send_email'],
  };
  const calls = [
    { name: 'search_docs', arguments: '{"q":"refund policy"}' },
    { name: 'transfer_funds', arguments: '{"amount":250,"to":"DE89370400440532013000"}' },
    { name: 'send_email', arguments: '{"to":"bob@acme.com","body":"hello"}' },
  ];
  const out: number[] = [];
  for (let i = 0; i < 50_000; i++) {
    const c = calls[i % calls.length]!;
    const t0 = performance.now();
    policy.decide(subject, c);
    if (i >= 5_000) out.push((performance.now() - t0) * 1000);
  }
  return stats(out, 'Us');
}

async function roundTrip() {
  const sim = await startSimulator(0);
  const dataDir = tempDir('warden-bench-');
  const config = validateConfig(
    {
      ...embeddedDefaults({ upstream: sim.url }),
      dataDir,
      logging: { level: 'silent' },
      limits: { principal: { requests: { limit: 1_000_000, window: '1m' } } },
      guards: { toolCall: [{ use: 'tool-policy', options: rules }] },
      approvals: { holdMs: 0 },
    },
    'bench',
  );
  const app = buildWarden(config, { log: pino({ level: 'silent' }) });
  const url = `http://127.0.0.1:${(await app.gateway.listen(0, '127.0.0.1')).port}`;
  const agent = (await app.admin.createKey({ name: 'agent', scopes: ['chat'] }, 'bench')).token;
  const approver = (await app.admin.createKey({ name: 'alice', scopes: ['approver'] }, 'bench')).token;
  const post = async (body: unknown, headers: Record<string, string>) => {
    const r = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}`, ...headers },
      body: JSON.stringify(body),
    });
    return { status: r.status, json: (await r.json()) as { approval?: { id: string } } };
  };
  const tools = ['delete_user', 'search_docs'].map((name) => ({ type: 'function', function: { name } }));
  const held: number[] = [];
  const plain: number[] = [];
  const released: number[] = [];
  try {
    for (let i = 0; i < N; i++) {
      const body = {
        model: 'warden-sim-1',
        messages: [{ role: 'user', content: `call delete_user {"id": "${i}"}` }],
        tools,
      };
      const p0 = performance.now();
      const allowed = await post(
        { ...body, messages: [{ role: 'user', content: `call search_docs {"q": "${i}"}` }] },
        {},
      );
      plain.push(performance.now() - p0);
      if (allowed.status !== 200) throw new Error(`allowed call answered ${allowed.status}`);
      const t0 = performance.now();
      const first = await post(body, {});
      held.push(performance.now() - t0);
      if (first.status !== 202 || !first.json.approval) throw new Error(`expected 202, got ${first.status}`);
      const id = first.json.approval.id;
      const ok = await fetch(`${url}/admin/api/approvals/${id}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${approver}` },
      });
      await ok.arrayBuffer();
      const t1 = performance.now();
      const again = await post(body, { 'x-warden-approval-id': id });
      released.push(performance.now() - t1);
      if (again.status !== 200) throw new Error(`resubmission answered ${again.status}`);
    }
  } finally {
    await app.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    allowedCall: stats(plain, 'Ms'),
    heldTo202: stats(held, 'Ms'),
    resubmitReleased: stats(released, 'Ms'),
  };
}

const result = { policyDecide: policyCost(), gateway: await roundTrip() };
console.log(JSON.stringify(result));
