// Shared types of the extraction monitor: what the gateway reports per request, and the verdicts it gets.
import type { SignalName, SignalValues } from './signals.js';

/** One request as the gateway reports it after the response (never blocking the request). */
export interface ExtractionObservation {
  principal: string;
  tenant?: string;
  /** The user-visible query text; used only in memory to embed, never stored or logged. */
  text: string;
  /** Epoch milliseconds. */
  ts: number;
  promptTokens?: number;
  completionTokens?: number;
  usesLogprobs?: boolean;
  usesLogitBias?: boolean;
  /** Conversation continuity (shape.ts FOLLOW_UP): 0 single-turn, 1 carries assistant turns, 2 refers to them. */
  followUp?: number;
  /** Harvesting settings (shape.ts HARVEST bits: temperature 0, n > 1, seed, max_tokens at the limit). */
  harvest?: number;
}

export type ExtractionAction = 'none' | 'log' | 'alert' | 'throttle' | 'ban';

/** The outcome of one checkpoint for one subject (a key, or a tenant as `tenant:<id>`). */
export interface ExtractionVerdict {
  principal: string;
  scope: 'key' | 'tenant';
  /** Raw query count at the checkpoint (50 * 2^j). */
  n: number;
  ts: number;
  /** 1 - combined p: a suspicion score in 0..1. */
  score: number;
  signals: SignalValues;
  pValues: Record<SignalName, number>;
  /** Tippett min-p with the Sidak correction over all signals. */
  combinedP: number;
  /** The signal with the smallest p-value. */
  strongest: SignalName;
  action: ExtractionAction;
  /** The calibration used (embedder id). */
  calibration: string;
}
