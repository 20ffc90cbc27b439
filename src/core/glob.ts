// Glob patterns (`*`, `?`) for model names, compiled once to anchored regular expressions.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const body = glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`);
    if (cache.size < 10_000) cache.set(glob, re);
  }
  return re;
}

export function matchesAny(patterns: readonly string[], value: string): boolean {
  for (const p of patterns) if (globToRegExp(p).test(value)) return true;
  return false;
}
