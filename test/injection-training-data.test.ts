// The repo-generated training data of the injection detector is deterministic and the npm text it reads is
// pinned: what makes `npm run train:injection` rebuild the same model on another machine.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../scripts/datasets.js';
import { ATTACK_ATOMS, multilingualAttackExamples } from '../scripts/multilingual-attacks.js';
import { BENIGN_SENTENCES, multilingualBenignRows } from '../scripts/multilingual-benign.js';
import { BENIGN_PACKAGES, pinnedPackages } from '../scripts/package-benign.js';
import { seededRandom } from '../src/detectors/injection/perturb.js';

describe('injection training data', () => {
  it('generates the same multilingual benign texts for a seed, drawn from many languages', () => {
    const a = multilingualBenignRows(seededRandom(21), 300);
    const b = multilingualBenignRows(seededRandom(21), 300);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, multilingualBenignRows(seededRandom(22), 300));
    const all = Object.values(BENIGN_SENTENCES).flat();
    const used = new Set(
      Object.keys(BENIGN_SENTENCES).filter((l) =>
        a.some((t) => BENIGN_SENTENCES[l]!.some((s) => t.includes(s))),
      ),
    );
    assert.ok(used.size >= 25, `only ${used.size} languages used`);
    assert.ok(a.every((t) => t.split('\n').join(' ').length > 0 && all.some((s) => t.includes(s))));
  });

  it('generates monolingual attacks labelled 1, deterministically', () => {
    const a = multilingualAttackExamples(seededRandom(5), 200);
    assert.deepEqual(a, multilingualAttackExamples(seededRandom(5), 200));
    assert.ok(a.every((e) => e.y === 1));
    for (const e of a) {
      const langs = Object.values(ATTACK_ATOMS).filter((l) => l.goals.some((g) => e.text.includes(g)));
      assert.ok(langs.length >= 1, 'every attack ends with a goal of its language');
    }
  });

  it('reads only packages whose installed version is the one package-lock.json pins', () => {
    const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    const pinned = pinnedPackages(repoRoot);
    assert.equal(pinned.length, BENIGN_PACKAGES.length);
    for (const [k, name] of BENIGN_PACKAGES.entries()) {
      assert.equal(pinned[k], `${name}@${lock.packages[`node_modules/${name}`]?.version}`);
    }
  });
});
