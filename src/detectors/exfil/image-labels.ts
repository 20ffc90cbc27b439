// Collects the reference labels that images use (`![alt][label]`, `![label][]`, `![label]`), leniently: a use
// whose definition has not arrived yet is plain text to the parser, yet makes that later definition an image.
import { referenceKey } from './markdown.js';

/** Index just past the `]` closing the bracket opened at `open` (nested brackets, escapes), or -1. */
function closeBracket(text: string, open: number, limit: number): number {
  let depth = 0;
  const end = Math.min(text.length, open + limit);
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i + 1;
  }
  return -1;
}

/** Normalised labels every image-shaped reference in `text` would look up. */
export function imageLabelsIn(text: string): Set<string> {
  const labels = new Set<string>();
  for (let at = text.indexOf('!['); at !== -1; at = text.indexOf('![', at + 2)) {
    const altEnd = closeBracket(text, at + 1, 1000);
    if (altEnd === -1) continue;
    let label = text.slice(at + 2, altEnd - 1);
    if (text[altEnd] === '[') {
      const labelEnd = closeBracket(text, altEnd, 1000);
      const inner = labelEnd === -1 ? '' : text.slice(altEnd + 1, labelEnd - 1);
      if (inner.trim() !== '') label = inner;
    }
    const key = referenceKey(label);
    if (key !== '') labels.add(key);
  }
  return labels;
}
