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

/** Base64/base64url alphabet, by char code ('=' only as padding at the end of a line). */
const B64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-')
  B64[c.charCodeAt(0)] = 1;
const inB64 = (c: number) => c < 128 && B64[c] === 1;
/** Hex pairs separated by spaces or colons ('48 65 6c ...'), looked for only when the text has one. */
const SPACED_HEX_HINT = /[0-9a-fA-F]{2}[ :][0-9a-fA-F]{2}[ :][0-9a-fA-F]{2}[ :][0-9a-fA-F]{2}/;

/**
 * Maximal runs of the base64 alphabet, a run continuing over a line break when the line so far is 16+
 * characters long (wrapped base64): one linear pass, no backtracking.
 */
function alphabetRuns(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    if (!inB64(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let line = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (inB64(c)) {
        i++;
        line++;
      } else if (c === 61 /* = */) {
        // Padding ends a line: at most two, then a line break or the end of the run.
        const stop = i + 2;
        while (i < stop && text.charCodeAt(i) === 61) i++;
        const next = text.charCodeAt(i);
        if (line < 16 || (next !== 10 && next !== 13)) break;
      } else if (line >= 16 && (c === 10 || c === 13)) {
        let j = i + 1;
        if (c === 13 && text.charCodeAt(j) === 10) j++;
        if (j < text.length && inB64(text.charCodeAt(j))) {
          i = j;
          line = 0;
        } else break;
      } else break;
    }
    let end = i;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end - start >= 24) out.push({ start, end });
  }
  return out;
}

/** Every encoded run of the text that decodes to readable text. */
export function decodedRuns(text: string): DecodedRun[] {
  const out: DecodedRun[] = [];
  if (SPACED_HEX_HINT.test(text)) {
    for (const m of text.matchAll(HEX_RUN)) {
      if (!/[ :]/.test(m[0].trim())) continue; // unspaced hex is handled below
      const decoded = decodeHex(m[0]);
      if (decoded) out.push({ start: m.index, end: m.index + m[0].length, encoding: 'hex', text: decoded });
    }
  }
  for (const { start, end } of alphabetRuns(text)) {
    const run = text.slice(start, end);
    if (/^[0-9a-fA-F]+$/.test(run)) {
      const decoded = decodeHex(run);
      if (decoded) out.push({ start, end, encoding: 'hex', text: decoded });
      continue;
    }
    // Base64 of text mixes cases; a lower-case URL path or identifier does not, and is not decoded.
    if (!/[A-Z]/.test(run) || !/[a-z]/.test(run)) continue;
    const decoded = decodeBase64(run);
    if (decoded) out.push({ start, end, encoding: 'base64', text: decoded });
  }
  return out;
}
