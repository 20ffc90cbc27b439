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

/** A tool description that tells the model to hide something from the user ("tool poisoning"). */
const CONCEAL =
  /\b(?:do\s+not|don't|never|without)\s+(?:tell(?:ing)?|mention(?:ing)?|inform(?:ing)?|reveal(?:ing)?|show(?:ing)?|notify(?:ing)?|alert(?:ing)?)\s+(?:this\s+|it\s+|that\s+)?(?:to\s+)?the\s+user\b(?!['’]s)/i;
/** Files an agent host holds that no tool description has reason to ask the model to read or pass on. */
const SENSITIVE_FILE =
  /(?:~\/\.ssh\b|\bid_(?:rsa|ed25519|ecdsa)\b|\.aws\/credentials\b|\/etc\/(?:passwd|shadow)\b|\.netrc\b|\bmcp\.json\b|\.config\/gcloud\b|\.kube\/config\b)/i;
const PASS_ON = /\b(?:read|pass|send|include|upload|attach|forward|copy|cat|post)\b/i;

/** True when a tool description asks the model to conceal its action or to read and pass on a host secret. */
export function toolPoisoning(text: string): boolean {
  if (CONCEAL.test(text)) return true;
  const m = SENSITIVE_FILE.exec(text);
  if (!m) return false;
  const near = text.slice(Math.max(0, m.index - 80), m.index + m[0].length + 80);
  return PASS_ON.test(near);
}
