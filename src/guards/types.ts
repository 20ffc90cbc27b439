// What a guard type registers: its name, phases, option schema and factory.
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Phase } from '../core/decision.js';
import type { FailMode, Guard } from '../core/guard.js';
import type { GuardCpu } from './cpu.js';

/** Runtime facilities a guard factory may use; secrets live here, never in config. */
export interface GuardEnv {
  log: Logger;
  dataDir: string;
  /** Secret values Warden holds (upstream keys...), for exact-match leak checks. */
  secrets: readonly string[];
  /** Where detector work runs (inline, or the CPU pool above a size) and the per-principal CPU budget. */
  cpu?: GuardCpu;
}

export interface GuardInstanceSettings {
  id: string;
  phase: Phase;
  failMode: FailMode;
  deadlineMs?: number;
}

export interface GuardType<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly phases: readonly Phase[];
  readonly tags: readonly string[];
  readonly options: S;
  create(options: z.output<S>, settings: GuardInstanceSettings, env: GuardEnv): Guard;
}

export function defineGuardType<S extends z.ZodType>(t: GuardType<S>): GuardType<S> {
  return t;
}
