// How each judge kind's answer becomes verdicts: TEI's flat and batched shapes, moderations categories, chat
// verdicts as JSON or a first word; anything else is a failure, never a safe verdict.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  chatVerdict,
  DEFAULT_ATTACK_LABELS,
  DEFAULT_SAFE_LABELS,
  JudgeAnswerError,
  type KindSettings,
  parseAnswer,
  requestBody,
} from './kinds.js';

const base = (over: Partial<KindSettings>): KindSettings => ({
  kind: 'tei',
  threshold: 0.5,
  attackLabels: new Set(DEFAULT_ATTACK_LABELS),
  safeLabels: new Set(DEFAULT_SAFE_LABELS),
  labelsGiven: false,
  maxTokens: 64,
  ...over,
});
const fails = (f: () => unknown, failure: string) =>
  assert.throws(f, (e: unknown) => e instanceof JudgeAnswerError && e.failure === failure);

describe('tei', () => {
  const s = base({});
  test('a batch is sent as one-element lists (TEI reads [a, b] as one pair)', () => {
    assert.deepEqual(requestBody(s, ['a', 'b']), { inputs: [['a'], ['b']], truncate: true });
  });
  test('flat and nested answers; attack labels add up (Prompt Guard 1: INJECTION + JAILBREAK)', () => {
    const one = [
      { label: 'BENIGN', score: 0.4 },
      { label: 'INJECTION', score: 0.35 },
      { label: 'JAILBREAK', score: 0.25 },
    ];
    const [flat] = parseAnswer(s, ['x'], one);
    assert.ok(flat!.attack);
    assert.ok(Math.abs(flat!.score - 0.6) < 1e-9);
    assert.equal(flat!.label, 'INJECTION');
    const nested = parseAnswer(s, ['x', 'y'], [one, [{ label: 'SAFE', score: 0.99 }]]);
    assert.deepEqual(
      nested.map((v) => v.attack),
      [true, false],
    );
  });
  test('a wrong count, a wrong shape or unknown labels are failures', () => {
    fails(() => parseAnswer(s, ['x', 'y'], [[{ label: 'SAFE', score: 1 }]]), 'bad-body');
    fails(() => parseAnswer(s, ['x'], { label: 'SAFE' }), 'bad-body');
    fails(() => parseAnswer(s, ['x'], [[{ label: 'LABEL_0', score: 0.9 }]]), 'bad-verdict');
    const told = base({ attackLabels: new Set(['label_1']), labelsGiven: true });
    assert.equal(parseAnswer(told, ['x'], [[{ label: 'LABEL_1', score: 0.8 }]])[0]!.attack, true);
  });
});

describe('moderations', () => {
  const answer = (flagged: boolean, scores: Record<string, number>) => ({
    results: [
      {
        flagged,
        categories: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, v >= 0.5])),
        category_scores: scores,
      },
    ],
  });
  test("the endpoint's flagged decides by default; labels pick categories and the threshold", () => {
    const s = base({ kind: 'moderations' });
    const v = parseAnswer(s, ['x'], answer(true, { violence: 0.7, hate: 0.1 }))[0]!;
    assert.deepEqual(v, { attack: true, score: 0.7, label: 'violence' });
    assert.equal(parseAnswer(s, ['x'], answer(false, { violence: 0.4 }))[0]!.attack, false);
    const hate = base({
      kind: 'moderations',
      attackLabels: new Set(['hate']),
      labelsGiven: true,
      threshold: 0.05,
    });
    assert.deepEqual(parseAnswer(hate, ['x'], answer(false, { violence: 0.7, hate: 0.1 }))[0], {
      attack: true,
      score: 0.1,
      label: 'hate',
    });
    fails(() => parseAnswer(s, ['x', 'y'], answer(true, { violence: 1 })), 'bad-body');
  });
});

describe('chat', () => {
  const s = base({ kind: 'chat', model: 'm', systemPrompt: 'Classify. Boundary {id}.' });
  test('JSON verdicts anywhere in the answer, with or without a score', () => {
    assert.deepEqual(chatVerdict(s, 'Sure: {"verdict": "attack", "score": 0.8}'), {
      attack: true,
      score: 0.8,
      label: 'attack',
    });
    assert.deepEqual(chatVerdict(s, '```json\n{"label":"SAFE"}\n```'), {
      attack: false,
      score: 0,
      label: 'safe',
    });
  });
  test('a first word (Llama Guard: safe / unsafe + category line), markdown around it allowed', () => {
    assert.equal(chatVerdict(s, 'unsafe\nS14').attack, true);
    assert.equal(chatVerdict(s, '**Safe**').attack, false);
  });
  test('an answer that is neither is a failure', () => {
    fails(() => chatVerdict(s, 'Perhaps. It depends on the context.'), 'bad-verdict');
    fails(() => chatVerdict(s, '{"verdict":"maybe"}'), 'bad-verdict');
    fails(() => chatVerdict(s, ''), 'bad-verdict');
    fails(() => parseAnswer(s, ['x'], { choices: [] }), 'bad-body');
  });
  test('the spotlight prompt gets the boundary id; the text sits between the boundary lines', () => {
    const body = requestBody(s, ['hello']) as { messages: { role: string; content: string }[] };
    const id = /Boundary ([0-9a-f]{16})\./.exec(body.messages[0]!.content)?.[1];
    assert.ok(id);
    assert.equal(body.messages[1]!.content, `<<TEXT ${id}>>\nhello\n<<END ${id}>>`);
  });
});
