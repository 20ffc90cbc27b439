// Differential fuzz of the exfiltration stream: random markdown/HTML documents are streamed in windows (short
// longest tails force the cuts a long output makes) and compared with a reading of the whole text. A miss is a
// finding of the whole text the stream never reported; usage: npm run fuzz:exfil-stream -- [seed] [docs].
// Env: MAXT fixes the longest tail (default: one of 128, 256, 512 per document); SHOW prints that many misses.
import { detectExfiltration } from '../src/detectors/exfil/index.js';
import { ExfilStream } from '../src/detectors/exfil/stream.js';

const OFF = { images: 'off-list' } as const;
const HOLD = 64;
const DEF = '[r]: https://cdn.evil.net/def.png';

function streamed(text: string, chunk: number, maxTail: number): number[] {
  const s = new ExfilStream(OFF, maxTail);
  const found: number[] = [];
  let released = 0;
  for (let end = chunk; ; end = Math.min(text.length, end + chunk)) {
    const offset = Math.max(0, released - HOLD);
    for (const f of s.scan(text.slice(offset, end), offset, released - offset)) found.push(offset + f.start);
    released = Math.max(released, end - HOLD);
    if (end === text.length) break;
  }
  return found;
}

let seed = Number(process.argv[2] ?? 1);
const docs = Number(process.argv[3] ?? 400);
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
const pieces = () => [
  'plain words in a line of text',
  'more text here',
  '',
  '',
  '```',
  '```js',
  '~~~',
  '    indented line',
  '  two spaces',
  '> quote line',
  '- list item',
  '1. ordered',
  '<!-- comment',
  '-->',
  '<div>',
  '</div>',
  '`code',
  'span`',
  `![i](https://cdn.evil.net/p${Math.floor(rnd() * 99)}.png)`,
  DEF,
  '![x][r]',
  '<img src="https://cdn.evil.net/h.png">',
  '| a | b |',
  '|---|---|',
  '# heading',
  '***',
  'x'.repeat(300),
  'long words '.repeat(30),
  '- ```',
  '2. ```',
  '  ```',
  '   ~~~',
  '- <div>',
  '<custom-tag>',
  '<script>',
  '</script>',
  '\t```',
  '1. ```',
  '    ```',
  '> ```',
  '<!-- c -->',
  `${DEF} "t`,
  'ti"',
];
let missed = 0;
let extra = 0;
for (let n = 0; n < docs; n++) {
  const lines: string[] = [];
  for (let i = 10 + Math.floor(rnd() * 60); i > 0; i--) {
    const line = pick(pieces());
    lines.push(rnd() < 0.3 ? `${pick(['', '  ', '> ', '- '])}${line} ${pick(pieces())}` : line);
  }
  const text = lines.join('\n');
  const chunk = pick([1, 3, 7, 16, 50]);
  const maxTail = Number(process.env.MAXT ?? 0) || pick([128, 256, 512]);
  const got = streamed(text, chunk, maxTail);
  const whole = detectExfiltration(text, OFF).map((f) => f.start);
  const near = (a: number, b: number) => Math.abs(a - b) < 2;
  // An image whose definition comes later is left to that definition (found: a renderer then loads nothing).
  const defFound = got.some((g) => text.startsWith(DEF, g));
  const misses = whole
    .filter((w) => !got.some((g) => near(g, w)))
    .filter((w) => !(defFound && text.startsWith('![x][r]', w)));
  if (got.some((g) => !whole.some((w) => near(w, g)))) extra++;
  if (misses.length > 0) {
    missed++;
    if (missed <= Number(process.env.SHOW ?? 0)) console.error(JSON.stringify({ text, chunk, maxTail }));
  }
}
console.log(
  JSON.stringify({
    seed: Number(process.argv[2] ?? 1),
    docs,
    docsWithMisses: missed,
    docsWithExtraFindings: extra,
  }),
);
