// `warden sandbox run`: runs a program in a fresh isolated sandbox and exits with the program's exit code.
import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  boundedRequest,
  createSandbox,
  type SandboxBackendId,
  type SandboxLanguage,
  type SandboxOptions,
  SandboxUnavailableError,
  sandboxLanguages,
} from '../agents/sandbox/index.js';

/** Exit code when the sandbox itself could not run (as docker run uses 125), distinct from the program's codes. */
export const SANDBOX_UNAVAILABLE_EXIT = 125;

export interface RunOptions {
  lang: SandboxLanguage;
  code?: string;
  file?: string;
  timeoutMs?: number;
  memoryMb?: number;
  maxOutputBytes?: number;
  stdin?: boolean;
  backend: SandboxBackendId;
}

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
};

export function registerSandbox(program: Command, done: (p: Promise<number>) => void): void {
  const sandbox = program
    .command('sandbox')
    .description('Run code in an isolated, network-less, one-shot sandbox');
  sandbox
    .command('run')
    .description("Run a program in a fresh sandbox; prints its output and exits with the program's exit code")
    .addOption(new Option('--lang <lang>', 'language').choices([...sandboxLanguages]).makeOptionMandatory())
    .addOption(new Option('--code <code>', 'program text').conflicts('file'))
    .option('--file <path>', 'read the program from a file')
    .option('--timeout-ms <n>', 'wall-clock limit (default 5000, max 60000)', positiveInt)
    .option('--memory-mb <n>', 'memory limit (default 256)', positiveInt)
    .option('--max-output-bytes <n>', 'cap on stdout + stderr (default 65536)', positiveInt)
    .option('--stdin', "feed this command's standard input to the program")
    .addOption(new Option('--backend <id>', 'isolation backend').choices(['bwrap', 'runsc']).default('bwrap'))
    .action((opts: RunOptions) => done(runSandbox(opts)));
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function runSandbox(opts: RunOptions, sandboxOptions: SandboxOptions = {}): Promise<number> {
  if ((opts.code === undefined) === (opts.file === undefined)) {
    process.stderr.write('warden sandbox run: give exactly one of --code or --file\n');
    return 2;
  }
  const code = opts.code ?? readFileSync(opts.file!, 'utf8');
  let backend: ReturnType<typeof createSandbox>;
  try {
    backend = createSandbox({ ...sandboxOptions, backend: opts.backend });
  } catch (err) {
    if (err instanceof SandboxUnavailableError) {
      process.stderr.write(`warden sandbox run: ${err.message}\n`);
      return SANDBOX_UNAVAILABLE_EXIT;
    }
    throw err;
  }
  const req = boundedRequest({
    lang: opts.lang,
    code,
    ...(opts.stdin ? { stdin: await readStdin() } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.memoryMb ? { memoryMb: opts.memoryMb } : {}),
    ...(opts.maxOutputBytes ? { maxOutputBytes: opts.maxOutputBytes } : {}),
  });
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const r = await backend.run(req, ac.signal);
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    if (r.killedBy === 'timeout')
      process.stderr.write(`warden sandbox: killed after ${req.timeoutMs} ms (timeout)\n`);
    if (r.killedBy === 'memory-limit')
      process.stderr.write(`warden sandbox: killed at the ${req.memoryMb} MiB memory limit\n`);
    if (r.outputTruncated)
      process.stderr.write(`warden sandbox: output cut at ${req.maxOutputBytes} bytes\n`);
    return r.exitCode;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
