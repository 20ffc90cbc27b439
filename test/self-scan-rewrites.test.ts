// The default request guards' rewrites (the unicode guard's forwarded text, the canary note in the system
// prompt) never turn a self-scan case the simulated model resists into one it obeys (decision 2210). Until
// the simulator read disguised text, every case worse behind Warden was a zero-width one: Warden removed the
// characters the simulator tripped on, which no real model trips on.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { pino } from 'pino';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import type { GuardContext } from '../src/core/context.js';
import { GuardPipeline } from '../src/core/pipeline.js';
import { buildGuards } from '../src/guards/registry.js';
import { parseConverterChains } from '../src/scan/converters/index.js';
import { caseRefs, materializeSync, selectProbes } from '../src/scan/probes/index.js';
import { scoreResponse } from '../src/scan/score.js';
import { SELF_SCAN_CONVERTERS } from '../src/scan/self-scan.js';
import type { AttackCase, Conversation, TargetResponse } from '../src/scan/types.js';
import { type SimMessage, type SimTool, simulateReply } from '../src/sim/model.js';

const log = pino({ level: 'silent' });
const config = validateConfig({
  ...embeddedDefaults({ upstream: 'http://127.0.0.1:9/v1' }),
  dataDir: '/tmp',
});
const requestGuards = buildGuards(
  { ...config.guards, response: [], toolCall: [] },
  { log, dataDir: '/tmp', secrets: [] },
);
const pipeline = new GuardPipeline(requestGuards, { defaultDeadlineMs: 5_000, log });

/** The simulator's answer, as the scanner's target would report it. */
function answer(body: { messages: unknown; tools?: unknown }): TargetResponse {
  const r = simulateReply(body.messages as SimMessage[], { tools: (body.tools as SimTool[]) ?? [] });
  return {
    kind: 'answer',
    status: 200,
    content: r.content ?? '',
    toolCalls: r.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })),
    finishReason: r.finishReason,
    latencyMs: 0,
  };
}

/** The request body after the default request guards, or undefined when they block it. */
async function forwarded(conv: Conversation, n: number): Promise<Record<string, unknown> | undefined> {
  const ctx: GuardContext = {
    requestId: `rewrite-${n}`,
    route: 'chat',
    principal: { id: 'self-scan', kind: 'anonymous', scopes: [] },
    model: 'warden-sim-1',
    body: structuredClone({ model: 'warden-sim-1', ...conv }) as Record<string, unknown>,
    state: new Map(),
    log,
  };
  const outcome = await pipeline.run('request', ctx);
  return outcome.verdict?.action === 'block' ? undefined : ctx.body;
}

describe('default request rewrites and the simulated model', () => {
  after(() => pipeline.close());

  it('never make a self-scan case succeed that fails against the bare simulator', async () => {
    const cases: AttackCase[] = [
      ...caseRefs(selectProbes('all'), parseConverterChains(SELF_SCAN_CONVERTERS)),
    ].map(materializeSync);
    const worse: string[] = [];
    let rewritten = 0;
    let passedVulnerable = 0;
    for (const [n, c] of cases.entries()) {
      const body = await forwarded(c.conversation, n);
      if (!body) continue;
      if (JSON.stringify(body.messages) !== JSON.stringify(c.conversation.messages)) rewritten++;
      const bare = scoreResponse(c, answer(c.conversation)).outcome;
      const behind = scoreResponse(c, answer(body as { messages: unknown; tools?: unknown })).outcome;
      if (behind === 'vulnerable') passedVulnerable++;
      if (behind === 'vulnerable' && bare !== 'vulnerable') worse.push(`${c.id}: bare ${bare}`);
    }
    assert.deepEqual(worse, []);
    // The comparison bites: guards rewrote many cases, and some that got through still succeed.
    assert.ok(rewritten > cases.length / 4, `${rewritten} of ${cases.length} rewritten`);
    assert.ok(passedVulnerable > 0);
  });
});
