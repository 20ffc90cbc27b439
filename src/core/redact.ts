// Turns sensitive text into short excerpts that are safe for logs, audit records, errors and reports.

const DEFAULT_MAX = 80;

/**
 * A redacted excerpt: keeps the first and last few characters of each word-like token longer than 4,
 * masks the rest, and truncates. Enough for a human to recognise a case, never enough to replay it.
 */
export function redactExcerpt(text: string, max = DEFAULT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const clipped = flat.length > max ? `${flat.slice(0, max)}…` : flat;
  return clipped.replace(
    /[^\s]{5,}/g,
    (w) => `${w.slice(0, 2)}${'*'.repeat(Math.min(w.length - 3, 8))}${w.slice(-1)}`,
  );
}

/** A fixed mask for a secret value: shows only its kind and length. */
export function maskSecret(kind: string, value: string): string {
  return `[${kind}:${value.length} chars]`;
}

/** Removes every occurrence of the given secret values from a string (for log lines built from upstream text). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join('[REDACTED]');
  }
  return out;
}
