// Tool names as policies match them: split into word segments (snake, kebab, camel case, dots), folded for
// case, Unicode compatibility forms and confusables, so `DROP_TABLE`, `Drop-Table` and `dropTable` read alike.
import { skeleton } from '../detectors/unicode/confusables.js';

const MARKS = /[\p{M}\p{Cf}\p{Cc}]/gu;

function stripMarks(s: string): string {
  return s.normalize('NFKD').replace(MARKS, '');
}

function fold(name: string, wildcards: boolean): string {
  let s = stripMarks(skeleton(stripMarks(name)));
  // Segment boundaries of camel case: fooBar, foo2Bar, HTTPServer.
  s = s.replace(/([\p{Ll}\p{Nd}])(\p{Lu})/gu, '$1_$2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1_$2');
  s = stripMarks(s.toLowerCase());
  const other = wildcards ? /[^\p{L}\p{N}*?]+/gu : /[^\p{L}\p{N}]+/gu;
  return s.replace(other, '_').replace(/^_+|_+$/g, '');
}

/** The form tool names are matched in: lower-case word segments joined by `_` (`deleteUser` -> `delete_user`). */
export function toolNameKey(name: string): string {
  return fold(name, false);
}

/** A tool-name glob in the same form; `*` and `?` keep their meaning (`Delete-*` -> `delete_*`). */
export function toolGlobKey(glob: string): string {
  return fold(glob, true);
}

/** The word segments of a tool name: `sendEmailNow` -> ['send', 'email', 'now']. */
export function toolWords(name: string): string[] {
  const key = toolNameKey(name);
  return key === '' ? [] : key.split('_');
}

/** True when `words` (e.g. ['send', 'email']) occur as consecutive whole segments of `segments`. */
export function hasWords(segments: readonly string[], words: readonly string[]): boolean {
  if (words.length === 0 || words.length > segments.length) return false;
  for (let i = 0; i + words.length <= segments.length; i++) {
    if (words.every((w, j) => segments[i + j] === w)) return true;
  }
  return false;
}
