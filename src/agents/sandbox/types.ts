// The sandbox contract: one request in, one result out, whatever isolation backend runs the code.

export type SandboxLanguage = 'python' | 'node' | 'bash';
export const sandboxLanguages: readonly SandboxLanguage[] = ['python', 'node', 'bash'];

export interface SandboxRequest {
  lang: SandboxLanguage;
  /** Program text; written into the sandbox as a file, never passed on a command line. */
  code: string;
  /** Bytes fed to the program's stdin (closed at once when absent). */
  stdin?: string | Uint8Array;
  /** Wall-clock limit; the whole process tree is killed when it passes. */
  timeoutMs: number;
  /** Memory limit for the sandbox (cgroup when available, and RLIMIT_AS). */
  memoryMb: number;
  /** Cap on stdout + stderr together; the program is killed when it is reached. */
  maxOutputBytes: number;
}

/** Why Warden ended the program itself (absent when it exited on its own or died of its own signal). */
export type SandboxKill = 'timeout' | 'output-cap' | 'memory-limit';

export interface SandboxResult {
  /** The program's exit code; 128 + signal number when it died of a signal. */
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  outputTruncated: boolean;
  killedBy?: SandboxKill;
  durationMs: number;
}

export interface SandboxBackend {
  /** Literal backend id, e.g. 'bwrap' or 'runsc'. */
  readonly id: string;
  run(request: SandboxRequest, signal?: AbortSignal): Promise<SandboxResult>;
}

export const sandboxDefaults = {
  timeoutMs: 5_000,
  memoryMb: 256,
  maxOutputBytes: 64 * 1024,
} as const;

/** Hard ceilings a caller cannot raise (the CLI and tool executor clamp to these). */
export const sandboxCeilings = {
  timeoutMs: 60_000,
  memoryMb: 4_096,
  maxOutputBytes: 4 * 1024 * 1024,
  codeBytes: 1024 * 1024,
  stdinBytes: 4 * 1024 * 1024,
} as const;

/** Thrown when no isolation backend can run here; the message says what to install. */
export class SandboxUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxUnavailableError';
  }
}
