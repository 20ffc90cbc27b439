// Conformance of every registered guard type (src/guards/registry.ts) to the Guard contract STYLE.md asks for:
// a literal name and OWASP tags, options validated once (unknown ones refused with a clear error), instances
// that carry their id, phase, failMode and tags, refusal of a phase the type does not declare, and a guard that
// throws fails closed (or open only when configured so) through the real pipeline.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import { ConfigError } from '../src/config/load.js';
import type { GuardEntry } from '../src/config/schema.js';
import type { GuardContext } from '../src/core/context.js';
import type { Decision, Phase } from '../src/core/decision.js';
import type { Guard } from '../src/core/guard.js';
import { GuardPipeline } from '../src/core/pipeline.js';
import { buildGuard, guardTypes, listGuardTypes } from '../src/guards/registry.js';
import type { GuardEnv } from '../src/guards/types.js';
import { tempDir } from './helpers.js';

const PHASES: readonly Phase[] = ['request', 'response', 'toolCall'];

/** The least options a type needs to build; every other type builds from `{}` (checked below). */
const REQUIRED_OPTIONS: Record<string, Record<string, unknown>> = {
  pattern: { patterns: [{ name: 'marker', regex: 'forbidden-marker' }] },
  // Loopback port 9 (discard) is closed here: nothing is ever reached.
  judge: { kind: 'moderations', url: 'http://127.0.0.1:9/v1/moderations' },
};

const dataDir = tempDir('warden-conformance-');
const env: GuardEnv = { log: pino({ level: 'silent' }), dataDir, secrets: [] };
const built: Guard[] = [];

function build(
  use: string,
  phase: Phase,
  extra: Partial<GuardEntry> = {},
  options?: Record<string, unknown>,
) {
  const entry = { use, options: options ?? REQUIRED_OPTIONS[use] ?? {}, ...extra } as GuardEntry;
  const g = buildGuard(entry, phase, env, `guards.${phase}[0]`);
  built.push(g);
  return g;
}

/** A context every read of which throws: whatever the guard looks at, its check throws. */
const hostile = new Proxy({} as GuardContext, {
  get() {
    throw new Error('hostile context');
  },
});

async function runAlone(guard: Guard, phase: Phase, ctx: GuardContext): Promise<Decision> {
  // A generous deadline: the outcome must come from the throw, never from a timer.
  const pipeline = new GuardPipeline([guard], { defaultDeadlineMs: 120_000, log: env.log });
  const out = await pipeline.run(phase, ctx);
  assert.equal(out.decisions.length, 1, 'one decision for the one guard');
  return out.decisions[0]!;
}

after(async () => {
  await Promise.all(built.map((g) => g.close?.()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('every registered guard type', () => {
  it('the registry lists them all, keyed by their own literal name', () => {
    const types = listGuardTypes();
    assert.ok(types.length >= 10, `guard types: ${types.length}`);
    for (const [key, t] of Object.entries(guardTypes)) assert.equal(t.name, key);
  });

  for (const t of listGuardTypes()) {
    describe(t.name, () => {
      it('has a literal name, a description, known phases and OWASP LLM Top 10 tags', () => {
        assert.match(t.name, /^[a-z][a-z0-9-]*$/);
        assert.ok(t.description.trim().length > 10, 'a description');
        assert.ok(t.phases.length > 0 && t.phases.every((p) => PHASES.includes(p)), `${t.phases}`);
        assert.ok(t.tags.length > 0, 'at least one tag');
        for (const tag of t.tags) assert.match(tag, /^LLM(0[1-9]|10)$/);
      });

      it('validates its options: the least set builds, an unknown option is refused by name', () => {
        const least = REQUIRED_OPTIONS[t.name] ?? {};
        assert.ok(t.options.safeParse(least).success, 'the least options parse');
        if (REQUIRED_OPTIONS[t.name])
          assert.ok(!t.options.safeParse({}).success, 'required options are required');
        const phase = t.phases[0]!;
        assert.throws(
          () => build(t.name, phase, {}, { ...least, noSuchOption: 1 }),
          (err: unknown) =>
            err instanceof ConfigError &&
            err.message.includes(`guards.${phase}[0].options`) &&
            err.message.includes('noSuchOption'),
        );
      });

      it('builds in each phase it declares with its id, phase, failMode and tags; refuses the others', () => {
        for (const phase of PHASES) {
          if (!t.phases.includes(phase)) {
            assert.throws(
              () => build(t.name, phase),
              (err: unknown) =>
                err instanceof ConfigError && err.message.includes(`cannot run in the ${phase} phase`),
            );
            continue;
          }
          const g = build(t.name, phase);
          assert.equal(g.id, phase === 'request' ? t.name : `${t.name}-${phase}`);
          assert.equal(g.phase, phase);
          assert.equal(g.failMode, 'closed', 'closed by default');
          // An instance may tag by phase (pattern on requests is LLM01): OWASP ids all the same.
          assert.ok(g.tags.length > 0 && g.tags.every((tag) => /^LLM(0[1-9]|10)$/.test(tag)), `${g.tags}`);
          assert.equal(typeof g.check, 'function');
          const named = build(t.name, phase, { id: `conformance-${t.name}`, failMode: 'open' });
          assert.equal(named.id, `conformance-${t.name}`);
          assert.equal(named.failMode, 'open');
        }
      });

      it('fails closed when its check throws, and open only when configured so', async () => {
        for (const phase of t.phases) {
          const closed = await runAlone(build(t.name, phase), phase, hostile);
          assert.equal(closed.status, 'error', `${phase}: the throw is recorded as an error`);
          assert.equal(closed.action, 'block', `${phase}: and blocks`);
          assert.equal(closed.action === 'block' && closed.code, 'WARDEN_GUARD_ERROR');
          assert.ok(!JSON.stringify(closed).includes('hostile context'), 'the error message is not echoed');
          const open = await runAlone(build(t.name, phase, { failMode: 'open' }), phase, hostile);
          assert.equal(open.status, 'error');
          assert.equal(open.action, 'allow');
        }
      });
    });
  }
});
