// Reads the frozen blind set (eval/blind/a and eval/blind/b) in code only: rows are scored, never printed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { repoRoot } from './datasets.js';

export const ATTACK_FAMILIES = [
  'instruction-override',
  'fake-notice-role-spoof',
  'system-prompt-extraction',
  'exfiltration',
  'tool-hijack',
  'jailbreak-framing',
  'multilingual',
  'obfuscation-encoding',
  'unicode-smuggling',
  'indirect-document',
] as const;

export const BENIGN_FAMILIES = [
  'hn-security-education',
  'hn-code-sensitive-words',
  'hn-ignore-error',
  'hn-legit-encoding',
  'hn-roleplay-fiction',
  'hn-translation',
  'hn-customer-correction',
  'hn-doc-with-ai-note',
  'hn-legit-unicode',
  'hn-ordinary-chat',
  'hn-system-prompt',
] as const;

export const blindRowSchema = z
  .object({
    id: z.string().min(1),
    text: z.string().min(1),
    label: z.enum(['attack', 'benign']),
    family: z.string(),
    carrier: z.string(),
    lang: z.string(),
    indirect: z.boolean(),
    task: z.string().optional(),
    author: z.enum(['a', 'b']),
  })
  .refine(
    (r) =>
      r.label === 'attack'
        ? (ATTACK_FAMILIES as readonly string[]).includes(r.family)
        : (BENIGN_FAMILIES as readonly string[]).includes(r.family),
    { message: 'family does not match the label' },
  )
  .refine((r) => !r.indirect || (r.task?.length ?? 0) > 0, { message: 'indirect row without a task' });

export type BlindRow = z.infer<typeof blindRowSchema>;

export const BLIND_DIR = join(repoRoot, 'eval/blind');

/** The JSONL files of the blind set, relative to eval/blind. */
export function blindFiles(dir = BLIND_DIR): string[] {
  const out: string[] = [];
  for (const f of ['a/attacks.jsonl', 'a/benign.jsonl']) if (existsSync(join(dir, f))) out.push(f);
  for (const sub of ['b/attack', 'b/benign']) {
    if (!existsSync(join(dir, sub))) continue;
    for (const f of readdirSync(join(dir, sub)).sort()) if (f.endsWith('.jsonl')) out.push(`${sub}/${f}`);
  }
  return out;
}

/** Every row of the blind set, validated; throws naming the file and line (never the text) on a bad row. */
export function blindRows(dir = BLIND_DIR): BlindRow[] {
  const rows: BlindRow[] = [];
  for (const f of blindFiles(dir)) {
    const lines = readFileSync(join(dir, f), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = blindRowSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(`${f}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid row'}`);
      rows.push(parsed.data);
    });
  }
  return rows;
}
