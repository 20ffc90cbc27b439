// The attempt log: one JSON line per attempt, appended as the scan runs, read back to resume.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Attempt } from '../types.js';

/** Reads every complete attempt line; a torn last line (interrupted write) is ignored. */
export function readAttemptLog(file: string): Attempt[] {
  if (!existsSync(file)) return [];
  const out: Attempt[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const a = JSON.parse(line) as Attempt;
      if (typeof a.caseId === 'string' && typeof a.outcome === 'string') out.push(a);
    } catch {
      // torn line from an interrupted run: the case will simply be run again
    }
  }
  return out;
}

/** Appends synchronously so that an interrupted scan loses at most the attempt being written. */
export function attemptLog(file: string, opts: { append: boolean }): (a: Attempt) => void {
  if (opts.append && existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    if (text.length > 0 && !text.endsWith('\n')) appendFileSync(file, '\n');
  } else {
    appendFileSync(file, '', { flag: 'w' });
  }
  return (a) => appendFileSync(file, `${JSON.stringify(a)}\n`);
}
