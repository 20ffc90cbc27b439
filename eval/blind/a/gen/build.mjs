// Builds the author-a blind set: authored blocks (src/*.txt) plus seeded encoded/Unicode rows
// (encoded.mjs). Block format: a header line "@@ family | carrier | lang | indirect(0/1) | task",
// then the row's text up to the next header. Run: node eval/blind/a/gen/build.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodedRows } from './encoded.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..');
export const ATTACK = [
  'instruction-override',
  'fake-notice-role-spoof',
  'system-prompt-extraction',
  'exfiltration',
  'tool-hijack',
  'jailbreak-framing',
  'multilingual',
  'obfuscation-encoding',
  'unicode-smuggling',
  'indirect-document',
];
export const BENIGN = [
  'hn-security-education',
  'hn-code-sensitive-words',
  'hn-ignore-error',
  'hn-legit-encoding',
  'hn-roleplay-fiction',
  'hn-translation',
  'hn-customer-correction',
  'hn-doc-with-ai-note',
  'hn-legit-unicode',
  'hn-ordinary-chat',
  'hn-system-prompt',
];

const rows = [];
for (const f of readdirSync(join(here, 'src'))
  .filter((n) => n.endsWith('.txt'))
  .sort()) {
  const lines = readFileSync(join(here, 'src', f), 'utf8').split('\n');
  let cur = null;
  const flush = () => {
    if (!cur) return;
    cur.text = cur.body.join('\n').replace(/^\n+|\n+$/g, '');
    delete cur.body;
    rows.push(cur);
  };
  for (const line of lines) {
    if (/^@@ [a-z]/.test(line)) {
      flush();
      const [family, carrier, lang, ind, task] = line
        .slice(3)
        .split('|')
        .map((s) => s.trim());
      cur = { family, carrier, lang, indirect: ind === '1', task: task ?? '', body: [], src: f };
    } else if (cur) cur.body.push(line);
  }
  flush();
}
rows.push(...encodedRows());

const counters = new Map();
const byFile = new Map();
for (const r of rows) {
  const isAttack = ATTACK.includes(r.family);
  if (!isAttack && !BENIGN.includes(r.family)) throw new Error(`unknown family ${r.family}`);
  if (!r.text) throw new Error(`empty row in ${r.family}`);
  if (r.indirect && !r.task) throw new Error(`indirect row without task in ${r.family}`);
  const n = (counters.get(r.family) ?? 0) + 1;
  counters.set(r.family, n);
  const row = {
    id: `a-${r.family}-${n}`,
    text: r.text,
    label: isAttack ? 'attack' : 'benign',
    family: r.family,
    carrier: r.carrier,
    lang: r.lang,
    indirect: r.indirect,
    ...(r.indirect ? { task: r.task } : {}),
    author: 'a',
  };
  const file = isAttack ? 'attacks.jsonl' : 'benign.jsonl';
  if (!byFile.has(file)) byFile.set(file, []);
  byFile.get(file).push(JSON.stringify(row));
}
for (const [file, lines] of byFile) writeFileSync(join(out, file), `${lines.join('\n')}\n`);
console.log(JSON.stringify(Object.fromEntries(counters)));
