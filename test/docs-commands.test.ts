// The docs check: every `warden <command> [<sub>]` that README.md and docs/ show exists in the CLI (its --help answers).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** README.md and docs/**.md, without docs/decisions (dated records of what was decided, not instructions). */
function docFiles(): string[] {
  const out = [join(ROOT, 'README.md')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'decisions') walk(p);
      } else if (name.endsWith('.md')) out.push(p);
    }
  };
  walk(join(ROOT, 'docs'));
  return out;
}

/** The code in a markdown file: fenced blocks and inline spans, where commands are shown. */
function codeOf(markdown: string): string[] {
  const fenced = [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '');
  const inline = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  return [...fenced, ...inline];
}

/** Distinct `warden WORD [WORD]` invocations, keyed by file for the failure message. */
export function shownCommands(files: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files)
    for (const code of codeOf(readFileSync(file, 'utf8')))
      for (const m of code.matchAll(/(?:^|[\s(;&|$])(?:npx )?warden ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g)) {
        const words = [m[1]!, ...(m[2] ? [m[2]] : [])].join(' ');
        if (!found.has(words)) found.set(words, file.slice(ROOT.length));
      }
  return found;
}

/** Runs `warden ...words --help` in-process and returns what it printed and its exit code. */
async function help(words: readonly string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const errWrite = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'warden', ...words, '--help']);
    return { code, out: out.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = errWrite;
  }
}

/** A command exists when its --help succeeds and names exactly that command path in its usage line. */
async function exists(words: readonly string[]): Promise<boolean> {
  const { code, out } = await help(words);
  return code === 0 && new RegExp(`^Usage: warden ${words.join(' ')} `, 'm').test(out);
}

/** Whether a command takes subcommands (so a second word must be one) or arguments. */
async function hasSubcommands(command: string): Promise<boolean> {
  return /^Commands:/m.test((await help([command])).out);
}

describe('docs show only commands that exist', () => {
  it('every `warden <command> [<sub>]` in README.md and docs/ answers --help', async () => {
    const shown = shownCommands(docFiles());
    assert.ok(shown.size >= 10, `found only ${shown.size} commands in the docs`);
    const missing: string[] = [];
    const checked = new Set<string>();
    for (const [words, file] of shown) {
      const [command, sub] = words.split(' ') as [string, string | undefined];
      const path = sub && (await hasSubcommands(command)) ? [command, sub] : [command];
      const key = path.join(' ');
      if (checked.has(key)) continue;
      checked.add(key);
      if (!(await exists(path))) missing.push(`warden ${key} (${file})`);
    }
    assert.deepEqual(
      missing,
      [],
      `commands shown in the docs that the CLI does not have:\n${missing.join('\n')}`,
    );
    assert.ok(checked.has('extraction report') && checked.has('scan'));
  });

  it('the check rejects a command or subcommand that does not exist', async () => {
    assert.equal(await exists(['no-such-command']), false);
    assert.equal(await hasSubcommands('keys'), true);
    assert.equal(await exists(['keys', 'no-such-sub']), false);
    assert.equal(await exists(['keys', 'create']), true);
  });
});
