// The forms a held secret may take when a model re-encodes it: base64 (any byte alignment), hex, URL-encoding.

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
