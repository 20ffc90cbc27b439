// Loads benign text for output-guard evaluations: dataset rows labelled benign, and code-heavy text from this repo.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Doc {
  source: string;
  text: string;
}

export function datasetsDir(): string {
  const dir = process.env.WARDEN_DATASETS ?? path.resolve(repoRoot, '../shared/datasets');
  if (!existsSync(dir)) {
    throw new Error(
      `datasets directory not found: ${dir} (set WARDEN_DATASETS to the shared datasets folder)`,
    );
  }
  return dir;
}

/** Every row labelled benign, except the harmful-but-not-attack files (not clean text). */
export function benignDatasetDocs(dir = datasetsDir()): Doc[] {
  const docs: Doc[] = [];
  for (const folder of readdirSync(dir).sort()) {
    const sub = path.join(dir, folder);
    if (!statSync(sub).isDirectory()) continue;
    for (const file of readdirSync(sub).sort()) {
      if (!file.endsWith('.jsonl') || file.endsWith('_harmful_not_attack.jsonl')) continue;
      for (const line of readFileSync(path.join(sub, file), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const row = JSON.parse(line) as { text?: unknown; label?: unknown };
        if (row.label === 'benign' && typeof row.text === 'string')
          docs.push({ source: `${folder}/${file}`, text: row.text });
      }
    }
  }
  return docs;
}

function walk(dir: string, keep: (f: string) => boolean, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, keep, out);
    else if (keep(p)) out.push(p);
  }
  return out;
}

/** Code-heavy text: this repo's TypeScript sources (tests excluded: they plant secrets) and package READMEs. */
export function codeDocs(maxReadmes = 400): Doc[] {
  const docs: Doc[] = [];
  const sources = walk(path.join(repoRoot, 'src'), (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'), []);
  for (const f of sources) docs.push({ source: 'repo/src/*.ts', text: readFileSync(f, 'utf8') });
  const nm = path.join(repoRoot, 'node_modules');
  const readmes: string[] = [];
  for (const name of readdirSync(nm).sort()) {
    const dirs = name.startsWith('@')
      ? readdirSync(path.join(nm, name)).map((n) => path.join(name, n))
      : [name];
    for (const d of dirs) {
      for (const r of ['README.md', 'readme.md', 'Readme.md']) {
        const p = path.join(nm, d, r);
        if (existsSync(p)) {
          readmes.push(p);
          break;
        }
      }
    }
  }
  for (const f of readmes.slice(0, maxReadmes))
    docs.push({ source: 'node_modules/*/README.md', text: readFileSync(f, 'utf8') });
  return docs;
}
