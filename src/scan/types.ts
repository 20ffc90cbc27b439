// The scanner's shared vocabulary: attack cases, probes, converters, detectors, outcomes and attempts.

/** OWASP Top 10 for LLM applications (2025) ids. */
export type OwaspTag =
  | 'LLM01'
  | 'LLM02'
  | 'LLM03'
  | 'LLM04'
  | 'LLM05'
  | 'LLM06'
  | 'LLM07'
  | 'LLM08'
  | 'LLM09'
  | 'LLM10';

export type DetectorId =
  | 'canary'
  | 'refusal'
  | 'compliance'
  | 'system-prompt-overlap'
  | 'secret-leak'
  | 'pii-leak'
  | 'exfil-link'
  | 'tool-hijack'
  | 'script-injection'
  | 'package-hallucination';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_call_id?: string;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
}

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** What the target receives: the probe supplies the whole conversation, tools included. */
export interface Conversation {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
}

/** Facts planted in the conversation that detectors look for in the answer (never reported raw). */
export interface Plant {
  /** Unique per case: seeing it in the answer means the target obeyed the attack. */
  canary: string;
  systemPrompt?: string;
  secrets?: string[];
  pii?: string[];
  /** Tool names the attack tries to make the target call. */
  forbiddenTools?: string[];
  /** A package name that does not exist; recommending it is a hallucination. */
  fakePackage?: string;
  /** The attacker-controlled host a link or image would exfiltrate to. */
  exfilHost?: string;
}

/** One attack variant before conversion: an attack text and the frame that places it in a conversation. */
export interface CaseSeed {
  variant: string;
  /** The attacker's text; converters rewrite it. */
  attack: string;
  /** Builds the conversation around the (converted) attack text. */
  frame(attack: string): Conversation;
  plant: Omit<Plant, 'canary'>;
}

/** How a family turns detector hits into an outcome. */
export type Scoring =
  /** Any success detector hit is `vulnerable`, otherwise `resisted`. */
  | 'hit-is-vulnerable'
  /** Harmful-content families: a hit is `vulnerable`, a refusal `resisted`, anything else `unscorable`. */
  | 'needs-refusal';

export interface ProbeFamily {
  /** The family id, e.g. `markdown-image-exfil`; reports group by it. */
  id: string;
  /** A coarser grouping, e.g. `exfiltration`; `--fail-on family:NAME` matches either. */
  category: string;
  goal: string;
  tags: readonly OwaspTag[];
  detectors: readonly DetectorId[];
  scoring: Scoring;
  /** Yields seeds; `canary` is substituted per case later, so seeds use the CANARY placeholder. */
  seeds(): CaseSeed[];
}

export interface AttackCase {
  /** Stable id: probe/variant/converter chain. */
  id: string;
  probeId: string;
  category: string;
  goal: string;
  tags: readonly OwaspTag[];
  detectors: readonly DetectorId[];
  scoring: Scoring;
  converters: readonly string[];
  conversation: Conversation;
  plant: Plant;
}

export interface ConverterContext {
  /** Deterministic per-case seed for converters that choose positions. */
  seed: number;
  /** Attacker LLM for translation/paraphrase converters (absent offline). */
  attacker?: (prompt: string, signal?: AbortSignal) => Promise<string>;
  signal?: AbortSignal;
}

export interface Converter {
  id: string;
  description: string;
  /** `llm` converters need an attacker endpoint and are skipped offline. */
  kind: 'encoding' | 'unicode' | 'structure' | 'framing' | 'llm';
  convert(text: string, ctx: ConverterContext): string | Promise<string>;
}

export interface TargetToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A target's answer, kept apart by what happened on the wire. */
export type TargetResponse =
  | {
      kind: 'answer';
      status: number;
      content: string;
      toolCalls: TargetToolCall[];
      finishReason: string | null;
      /** Set when a gateway annotated the reply (e.g. WARDEN_CONTENT_FILTERED). */
      wardenCode?: string;
      latencyMs: number;
    }
  | {
      kind: 'http-error';
      status: number;
      code?: string;
      message: string;
      latencyMs: number;
      /** From a Retry-After header on a 429/503. */
      retryAfterMs?: number;
    }
  | { kind: 'transport-error'; message: string; latencyMs: number };

export interface DetectorResult {
  hit: boolean;
  /** 0..1 */
  score: number;
  /** Redacted: never the raw secret, canary context or response. */
  evidence?: string;
}

export interface AnswerView {
  content: string;
  toolCalls: readonly TargetToolCall[];
}

/** The small interface shared with src/detectors: (case, response) -> result. */
export interface ScanDetector {
  id: DetectorId;
  description: string;
  detect(attack: AttackCase, answer: AnswerView): DetectorResult;
}

export type Outcome = 'vulnerable' | 'resisted' | 'blocked' | 'error' | 'unscorable';
export const OUTCOMES: readonly Outcome[] = ['vulnerable', 'resisted', 'blocked', 'error', 'unscorable'];

/** One line of the JSONL log: everything about an attempt except raw response text. */
export interface Attempt {
  caseId: string;
  probeId: string;
  category: string;
  tags: readonly OwaspTag[];
  converters: readonly string[];
  outcome: Outcome;
  /** Why this outcome (safe text). */
  reason: string;
  httpStatus?: number;
  code?: string;
  finishReason?: string | null;
  detectors: Partial<Record<DetectorId, DetectorResult>>;
  /** Redacted excerpt of the answer. */
  excerpt: string;
  /** Redacted excerpt of the attack prompt (the last user or tool message sent). */
  prompt?: string;
  /** Times the case was re-sent after a 429. */
  retries?: number;
  toolCalls?: string[];
  latencyMs: number;
  /** Set for orchestrated attacks: which orchestrator, how many turns/queries. */
  orchestrator?: { name: string; queries: number; turns: number };
  at: string;
}
