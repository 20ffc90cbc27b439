// The per-request context that guards read: who is asking, for what, and the texts involved.
import type { Logger } from 'pino';
import type { Route } from './request-texts.js';

export {
  type Route,
  requestTexts,
  setTextAt,
  standardParams,
  type TextPart,
  type Trust,
} from './request-texts.js';

export interface Principal {
  id: string;
  kind: 'anonymous' | 'apiKey' | 'jwt' | 'mtls';
  tenant?: string;
  scopes: readonly string[];
  name?: string;
  labels?: Readonly<Record<string, string>>;
  /** Model allow-list (globs). Undefined allows no model under key or token access (the gate reads it as `[]`:
   * fail closed); only anonymous access, which has no gate, ignores it. */
  models?: readonly string[];
  /** The API key id when authenticated by key (never the secret). */
  keyId?: string;
}

/** The visible output text a response guard is shown: a window of the stream, or the whole text. */
export interface OutputView {
  /** Left context (already released, read-only) followed by pending text. */
  text: string;
  /** Index in `text` where the pending (still changeable) text starts. */
  pendingStart: number;
  /** True when this is the end of the output: nothing more will follow. */
  final: boolean;
  choiceIndex: number;
  /** Index of text[0] in the whole output so far (lets guards keep per-output state, e.g. code fences). */
  offset?: number;
}

export interface ToolCallView {
  id: string;
  name: string;
  /** Raw JSON arguments as the model produced them. */
  arguments: string;
  choiceIndex: number;
}

export interface GuardContext {
  readonly requestId: string;
  readonly route: Route;
  readonly principal: Principal;
  readonly model: string;
  /** The validated request body; request-phase transforms patch it. */
  body: Record<string, unknown>;
  /** Per-request scratch space shared by guards (a canary token, a detected language...). */
  readonly state: Map<string, unknown>;
  readonly log: Logger;
  output?: OutputView;
  toolCalls?: ToolCallView[];
}
