// Blatant override phrases ("ignore all previous instructions", "you are now DAN") used, not mentioned, in a
// caller-supplied system or developer message, where instruction-heavy prose keeps the classifier's scores high.

const PHRASES: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|every\s+)?(?:of\s+)?(?:the\s+|your\s+|my\s+|these\s+|those\s+)?(?:previous|prior|above|earlier|preceding|former|original|initial|existing)\s+(?:instructions?|rules?|prompts?|directions?|guidelines?|messages?|context)\b/gi,
  /\b(?:ignore|disregard|forget)\s+(?:all\s+of\s+|everything\s+)?(?:the\s+)?(?:above|before\s+this)\b/gi,
  /\b(?:ignore|disregard|forget|abandon)\s+(?:all\s+)?(?:of\s+)?your\s+(?:guidelines|rules|instructions|restrictions|programming|safety\s+\w+|content\s+polic(?:y|ies)|filters)\b/gi,
  /\b(?:disregard|ignore|forget)\s+(?:every|all|any)\s+(?:rules?|instructions?|guidelines?)\s+(?:above|before|so\s+far)\b/gi,
  /\byou\s+are\s+now\s+(?:DAN\b|an?\s+(?:unrestricted|unfiltered|uncensored|jailbroken|evil|rogue)\b|in\s+(?:developer|god|jailbreak|DAN|unrestricted)\s+mode\b|free\s+of\s+(?:all\s+)?(?:rules|restrictions))/gi,
  /\bdo\s+anything\s+now\b/gi,
  /\b(?:pretend|act\s+as\s+if|imagine)\s+(?:that\s+)?you\s+have\s+no\s+(?:guidelines|rules|restrictions|filters|limits)\b/gi,
  /\byou\s+(?:have|has)\s+no\s+(?:restrictions|rules|filters|guidelines|limits)\s+(?:any\s*more|now|at\s+all)\b/gi,
];

/** Words before a phrase (in its sentence) that make it a rule about the phrase rather than the phrase itself. */
const MENTION =
  /\b(?:if|when|whenever|unless|asks?|asked|tells?|told|tries|try|trying|requests?|says?|said|claims?|contains?|never|not|don't|do\s+not|refuse|decline|such\s+as|like|e\.g)\b/i;

/** The sentence text before `at`: back to the last sentence end or line break. */
function sentenceBefore(text: string, at: number): string {
  const head = text.slice(Math.max(0, at - 200), at);
  const cut = Math.max(head.lastIndexOf('\n'), head.search(/[.!?;:][^.!?;:]*$/));
  return cut >= 0 ? head.slice(cut + 1) : head;
}

/** True when the match sits inside an open quotation on its line (it is being quoted). */
function quoted(text: string, at: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
  const straight = (line.match(/"/g) ?? []).length;
  const curlyOpen = (line.match(/[“«]/g) ?? []).length;
  const curlyClose = (line.match(/[”»]/g) ?? []).length;
  return straight % 2 === 1 || curlyOpen > curlyClose;
}

/** Index of the first override phrase used in `text` (not quoted, not inside a rule about it), or -1. */
export function overridePhraseAt(text: string): number {
  for (const re of PHRASES) {
    for (const m of text.matchAll(re)) {
      if (!quoted(text, m.index) && !MENTION.test(sentenceBefore(text, m.index))) return m.index;
    }
  }
  return -1;
}
