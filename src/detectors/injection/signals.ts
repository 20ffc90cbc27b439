// Rule signals beside the classifier: chat-template and role spoofing, fake tool output and end markers,
// and encoded segments (base64, hex, rot13) decoded so the classifier can score what they hide.

interface StructuralRule {
  name: string;
  pattern: RegExp;
}

const rules: readonly StructuralRule[] = [
  {
    name: 'chat-template-token',
    pattern:
      /<\|\s*(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|end_of_turn|start_of_turn)\s*\|>|\[\/?INST\]|<<\/?SYS>>|<\/?(?:start_of_turn|end_of_turn)>/i,
  },
  {
    name: 'role-header',
    pattern:
      /(?:^|\n)\s*(?:#{2,}\s*)?(?:system|assistant|developer)\s*(?:prompt|message|instruction)?s?\s*:|(?:^|\n)\s*#{2,}\s*(?:instruction|response|new instructions?)\b|<\/?(?:system|assistant|developer)(?:_prompt)?>/i,
  },
  {
    name: 'fake-tool-output',
    pattern:
      /\b(?:tool|function|api)\s*(?:call\s*)?(?:output|result|response)\s*:|"role"\s*:\s*"(?:system|tool|assistant)"|<\/?(?:tool_result|function_results?|tool_output)>/i,
  },
  {
    name: 'fake-end-marker',
    pattern:
      /\b(?:end of (?:the )?(?:conversation|chat|document|user input|input|context|email|prompt|instructions?|text))\b|<\/s>|<\|?(?:eos|endoftext)\|?>|\[(?:end|\/conversation|done)\]|-{3,}\s*(?:end|begin|new)\b/i,
  },
];

/** Names of the structural rules that match (each counted once). */
export function structuralHits(text: string): string[] {
  return rules.filter((r) => r.pattern.test(text)).map((r) => r.name);
}

const BASE64 = /[A-Za-z0-9+/]{24,}={0,2}|[A-Za-z0-9_-]{32,}/g;
const HEX = /(?:[0-9a-fA-F]{2}[\s:,]?){16,}/g;
const MAX_SEGMENTS = 4;
const MAX_DECODED = 4000;

function printable(s: string): boolean {
  if (s.length < 8) return false;
  let ok = 0;
  let letters = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd) continue;
    if (c >= 32 || c === 9 || c === 10 || c === 13) ok++;
    if (/\p{L}/u.test(ch)) letters++;
  }
  return ok / s.length > 0.9 && letters / s.length > 0.5 && /\s/.test(s);
}

function rot13(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

const COMMON =
  /\b(?:the|and|you|to|of|is|are|your|all|ignore|instructions?|previous|prompt|system|now|say|tell|me|with|what|that|this)\b/gi;

function commonWords(s: string): number {
  return s.match(COMMON)?.length ?? 0;
}

/** Segments that decode (base64, hex, rot13) to readable text, capped in number and length. */
export function decodedSegments(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(BASE64)) {
    if (out.length >= MAX_SEGMENTS) break;
    const raw = m[0].replace(/-/g, '+').replace(/_/g, '/');
    const decoded = Buffer.from(raw, 'base64').toString('utf8');
    if (printable(decoded)) out.push(decoded.slice(0, MAX_DECODED));
  }
  for (const m of text.matchAll(HEX)) {
    if (out.length >= MAX_SEGMENTS) break;
    const decoded = Buffer.from(m[0].replace(/[\s:,]/g, ''), 'hex').toString('utf8');
    if (printable(decoded)) out.push(decoded.slice(0, MAX_DECODED));
  }
  if (out.length < MAX_SEGMENTS && /[a-zA-Z]{3,}/.test(text)) {
    const sample = text.slice(0, MAX_DECODED);
    const flipped = rot13(sample);
    const gain = commonWords(flipped) - commonWords(sample);
    if (gain >= 3 && commonWords(flipped) >= 2 * Math.max(1, commonWords(sample))) out.push(flipped);
  }
  return out;
}
