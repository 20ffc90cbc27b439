// Finds the URLs a browser fetches from CSS (url(), image-set(), @import), after CSS escapes and comments.

/** CSS as its tokenizer reads identifiers: `\75 rl(` is `url(`; comments vanish. */
function cssText(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_, hex: string) => {
      const cp = Number.parseInt(hex, 16);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
    })
    .replace(/\\(.)/g, '$1');
}

const URL_FN = /(?:url|src)\(\s*(?:"([^"]*)"?|'([^']*)'?|([^)\s]*))/gi;
const IMAGE_SET = /image-set\(([^)]*)/gi;
const IMPORT = /@import\s+(?:"([^"]*)"|'([^']*)')/gi;
const QUOTED = /"([^"]*)"|'([^']*)'/g;

/** URLs the CSS loads; `sheet` adds `@import` (only a style sheet, not a style attribute, can import). */
export function cssUrls(css: string, sheet = false): string[] {
  if (!/[(@\\]/.test(css)) return [];
  const text = cssText(css);
  const out: string[] = [];
  for (const m of text.matchAll(URL_FN)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  for (const m of text.matchAll(IMAGE_SET))
    for (const q of m[1]!.matchAll(QUOTED)) out.push(q[1] ?? q[2] ?? '');
  if (sheet) for (const m of text.matchAll(IMPORT)) out.push(m[1] ?? m[2] ?? '');
  return out.filter((u) => u.trim() !== '');
}
