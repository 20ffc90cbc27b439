// Detection on the DEV-EVAL attack files before and after a text perturbation attack, for the model
// trained with adversarial training (augmentation + FGSM) and the one trained without it.
import { resolve } from 'node:path';
import { EVAL_FILES, evalRows, repoRoot } from '../scripts/datasets.js';
import { detectInjection } from '../src/detectors/injection/detector.js';
import { loadInjectionModel } from '../src/detectors/injection/model.js';
import { perturbationAttack, seededRandom } from '../src/detectors/injection/perturb.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return resolve(repoRoot, i >= 0 ? process.argv[i + 1]! : dflt);
};
const models = {
  adversarial: loadInjectionModel(arg('--model', 'models/injection-v1.json')),
  baseline: loadInjectionModel(arg('--baseline', 'models/injection-v1-noadv.json')),
};
const RATE = 0.3;
const results: Record<string, { clean: number; attacked: number; drop: number }> = {};
const perFile: Record<string, Record<string, { clean: number; attacked: number }>> = {};
for (const [name, model] of Object.entries(models)) {
  let clean = 0;
  let attacked = 0;
  let files = 0;
  perFile[name] = {};
  for (const f of EVAL_FILES.filter((e) => e.kind === 'attack')) {
    const rows = evalRows(f);
    const rnd = seededRandom(2024);
    let c = 0;
    let a = 0;
    for (const r of rows) {
      if (detectInjection(r.text, { model }).flagged) c++;
      if (detectInjection(perturbationAttack(r.text, rnd, RATE), { model }).flagged) a++;
    }
    perFile[name]![f.name] = { clean: c / rows.length, attacked: a / rows.length };
    clean += c / rows.length;
    attacked += a / rows.length;
    files++;
  }
  results[name] = { clean: clean / files, attacked: attacked / files, drop: (clean - attacked) / files };
}
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
console.log('| model | clean detection | after perturbation attack | drop (points) |');
console.log('|---|---:|---:|---:|');
for (const [name, r] of Object.entries(results)) {
  console.log(`| ${name} | ${pct(r.clean)} | ${pct(r.attacked)} | ${(r.drop * 100).toFixed(1)} |`);
}
console.log(JSON.stringify({ attack: `two random perturbations per text, rate ${RATE}`, results, perFile }));
