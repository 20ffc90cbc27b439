// The forms a held secret may take when a model re-encodes it: base64 (any byte alignment), hex, URL-encoding,
// or spelled out with separators between its characters.

export interface SecretForm {
  needle: string;
  kind: 'held-secret' | 'held-secret-encoded';
}

/** The stable core of base64(prefix + secret) for each of the three byte alignments. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (let a = 0; a < 3; a++) {
    const enc = Buffer.concat([Buffer.alloc(a), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    // Characters touched by the unknown neighbours on either side are dropped.
    const head = a === 0 ? 0 : Math.ceil(((a + 1) * 4) / 3);
    const core = enc.slice(head, enc.length - 3);
    if (core.length >= 12) {
      out.push(core);
      out.push(core.replace(/\+/g, '-').replace(/\//g, '_')); // base64url
    }
  }
  return out;
}

/** Every form to search for; secrets shorter than 8 characters are ignored (too many accidental matches). */
export function secretForms(held: readonly string[]): SecretForm[] {
  const forms = new Map<string, SecretForm['kind']>();
  for (const s of held) {
    if (s.length < 8) continue;
    forms.set(s, 'held-secret');
    const hex = Buffer.from(s, 'utf8').toString('hex');
    for (const f of [...base64Cores(s), hex, hex.toUpperCase(), encodeURIComponent(s)]) {
      if (!forms.has(f)) forms.set(f, 'held-secret-encoded');
    }
  }
  return [...forms].map(([needle, kind]) => ({ needle, kind }));
}

/** Separators a model may put between the characters of a secret it spells out ("a-b-c", "a b c", "ab.cd"). */
const SEPARATOR = '(?:[\\s._/|,*+:-]{1,3})?';

const literal = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * One pattern for every held secret (8+ characters) spelled with separators between its characters, or
 * undefined when there is none; exact copies are matched by secretForms already.
 */
export function spelledSecretPattern(held: readonly string[]): RegExp | undefined {
  const alts = held.filter((s) => s.length >= 8).map((s) => Array.from(s, literal).join(SEPARATOR));
  return alts.length === 0 ? undefined : new RegExp(alts.join('|'), 'g');
}

/**
 * A pattern that matches, at the very end of a text, the first 4 or more characters of a held secret spelled
 * with separators (a stream may be spelling it out), or undefined when there is none.
 */
export function spelledPrefixPattern(held: readonly string[]): RegExp | undefined {
  const alts = held
    .filter((s) => s.length >= 8)
    .map((s) => {
      const cs = Array.from(s, literal);
      let tail = '';
      for (let k = cs.length - 2; k >= 4; k--) tail = `(?:${SEPARATOR}${cs[k]}${tail})?`;
      return `${cs.slice(0, 4).join(SEPARATOR)}${tail}${SEPARATOR}`;
    });
  return alts.length === 0 ? undefined : new RegExp(`(?:${alts.join('|')})$`);
}
