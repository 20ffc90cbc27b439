// Extra benign text found on the build machine, used only at training time and never committed:
// translated UI messages from gettext .mo catalogues (multilingual prose) and chunks of package READMEs and
// source files under node_modules (technical English and code). Both are benign by construction.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../src/detectors/injection/perturb.js';

const EXCLUDED_PACKAGES = /llm_guardrail|vard|llm-guard|\.bin/;

function walk(dir: string, match: (p: string) => boolean, out: string[], depth = 0): string[] {
  if (depth > 12) return out;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(p, match, out, depth + 1);
    else if (match(p)) out.push(p);
  }
  return out;
}

/** msgstr texts of a GNU .mo catalogue. */
function moStrings(file: string): string[] {
  const b = readFileSync(file);
  if (b.length < 28) return [];
  const le = b.readUInt32LE(0) === 0x950412de;
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const n = u32(8);
  const tTable = u32(16);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = u32(tTable + i * 8);
    const off = u32(tTable + i * 8 + 4);
    if (off + len > b.length) break;
    for (const s of b
      .subarray(off, off + len)
      .toString('utf8')
      .split('\0'))
      out.push(s);
  }
  return out;
}

/** Multilingual benign sentences from /usr/share/locale (empty when the machine has none). */
export function localeSentences(perLanguage = 120): string[] {
  const files = walk('/usr/share/locale', (p) => p.endsWith('.mo'), []);
  const byLang = new Map<string, string[]>();
  for (const f of files) {
    const lang = f.split('/').at(-3) ?? '';
    if (lang.startsWith('en')) continue;
    const list = byLang.get(lang) ?? [];
    for (const s of moStrings(f)) {
      if (/Content-Type:|Project-Id-Version|Last-Translator/.test(s)) continue;
      const t = s.replace(/[_&%]|\\n/g, ' ').trim();
      const words = t.split(/\s+/).length;
      const cjk =
        /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u.test(t);
      // Only strings with non-ASCII characters: ASCII-only entries are often untranslated English.
      const translated = /[^\x00-\x7f]/.test(t);
      if ((words >= 5 || (cjk && t.length >= 12)) && t.length <= 400 && translated) list.push(t);
    }
    byLang.set(lang, list);
  }
  const rnd = seededRandom(5);
  const out: string[] = [];
  for (const lang of [...byLang.keys()].sort()) {
    const list = [...new Set(byLang.get(lang)!)];
    for (let k = 0; k < Math.min(perLanguage, list.length); k++)
      out.push(list[Math.floor(rnd() * list.length)]!);
  }
  return out;
}

/** Chunks of README prose and source code from node_modules. */
export function packageTextChunks(root: string, max = 3000): string[] {
  const files = walk(
    join(root, 'node_modules'),
    (p) =>
      !EXCLUDED_PACKAGES.test(p) && /\.(md|js|mjs|ts|html|css|py|sh|yml)$/.test(p) && !p.endsWith('.min.js'),
    [],
  );
  const rnd = seededRandom(9);
  const out: string[] = [];
  for (let tries = 0; out.length < max && tries < max * 4 && files.length > 0; tries++) {
    const f = files[Math.floor(rnd() * files.length)]!;
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    if (text.length < 200) continue;
    const len = 200 + Math.floor(rnd() * 1200);
    const start = Math.floor(rnd() * Math.max(1, text.length - len));
    out.push(text.slice(start, start + len));
  }
  return out;
}
