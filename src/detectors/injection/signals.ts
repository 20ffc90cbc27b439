// Rule signals beside the classifier: chat-template and role spoofing, fake tool output and end markers,
// and encoded segments (base64, base32, hex, rot13, and the ciphers and spellings of decoders.ts) decoded so the
// classifier can score what they hide.
import { cipherDecodings } from './decoders.js';

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

const BASE32 = /(?<![A-Za-z0-9])[A-Z2-7]{24,}={0,6}(?![A-Za-z0-9])/g;
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(s: string): string {
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of s.replace(/=+$/, '')) {
    acc = (acc << 5) | B32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Runs of at least `min` characters without whitespace (ASCII whitespace ends a run). */
function longTokens(text: string, min: number): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c === 32 || (c >= 9 && c <= 13)) {
      if (i - start >= min) out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return out;
}

/** Segments that decode (base64, base32, hex, rot13, then the cipher decoders) to readable text, capped in
 * number and length. */
export function decodedSegments(text: string): string[] {
  const out: string[] = [];
  // Base64 and base32 runs never hold whitespace: their patterns run only inside tokens of 24+ characters
  // (same matches as over the whole text, without trying every position of ordinary prose).
  const long = longTokens(text, 24);
  for (const token of long)
    for (const m of token.matchAll(BASE64)) {
      if (out.length >= MAX_SEGMENTS) break;
      const raw = m[0].replace(/-/g, '+').replace(/_/g, '/');
      const decoded = Buffer.from(raw, 'base64').toString('utf8');
      if (printable(decoded)) out.push(decoded.slice(0, MAX_DECODED));
    }
  for (const token of long)
    for (const m of token.matchAll(BASE32)) {
      if (out.length >= MAX_SEGMENTS) break;
      const decoded = base32(m[0]);
      if (printable(decoded)) out.push(decoded.slice(0, MAX_DECODED));
    }
  for (const m of text.matchAll(HEX)) {
    if (out.length >= MAX_SEGMENTS) break;
    const decoded = Buffer.from(m[0].replace(/[\s:,]/g, ''), 'hex').toString('utf8');
    if (printable(decoded)) out.push(decoded.slice(0, MAX_DECODED));
  }
  for (const d of cipherDecodings(text)) {
    if (out.length >= MAX_SEGMENTS) break;
    out.push(d.slice(0, MAX_DECODED));
  }
  return out;
}
