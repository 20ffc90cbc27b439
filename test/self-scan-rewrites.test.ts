// Request rewrites never turn a self-scan case the simulated model resists into one it obeys (decision
// 2210): the default ones (the unicode guard's forwarded text, the canary note in the system prompt) and the
// isolation guard's wrappers. Until the simulator read disguised text, every case worse behind Warden was a
// zero-width one: Warden removed the characters the simulator tripped on, which no real model trips on.
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
type RequestEntries = (typeof config.guards)['request'];
/** A pipeline of request guards only: what reaches the model is all that matters here. */
const pipelineOf = (request: RequestEntries) =>
  new GuardPipeline(
    buildGuards(
      { ...config.guards, request, response: [], toolCall: [] },
      { log, dataDir: '/tmp', secrets: [] },
    ),
    {
      defaultDeadlineMs: 5_000,
      log,
    },
  );
const pipelines: GuardPipeline[] = [];

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
async function forwarded(
  pipeline: GuardPipeline,
  conv: Conversation,
  n: number,
): Promise<Record<string, unknown> | undefined> {
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

/** Self-scan cases the simulator resists bare but obeys after the request guards; and how much they did. */
async function worseAfter(request: RequestEntries) {
  const pipeline = pipelineOf(request);
  pipelines.push(pipeline);
  const cases: AttackCase[] = [
    ...caseRefs(selectProbes('all'), parseConverterChains(SELF_SCAN_CONVERTERS)),
  ].map(materializeSync);
  const worse: string[] = [];
  let rewritten = 0;
  let passedVulnerable = 0;
  for (const [n, c] of cases.entries()) {
    const body = await forwarded(pipeline, c.conversation, n);
    if (!body) continue;
    if (JSON.stringify(body.messages) !== JSON.stringify(c.conversation.messages)) rewritten++;
    const bare = scoreResponse(c, answer(c.conversation)).outcome;
    const behind = scoreResponse(c, answer(body as { messages: unknown; tools?: unknown })).outcome;
    if (behind === 'vulnerable') passedVulnerable++;
    if (behind === 'vulnerable' && bare !== 'vulnerable') worse.push(`${c.id}: bare ${bare}`);
  }
  return { worse, rewritten, passedVulnerable, cases: cases.length };
}

describe('request rewrites and the simulated model', () => {
  after(() => Promise.all(pipelines.map((p) => p.close())));

  it('the default ones never make a self-scan case succeed that fails against the bare simulator', async () => {
    const r = await worseAfter(config.guards.request);
    assert.deepEqual(r.worse, []);
    // The comparison bites: guards rewrote many cases, and some that got through still succeed.
    assert.ok(r.rewritten > r.cases / 4, `${r.rewritten} of ${r.cases} rewritten`);
    assert.ok(r.passedVulnerable > 0);
  });

  it("the isolation guard's spotlighting and sandwich are never read as instructions", async () => {
    // Datamark mode is left out: the answer then quotes the caret-marked prompt, which the scanner's
    // quotation check does not recognise as an echo of the original (a scanner artefact, not obedience).
    const request = [
      ...config.guards.request.filter((g) => g.use !== 'canary'),
      { use: 'isolation', options: { mode: 'spotlight', roles: ['tool', 'user'] } },
    ] as RequestEntries;
    const r = await worseAfter(request);
    assert.deepEqual(r.worse, []);
    assert.ok(r.rewritten > r.cases / 4, `${r.rewritten} of ${r.cases} rewritten`);
    assert.ok(r.passedVulnerable > 0);
  });
});
