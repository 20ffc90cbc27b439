// The converter registry: pure text rewrites keyed by id, composable into chains like `base64+zero-width`.
import type { Converter, ConverterContext } from '../types.js';
import { encodingConverters } from './encoding.js';
import { llmConverters } from './llm.js';
import { structureConverters } from './structure.js';
import { unicodeConverters } from './unicode.js';

export const converters: ReadonlyMap<string, Converter> = new Map(
  [...encodingConverters, ...unicodeConverters, ...structureConverters, ...llmConverters].map((c) => [
    c.id,
    c,
  ]),
);

/** The identity chain: the attack as written. */
export const NO_CONVERSION: readonly string[] = [];

/** Parses `a,b+c` into chains [[a],[b,c]]; `none` is the identity chain. Throws on unknown ids. */
export function parseConverterChains(spec: string): string[][] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((chain) => {
      if (chain === 'none') return [];
      const ids = chain.split('+').map((s) => s.trim());
      for (const id of ids) if (!converters.has(id)) throw new Error(`unknown converter '${id}'`);
      return ids;
    });
}

/** Every offline converter alone, plus the identity chain; llm converters join when an attacker is given. */
export function defaultChains(withAttacker: boolean): string[][] {
  const ids = [...converters.values()].filter((c) => withAttacker || c.kind !== 'llm').map((c) => [c.id]);
  return [[], ...ids];
}

export function chainNeedsAttacker(chain: readonly string[]): boolean {
  return chain.some((id) => converters.get(id)?.kind === 'llm');
}

/** Applies a chain left to right. */
export async function applyChain(
  chain: readonly string[],
  text: string,
  ctx: ConverterContext,
): Promise<string> {
  let out = text;
  for (const id of chain) {
    const c = converters.get(id);
    if (!c) throw new Error(`unknown converter '${id}'`);
    out = await c.convert(out, ctx);
  }
  return out;
}

/** Synchronous variant for offline chains (throws if a chain contains an llm converter). */
export function applyChainSync(chain: readonly string[], text: string, ctx: ConverterContext): string {
  let out = text;
  for (const id of chain) {
    const c = converters.get(id);
    if (!c) throw new Error(`unknown converter '${id}'`);
    const r = c.convert(out, ctx);
    if (typeof r !== 'string') throw new Error(`converter '${id}' needs an attacker endpoint`);
    out = r;
  }
  return out;
}
