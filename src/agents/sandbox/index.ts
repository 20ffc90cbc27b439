// Sandboxed code execution for Warden: picks a backend and exposes the `run_code` tool executor other code calls.
import { z } from 'zod';
import { type BwrapOptions, BwrapSandbox } from './bwrap.js';
import { type RunscOptions, RunscSandbox } from './runsc.js';
import {
  type SandboxBackend,
  type SandboxLanguage,
  type SandboxRequest,
  type SandboxResult,
  sandboxCeilings,
  sandboxDefaults,
  sandboxLanguages,
} from './types.js';

export { type BwrapOptions, BwrapSandbox } from './bwrap.js';
export { type RunscOptions, RunscSandbox } from './runsc.js';
export * from './types.js';

export type SandboxBackendId = 'bwrap' | 'runsc';

export interface SandboxOptions {
  backend?: SandboxBackendId;
  bwrap?: BwrapOptions;
  runsc?: RunscOptions;
}

/** Builds the chosen backend (bubblewrap by default); throws SandboxUnavailableError with an install hint. */
export function createSandbox(options: SandboxOptions = {}): SandboxBackend {
  return options.backend === 'runsc' ? new RunscSandbox(options.runsc) : new BwrapSandbox(options.bwrap);
}

/** Fills defaults and clamps to the ceilings, so no caller can ask for an unbounded run. */
export function boundedRequest(
  req: Pick<SandboxRequest, 'lang' | 'code'> & Partial<Omit<SandboxRequest, 'lang' | 'code'>>,
): SandboxRequest {
  const clamp = (v: number | undefined, def: number, max: number) =>
    Math.max(1, Math.min(max, Math.floor(v ?? def)));
  return {
    lang: req.lang,
    code: req.code,
    ...(req.stdin === undefined ? {} : { stdin: req.stdin }),
    timeoutMs: clamp(req.timeoutMs, sandboxDefaults.timeoutMs, sandboxCeilings.timeoutMs),
    memoryMb: Math.max(32, clamp(req.memoryMb, sandboxDefaults.memoryMb, sandboxCeilings.memoryMb)),
    maxOutputBytes: clamp(req.maxOutputBytes, sandboxDefaults.maxOutputBytes, sandboxCeilings.maxOutputBytes),
  };
}

/** The `run_code` tool as an OpenAI function definition, for a gateway that executes it on the model's behalf. */
export const runCodeTool = {
  type: 'function',
  function: {
    name: 'run_code',
    description:
      'Run a short program in an isolated, network-less sandbox that is destroyed afterwards; returns its exit code and output.',
    parameters: {
      type: 'object',
      properties: {
        language: { type: 'string', enum: [...sandboxLanguages] },
        code: { type: 'string', description: 'The program text.' },
        stdin: { type: 'string', description: 'Optional standard input.' },
      },
      required: ['language', 'code'],
      additionalProperties: false,
    },
  },
} as const;

const runCodeArguments = z
  .object({
    language: z.enum(sandboxLanguages as [SandboxLanguage, ...SandboxLanguage[]]),
    code: z.string().min(1).max(sandboxCeilings.codeBytes),
    stdin: z.string().max(sandboxCeilings.stdinBytes).optional(),
  })
  .strict();

export type RunCodeOutcome =
  | { status: 'ran'; result: SandboxResult }
  | { status: 'rejected'; reason: 'invalid-arguments'; issues: string[] };

export interface RunCodeLimits {
  timeoutMs?: number;
  memoryMb?: number;
  maxOutputBytes?: number;
}

/** Returns an executor for `run_code` tool calls: validates the model's JSON arguments, then runs them sandboxed. */
export function createRunCodeExecutor(sandbox: SandboxBackend, limits: RunCodeLimits = {}) {
  return async (argumentsJson: string, signal?: AbortSignal): Promise<RunCodeOutcome> => {
    let raw: unknown;
    try {
      raw = JSON.parse(argumentsJson);
    } catch {
      return { status: 'rejected', reason: 'invalid-arguments', issues: ['arguments are not valid JSON'] };
    }
    const parsed = runCodeArguments.safeParse(raw);
    if (!parsed.success) {
      // Issue paths and messages only: never echo the program text back into logs.
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      return { status: 'rejected', reason: 'invalid-arguments', issues };
    }
    const req = boundedRequest({
      lang: parsed.data.language,
      code: parsed.data.code,
      ...(parsed.data.stdin === undefined ? {} : { stdin: parsed.data.stdin }),
      ...limits,
    });
    return { status: 'ran', result: await sandbox.run(req, signal) };
  };
}

/** The tool-result message content a model receives (program output is untrusted text for the next turn). */
export function runCodeResultContent(outcome: RunCodeOutcome): string {
  if (outcome.status === 'rejected')
    return JSON.stringify({ error: 'invalid arguments', issues: outcome.issues });
  const r = outcome.result;
  return JSON.stringify({
    exit_code: r.exitCode,
    stdout: r.stdout,
    stderr: r.stderr,
    timed_out: r.timedOut,
    output_truncated: r.outputTruncated,
    ...(r.killedBy ? { killed_by: r.killedBy } : {}),
  });
}
