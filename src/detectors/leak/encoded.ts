// Finds base64 and hex runs in a text that decode to readable text, so a prompt leaked in an encoding can be
// compared like any other output (any alignment, so a run cut by a streaming window still decodes).

export interface DecodedRun {
  /** [start, end) of the encoded run in the scanned text. */
  start: number;
  end: number;
  encoding: 'base64' | 'hex';
  /** The readable text it decodes to. */
  text: string;
}

/** Base64 (or base64url), possibly wrapped over lines. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{16,}={0,2}(?:\r?\n[A-Za-z0-9+/_-]{4,}={0,2})*/g;
const HEX_RUN = /(?:[0-9a-fA-F]{2}[ :]?){12,}/g;
/** Least number of decoded characters worth comparing. */
const MIN_DECODED = 16;

/** Share of a decoded string that is readable text (printable, whitespace, non-control Unicode). */
function readableShare(s: string): number {
  if (s.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 || (c >= 0xa0 && c !== 0xfffd)) ok++;
  }
  return ok / s.length;
}

function best(candidates: string[]): string | undefined {
  let pick: string | undefined;
  let share = 0.9;
  for (const c of candidates) {
    const s = readableShare(c);
    if (c.length >= MIN_DECODED && s >= share) {
      pick = c;
      share = s;
    }
  }
  return pick;
}

function decodeBase64(run: string): string | undefined {
  const clean = run.replace(/[\s=]/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const candidates: string[] = [];
  // Node decodes an unpadded tail as far as its bits go.
  for (let o = 0; o < 4 && clean.length - o >= 24; o++) {
    candidates.push(Buffer.from(clean.slice(o), 'base64').toString('utf8'));
  }
  return best(candidates);
}

function decodeHex(run: string): string | undefined {
  const clean = run.replace(/[^0-9a-fA-F]/g, '');
  const candidates: string[] = [];
  for (let o = 0; o < 2; o++) {
    const usable = Math.floor((clean.length - o) / 2) * 2;
    candidates.push(Buffer.from(clean.slice(o, o + usable), 'hex').toString('utf8'));
  }
  return best(candidates);
}

/** Every encoded run of the text that decodes to readable text. */
export function decodedRuns(text: string): DecodedRun[] {
  const out: DecodedRun[] = [];
  for (const m of text.matchAll(HEX_RUN)) {
    const decoded = decodeHex(m[0]);
    if (decoded) out.push({ start: m.index, end: m.index + m[0].length, encoding: 'hex', text: decoded });
  }
  for (const m of text.matchAll(BASE64_RUN)) {
    if (m[0].replace(/\s/g, '').length < 24) continue;
    if (out.some((r) => r.start <= m.index && r.end >= m.index + m[0].length)) continue;
    const decoded = decodeBase64(m[0]);
    if (decoded) out.push({ start: m.index, end: m.index + m[0].length, encoding: 'base64', text: decoded });
  }
  return out;
}
