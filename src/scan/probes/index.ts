// The probe registry and case generation: probes x seeds x converter chains -> attack cases with unique canaries.
import { createHash } from 'node:crypto';
import { applyChain, applyChainSync, chainNeedsAttacker } from '../converters/index.js';
import type { AttackCase, CaseSeed, Conversation, ConverterContext, Plant, ProbeFamily } from '../types.js';
import { agencyProbes } from './agency.js';
import { exfiltrationProbes } from './exfiltration.js';
import { CANARY } from './frames.js';
import { indirectProbes } from './indirect.js';
import { injectionProbes } from './injection.js';
import { jailbreakProbes } from './jailbreak.js';
import { leakageProbes } from './leakage.js';
import { outputProbes } from './output.js';

export const probes: ReadonlyMap<string, ProbeFamily> = new Map(
  [
    ...injectionProbes,
    ...indirectProbes,
    ...leakageProbes,
    ...jailbreakProbes,
    ...agencyProbes,
    ...exfiltrationProbes,
    ...outputProbes,
  ].map((p) => [p.id, p]),
);

/** Selects probes by id or category (comma list); `all` or empty selects every probe. */
export function selectProbes(spec?: string): ProbeFamily[] {
  if (!spec || spec === 'all') return [...probes.values()];
  const wanted = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: ProbeFamily[] = [];
  for (const w of wanted) {
    const hits = [...probes.values()].filter((p) => p.id === w || p.category === w);
    if (hits.length === 0) throw new Error(`unknown probe or category '${w}'`);
    for (const h of hits) if (!out.includes(h)) out.push(h);
  }
  return out;
}

// Consonants only: leetspeak and homoglyph converters leave most of the token intact, and it reads as no word.
const CANARY_ALPHABET = 'BCDFGHJKLMNPQRVWXZ';

/** A deterministic, case-unique canary token such as `ZQ-KRVMXBLN`. */
export function canaryFor(caseId: string): string {
  const digest = createHash('sha256').update(caseId).digest();
  let token = '';
  for (let i = 0; i < 8; i++) token += CANARY_ALPHABET[digest[i]! % CANARY_ALPHABET.length];
  return `ZQ${token}`;
}

export function seedNumber(caseId: string): number {
  return createHash('sha256').update(`seed:${caseId}`).digest().readUInt32LE(0);
}

export interface CaseRef {
  probe: ProbeFamily;
  seed: CaseSeed;
  chain: readonly string[];
  id: string;
}

/** Lazily lists every (probe, seed, chain) combination; ids are stable across runs (resume relies on it). */
export function* caseRefs(
  selected: readonly ProbeFamily[],
  chains: readonly (readonly string[])[],
): Generator<CaseRef> {
  for (const probe of selected) {
    for (const seed of probe.seeds()) {
      for (const chain of chains) {
        const id = `${probe.id}/${seed.variant}/${chain.length === 0 ? 'none' : chain.join('+')}`;
        yield { probe, seed, chain, id };
      }
    }
  }
}

function substitute(conv: Conversation, canary: string): Conversation {
  const fix = (s: string | null) => (s === null ? s : s.split(CANARY).join(canary));
  return {
    ...conv,
    messages: conv.messages.map((m) => ({ ...m, content: fix(m.content) })),
  };
}

function finish(ref: CaseRef, canary: string, converted: string): AttackCase {
  const plant: Plant = { ...ref.seed.plant, canary };
  return {
    id: ref.id,
    probeId: ref.probe.id,
    category: ref.probe.category,
    goal: ref.probe.goal,
    tags: ref.probe.tags,
    detectors: ref.probe.detectors,
    scoring: ref.probe.scoring,
    converters: ref.chain,
    conversation: substitute(ref.seed.frame(converted), canary),
    plant,
  };
}

/** Builds the case for a reference (async: llm converters call the attacker). */
export async function materialize(
  ref: CaseRef,
  ctx: Omit<ConverterContext, 'seed'> = {},
): Promise<AttackCase> {
  const canary = canaryFor(ref.id);
  const attack = ref.seed.attack.split(CANARY).join(canary);
  const converted = await applyChain(ref.chain, attack, { ...ctx, seed: seedNumber(ref.id) });
  return finish(ref, canary, converted);
}

/** Builds an offline case synchronously. */
export function materializeSync(ref: CaseRef): AttackCase {
  if (chainNeedsAttacker(ref.chain)) throw new Error(`case ${ref.id} needs an attacker endpoint`);
  const canary = canaryFor(ref.id);
  const attack = ref.seed.attack.split(CANARY).join(canary);
  return finish(ref, canary, applyChainSync(ref.chain, attack, { seed: seedNumber(ref.id) }));
}
