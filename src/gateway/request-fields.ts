// The request fields Warden forwards: standard OpenAI parameters, the upstream's declared extras, and content
// Warden can read; anything else is refused at the edge with a 400 naming the field (fail closed).
import { standardParams } from '../core/context.js';
import { WardenError } from '../core/errors.js';
import type { Route } from '../core/request-texts.js';

export interface FieldPolicy {
  /** Upstream name, for the error message. */
  name: string;
  extraParams: readonly string[];
  contentParts: readonly string[];
  tokenInput: 'refuse' | 'decode';
}

/** Content part types whose text Warden reads (image_url is judged by the image guard). */
const READ_PARTS = new Set(['text', 'image_url', 'refusal']);
/** Part types Warden knows but cannot read: refused unless the upstream allows them unread. */
const OPAQUE_PARTS = new Set(['input_audio', 'file']);

const isTokenIds = (v: unknown) => Array.isArray(v) && v.length > 0 && typeof v[0] === 'number';

function checkParts(body: Record<string, unknown>, policy: FieldPolicy): void {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  messages.forEach((m: unknown, i: number) => {
    const content = (m as { content?: unknown } | null)?.content;
    if (!Array.isArray(content)) return;
    content.forEach((p: unknown, j: number) => {
      const type = String((p as { type?: unknown } | null)?.type ?? '');
      if (READ_PARTS.has(type)) return;
      if (OPAQUE_PARTS.has(type) && policy.contentParts.includes(type)) return;
      throw new WardenError('WARDEN_CONTENT_PART_UNSUPPORTED', {
        partType: /^[\w-]{1,32}$/.test(type) ? type : 'unknown',
        field: `messages[${i}].content[${j}]`,
      });
    });
  });
}

/**
 * A spoken answer (`modalities` with `audio`, or the `audio` output options) is refused: the output guards read
 * text, so audio would pass unseen, and dropping it from the answer would fail the client without a word.
 */
function checkOutputModalities(body: Record<string, unknown>): void {
  const modalities = body.modalities;
  if (modalities !== undefined && modalities !== null) {
    const list = Array.isArray(modalities) ? modalities : [modalities];
    if (list.some((m) => m !== 'text'))
      throw new WardenError('WARDEN_OUTPUT_MODALITY_UNSUPPORTED', { field: 'modalities' });
  }
  if (body.audio !== undefined && body.audio !== null)
    throw new WardenError('WARDEN_OUTPUT_MODALITY_UNSUPPORTED', { field: 'audio' });
}

function checkTokenInput(route: Route, body: Record<string, unknown>, policy: FieldPolicy): void {
  if (policy.tokenInput === 'decode') return;
  const key = route === 'completions' ? 'prompt' : route === 'embeddings' ? 'input' : undefined;
  if (!key) return;
  const v = body[key];
  if (isTokenIds(v) || (Array.isArray(v) && v.some(isTokenIds)))
    throw new WardenError('WARDEN_TOKEN_INPUT_UNSUPPORTED', { field: key });
}

/** Throws a 400 WardenError for the first field Warden will not forward to this upstream. */
export function checkRequestFields(route: Route, body: Record<string, unknown>, policy: FieldPolicy): void {
  const standard = standardParams[route];
  for (const key of Object.keys(body)) {
    if (standard.has(key) || policy.extraParams.includes(key)) continue;
    throw new WardenError('WARDEN_PARAM_UNSUPPORTED', {
      field: /^[\w.-]{1,64}$/.test(key) ? key : 'unknown',
      upstream: policy.name,
    });
  }
  if (route === 'chat') {
    checkParts(body, policy);
    checkOutputModalities(body);
  }
  checkTokenInput(route, body, policy);
}
