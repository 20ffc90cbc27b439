// Benign technical English and code for training, read from a fixed list of pure-JS npm packages whose
// versions are pinned in package-lock.json (reproducible after `npm ci`). Nothing else on the build machine
// is read; a version mismatch stops training so a drifted node_modules cannot silently change the model.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../src/detectors/injection/perturb.js';

/** The only packages read; none is platform-specific, none is a comparison detector. */
export const BENIGN_PACKAGES = [
  '@modelcontextprotocol/sdk',
  '@types/node',
  'ajv',
  'commander',
  'express',
  'fast-check',
  'hono',
  'ioredis',
  'jose',
  'openai',
  'pg',
  'pino',
  'prom-client',
  'undici',
  'yaml',
  'zod',
] as const;

const TEXT_FILE = /\.(md|js|mjs|cjs|ts|mts|cts)$/;

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules') continue; // nested dependencies are not in the list
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (TEXT_FILE.test(name) && !name.endsWith('.min.js')) out.push(p);
  }
  return out;
}

/** `name@version` of every package read, checked against package-lock.json. */
export function pinnedPackages(root: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  return BENIGN_PACKAGES.map((name) => {
    const locked = lock.packages[`node_modules/${name}`]?.version;
    const installed = (
      JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
        version?: string;
      }
    ).version;
    if (!locked || locked !== installed) {
      throw new Error(
        `${name}: installed ${installed ?? 'none'} but package-lock pins ${locked ?? 'none'}; run npm ci`,
      );
    }
    return `${name}@${locked}`;
  });
}

/** `max` chunks (200-1,400 chars) of README prose and source from the listed packages, seeded. */
export function packageTextChunks(root: string, max = 3000): string[] {
  pinnedPackages(root);
  const files = BENIGN_PACKAGES.flatMap((name) => walk(join(root, 'node_modules', name), []));
  const rnd = seededRandom(9);
  const out: string[] = [];
  for (let tries = 0; out.length < max && tries < max * 4 && files.length > 0; tries++) {
    const f = files[Math.floor(rnd() * files.length)]!;
    const text = readFileSync(f, 'utf8');
    if (text.length < 200) continue;
    const len = 200 + Math.floor(rnd() * 1200);
    const start = Math.floor(rnd() * Math.max(1, text.length - len));
    out.push(text.slice(start, start + len));
  }
  return out;
}
