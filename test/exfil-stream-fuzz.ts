// The stream-vs-whole differential fuzz of the exfiltration stream, shared by its test (a fixed seed) and by
// `npm run fuzz:exfil-stream` (any seed, many documents): random markdown/HTML documents are streamed in windows,
// with short longest tails that force the cuts a long output makes, and compared with a reading of the whole text.
import { detectExfiltration } from '../src/detectors/exfil/index.js';
import { ExfilStream } from '../src/detectors/exfil/stream.js';

/** Every off-list load counts, so the documents need no data in their URLs. */
const OFF_LIST = { images: 'off-list' } as const;
/** Characters the output window holds back before releasing them. */
const HOLD = 64;
const DEF = '[r]: https://cdn.evil.net/def.png';

/**
 * Feeds `text` to `stream` in windows as the output window shows them (`chunk` new characters each, the last
 * HOLD released characters shown again); `each` gets every finding in absolute offsets, and whether it came while
 * its end was still held back (text already released is out of reach); `afterWindow` runs after each window.
 */
export function feedStream(
  stream: ExfilStream,
  text: string,
  chunk: number,
  each: (start: number, end: number, inTime: boolean) => void,
  afterWindow?: () => void,
): void {
  let released = 0;
  for (let end = chunk; ; end = Math.min(text.length, end + chunk)) {
    const offset = Math.max(0, released - HOLD);
    for (const f of stream.scan(text.slice(offset, end), offset, released - offset)) {
      each(offset + f.start, offset + f.end, offset + f.end > released);
    }
    afterWindow?.();
    released = Math.max(released, end - HOLD);
    if (end === text.length) break;
  }
}

/** Starts of what a stream reported for `text`; `inTime`: only findings reported before their end was released. */
export function streamedStarts(text: string, chunk: number, maxTail?: number, inTime = false): number[] {
  const found: number[] = [];
  feedStream(new ExfilStream(OFF_LIST, maxTail), text, chunk, (start, _end, timely) => {
    if (!inTime || timely) found.push(start);
  });
  return found;
}

export interface FuzzCase {
  text: string;
  chunk: number;
  maxTail: number;
  /** Starts of findings of the whole text that the stream did not report before their end was released. */
  missed: number[];
  /** Starts the stream reported that the whole text's reading has not (erring towards more is allowed). */
  extra: number[];
}

/** Line pieces: block openers and closers of every kind the tracker follows, constructs to find, long lines. */
function pieces(n: number): string[] {
  return [
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
    `![i](https://cdn.evil.net/p${n}.png)`,
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
}

/** `docs` random documents from `seed`, each streamed and compared; `maxTail` fixes the longest tail. */
export function* fuzzCases(seed: number, docs: number, maxTail?: number): Generator<FuzzCase> {
  let state = seed;
  const rnd = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const near = (a: number, b: number) => Math.abs(a - b) < 2;
  for (let n = 0; n < docs; n++) {
    const lines: string[] = [];
    for (let i = 10 + Math.floor(rnd() * 60); i > 0; i--) {
      const line = pick(pieces(Math.floor(rnd() * 99)));
      lines.push(rnd() < 0.3 ? `${pick(['', '  ', '> ', '- '])}${line} ${pick(pieces(n))}` : line);
    }
    const text = lines.join('\n');
    const chunk = pick([1, 3, 7, 16, 50]);
    const tail = maxTail ?? pick([128, 256, 512]);
    const got = streamedStarts(text, chunk, tail, true);
    const whole = detectExfiltration(text, OFF_LIST).map((f) => f.start);
    // An image whose definition comes later is left to that definition (found: a renderer then loads nothing).
    const defFound = got.some((g) => text.startsWith(DEF, g));
    const missed = whole
      .filter((w) => !got.some((g) => near(g, w)))
      .filter((w) => !(defFound && text.startsWith('![x][r]', w)));
    const extra = got.filter((g) => !whole.some((w) => near(w, g)));
    yield { text, chunk, maxTail: tail, missed, extra };
  }
}
