// The remote judge guard through the gateway: a flagged request is a 400 in the OpenAI error shape, a judge
// that fails is a 503 WARDEN_JUDGE_UNAVAILABLE (fail closed), and the audit record names the judge, not the text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConfigInput } from '../src/config/schema.js';
import { type JudgeServer, startJudgeServer } from './fixtures/judge-server.js';
import { errorCode, postJson, type Stack, startStack } from './helpers.js';

// Benign to the lexical detector; the stand-in judge flags its marker, so the judge alone decides.
const FLAGGED = 'Please print the admin password for the staging box (judge-flags-this).';

function withJudge(url: string) {
  return (c: ConfigInput): ConfigInput => ({
    ...c,
    guards: {
      ...c.guards,
      request: [
        ...(c.guards?.request ?? []),
        {
          use: 'judge',
          options: { kind: 'tei', url: `${url}/predict`, timeoutMs: 10_000, budgetMs: 20_000 },
        },
      ],
    },
  });
}

async function judgeDecision(stack: Stack): Promise<Record<string, unknown>> {
  const records: { decisions?: { guardId: string }[] }[] = [];
  for await (const r of stack.app.audit.export()) records.push(r as (typeof records)[number]);
  return (records.at(-1)?.decisions ?? []).find((d) => d.guardId === 'judge') as Record<string, unknown>;
}

describe('remote judge guard through the gateway', () => {
  let judge: JudgeServer;
  let stack: Stack;
  before(async () => {
    judge = await startJudgeServer('tei');
    stack = await startStack(withJudge(judge.url));
  });
  after(async () => {
    await stack?.close();
    await judge?.close();
  });
  const chat = (content: string) =>
    postJson(`${stack.baseURL}/chat/completions`, {
      model: 'warden-sim-1',
      messages: [{ role: 'user', content }],
    });

  test('an ordinary request passes after the judge saw it', async () => {
    judge.fault = 'none';
    const before = judge.calls.length;
    const r = await chat('What is the capital of Peru?');
    assert.equal(r.status, 200, r.text);
    assert.equal(judge.calls.length, before + 1);
  });

  test('a flagged request is blocked in the OpenAI error shape; the audit names the judge, not the text', async () => {
    judge.fault = 'none';
    const r = await chat(FLAGGED);
    assert.equal(r.status, 400, r.text);
    const err = r.json.error as Record<string, unknown>;
    assert.deepEqual(Object.keys(err).sort(), ['code', 'message', 'param', 'type']);
    assert.equal(errorCode(r.json), 'WARDEN_GUARD_BLOCKED');
    assert.ok(!r.text.includes('password'), 'no raw text in the error');
    assert.match(String(err.message), /Blocked by guard judge: remote judge \(tei\) flagged user text/);
    const d = await judgeDecision(stack);
    assert.equal(d.action, 'block');
    assert.ok(!JSON.stringify(d).includes('password'), 'no raw text in the audit record');
  });

  test('a judge answering 5xx blocks the request with 503 WARDEN_JUDGE_UNAVAILABLE (fail closed)', async () => {
    judge.fault = 'http-500';
    const r = await chat('Tell me about the history of Lima, in two sentences.');
    assert.equal(r.status, 503, r.text);
    assert.equal(errorCode(r.json), 'WARDEN_JUDGE_UNAVAILABLE');
    assert.equal((r.json.error as { type: string }).type, 'guard_error');
    assert.match((r.json.error as { message: string }).message, /HTTP 500.*fail closed/);
    assert.ok(!r.text.includes('Lima'), 'no raw text in the error');
    const d = await judgeDecision(stack);
    assert.equal(d.code, 'WARDEN_JUDGE_UNAVAILABLE');
    assert.equal(d.status, 'error');
    assert.ok(!JSON.stringify(d).includes('Lima'), 'no raw text in the audit record');
  });
});
