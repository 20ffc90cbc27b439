// The one registry of Warden's error codes: each code has an HTTP status, an OpenAI error type and a message template.

export const errorRegistry = {
  WARDEN_BAD_JSON: {
    status: 400,
    type: 'invalid_request_error',
    message: 'Request body is not valid JSON: {detail}',
  },
  WARDEN_BAD_REQUEST: { status: 400, type: 'invalid_request_error', message: 'Invalid request: {detail}' },
  WARDEN_BODY_TOO_LARGE: {
    status: 413,
    type: 'invalid_request_error',
    message: 'Request body exceeds the limit of {limit} bytes',
  },
  WARDEN_JSON_TOO_DEEP: {
    status: 400,
    type: 'invalid_request_error',
    message: 'Request JSON nests deeper than {limit} levels',
  },
  WARDEN_HEADERS_TOO_LARGE: {
    status: 431,
    type: 'invalid_request_error',
    message: 'Request headers are too large or too many',
  },
  WARDEN_REQUEST_TIMEOUT: {
    status: 408,
    type: 'invalid_request_error',
    message: 'The request was not received in time',
  },
  WARDEN_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    type: 'invalid_request_error',
    message: 'Content-Type must be application/json',
  },
  WARDEN_NOT_FOUND: { status: 404, type: 'invalid_request_error', message: 'No route for {method} {path}' },
  WARDEN_METHOD_NOT_ALLOWED: {
    status: 405,
    type: 'invalid_request_error',
    message: 'Method {method} is not allowed on {path}',
  },
  WARDEN_UNKNOWN_MODEL: {
    status: 404,
    type: 'invalid_request_error',
    message: "The model '{model}' does not exist or is not served by this gateway",
  },
  WARDEN_UPSTREAM_UNAVAILABLE: {
    status: 502,
    type: 'upstream_error',
    message: "Upstream '{upstream}' could not be reached",
  },
  WARDEN_UPSTREAM_TIMEOUT: {
    status: 504,
    type: 'upstream_error',
    message: "Upstream '{upstream}' timed out ({phase})",
  },
  WARDEN_UPSTREAM_ERROR: {
    status: 502,
    type: 'upstream_error',
    message: "Upstream '{upstream}' answered with HTTP {upstreamStatus}",
  },
  WARDEN_UPSTREAM_BAD_RESPONSE: {
    status: 502,
    type: 'upstream_error',
    message: "Upstream '{upstream}' sent a response Warden could not parse",
  },
  WARDEN_UPSTREAM_STREAM_ABORTED: {
    status: 502,
    type: 'upstream_error',
    message: "Upstream '{upstream}' ended the stream early",
  },
  WARDEN_GUARD_BLOCKED: { status: 400, type: 'guard_error', message: 'Blocked by guard {guardId}: {reason}' },
  WARDEN_GUARD_ERROR: {
    status: 503,
    type: 'guard_error',
    message: 'Guard {guardId} failed ({reason}); the request was blocked (fail closed)',
  },
  WARDEN_GUARD_TIMEOUT: {
    status: 503,
    type: 'guard_error',
    message:
      'Guard {guardId} exceeded its deadline of {deadlineMs} ms; the request was blocked (fail closed)',
  },
  WARDEN_JUDGE_UNAVAILABLE: {
    status: 503,
    type: 'guard_error',
    message:
      'Guard {guardId} got no verdict from its remote judge ({reason}); the request was blocked (fail closed)',
  },
  WARDEN_PARAM_UNSUPPORTED: {
    status: 400,
    type: 'invalid_request_error',
    message:
      "Request field '{field}' is not accepted: it is not an OpenAI API parameter and upstream '{upstream}' does not list it in extraParams",
  },
  WARDEN_CONTENT_PART_UNSUPPORTED: {
    status: 400,
    type: 'invalid_request_error',
    message:
      "Content part type '{partType}' at {field} is not accepted: Warden cannot inspect it (send text, or allow it per upstream in contentParts)",
  },
  WARDEN_OUTPUT_MODALITY_UNSUPPORTED: {
    status: 400,
    type: 'invalid_request_error',
    message:
      "'{field}' asks for a spoken answer: Warden cannot inspect audio output, so it would reach you unguarded; ask for text only (modalities: ['text'], no audio)",
  },
  WARDEN_TOKEN_INPUT_UNSUPPORTED: {
    status: 400,
    type: 'invalid_request_error',
    message: "'{field}' as token ids is not accepted: Warden cannot read them; send text",
  },
  WARDEN_GUARD_CPU_BUDGET: {
    status: 429,
    type: 'rate_limit_error',
    message: 'Blocked by guard {guardId}: {reason}',
  },
  WARDEN_CONTENT_FILTERED: {
    status: 400,
    type: 'guard_error',
    message: 'The response was withheld by guard {guardId}: {reason}',
  },
  WARDEN_APPROVAL_REQUIRED: {
    status: 202,
    type: 'approval_pending',
    message: 'A tool call needs human approval ({approvalId})',
  },
  WARDEN_APPROVAL_DENIED: {
    status: 403,
    type: 'guard_error',
    message: 'A tool call was not approved ({status}); it was withheld',
  },
  WARDEN_APPROVAL_SELF: {
    status: 403,
    type: 'permission_error',
    message: 'The principal that requested a tool call cannot approve or deny it',
  },
  WARDEN_APPROVAL_LIMIT: {
    status: 429,
    type: 'rate_limit_error',
    message: 'Too many tool calls await approval for {principal} (limit {limit}); wait for decisions',
  },
  WARDEN_APPROVAL_CONFLICT: {
    status: 409,
    type: 'invalid_request_error',
    message: 'Approval {approvalId} is no longer pending (status: {status})',
  },
  WARDEN_AUTH_MISSING: {
    status: 401,
    type: 'authentication_error',
    message: 'Missing credentials: send "Authorization: Bearer <API key or token>"',
  },
  WARDEN_AUTH_MALFORMED: {
    status: 401,
    type: 'authentication_error',
    message: 'Malformed credentials: {detail}',
  },
  WARDEN_AUTH_INVALID: { status: 401, type: 'authentication_error', message: 'Invalid API key' },
  WARDEN_KEY_REVOKED: { status: 401, type: 'authentication_error', message: 'This API key has been revoked' },
  WARDEN_KEY_EXPIRED: { status: 401, type: 'authentication_error', message: 'This API key has expired' },
  WARDEN_JWT_INVALID: { status: 401, type: 'authentication_error', message: 'Invalid token: {detail}' },
  WARDEN_JWT_EXPIRED: { status: 401, type: 'authentication_error', message: 'Token has expired' },
  WARDEN_JWT_NOT_YET_VALID: {
    status: 401,
    type: 'authentication_error',
    message: 'Token is not yet valid (nbf/iat)',
  },
  WARDEN_JWT_AUDIENCE: {
    status: 401,
    type: 'authentication_error',
    message: 'Token audience is not accepted',
  },
  WARDEN_JWT_ISSUER: { status: 401, type: 'authentication_error', message: 'Token issuer is not accepted' },
  WARDEN_JWT_ALGORITHM: {
    status: 401,
    type: 'authentication_error',
    message: 'Token algorithm is not allowed (allowed: {allowed})',
  },
  WARDEN_JWT_UNKNOWN_KEY: {
    status: 401,
    type: 'authentication_error',
    message: 'Token is signed by an unknown key',
  },
  WARDEN_MTLS_INVALID: {
    status: 401,
    type: 'authentication_error',
    message: 'Client certificate is not verified or not mapped to a principal',
  },
  WARDEN_AUTH_THROTTLED: {
    status: 429,
    type: 'rate_limit_error',
    message: 'Too many failed authentication attempts from this address; retry after {retryAfter}s',
  },
  WARDEN_SCOPE_DENIED: {
    status: 403,
    type: 'permission_error',
    message: "This credential lacks the '{scope}' scope",
  },
  WARDEN_MODEL_DENIED: {
    status: 403,
    type: 'permission_error',
    message: "This credential may not use the model '{model}'",
  },
  WARDEN_BANNED: {
    status: 403,
    type: 'permission_error',
    message: 'This principal is banned until {until}: {reason}',
  },
  WARDEN_RATE_LIMITED: {
    status: 429,
    type: 'rate_limit_error',
    message:
      'Request rate limit reached for {principal}: {limit} requests per {window}; retry after {retryAfter}s',
  },
  WARDEN_TOKEN_QUOTA: {
    status: 429,
    type: 'rate_limit_error',
    message: 'Token quota reached for {principal}: {limit} tokens per {window}; retry after {retryAfter}s',
  },
  WARDEN_CONCURRENCY_LIMIT: {
    status: 429,
    type: 'rate_limit_error',
    message: 'Too many concurrent requests for {principal} (limit {limit})',
  },
  WARDEN_LIMITS_UNAVAILABLE: {
    status: 503,
    type: 'server_error',
    message: 'The rate-limit store is unavailable; the request was refused (fail closed)',
  },
  WARDEN_IDENTITY_UNAVAILABLE: {
    status: 503,
    type: 'server_error',
    message: 'The key or ban store is unavailable; the request was refused (fail closed)',
  },
  WARDEN_CSRF_INVALID: {
    status: 403,
    type: 'permission_error',
    message: 'Missing or invalid CSRF token for a console request',
  },
  WARDEN_ADMIN_NOT_FOUND: { status: 404, type: 'invalid_request_error', message: '{what} not found' },
  WARDEN_AUDIT_UNAVAILABLE: {
    status: 503,
    type: 'server_error',
    message: 'The audit log cannot record requests right now; the request was refused (fail closed)',
  },
  WARDEN_RESPONSES_UNSUPPORTED: {
    status: 400,
    type: 'invalid_request_error',
    message: 'Unsupported Responses request: {detail}',
  },
  WARDEN_RESPONSES_NO_STORE: {
    status: 400,
    type: 'invalid_request_error',
    message: 'Responses are not stored by this gateway (set responses.store): {detail}',
  },
  WARDEN_RESPONSE_NOT_FOUND: {
    status: 404,
    type: 'invalid_request_error',
    message: "No response with id '{id}'",
  },
  WARDEN_NOT_READY: { status: 503, type: 'server_error', message: 'Warden is not ready: {detail}' },
  WARDEN_SHUTTING_DOWN: { status: 503, type: 'server_error', message: 'Warden is shutting down' },
  WARDEN_INTERNAL: {
    status: 500,
    type: 'server_error',
    message: 'Internal error (request {requestId}); see the gateway log',
  },
  WARDEN_CONFIG_INVALID: { status: 500, type: 'server_error', message: 'Invalid configuration: {detail}' },
} as const satisfies Record<string, { status: number; type: string; message: string }>;

export type ErrorCode = keyof typeof errorRegistry;

/** An error with a registered code; its message is safe to show to a client. */
export class WardenError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** Extra response headers (e.g. retry-after). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ErrorCode,
    params: Record<string, string | number> = {},
    options?: { cause?: unknown; message?: string; status?: number; headers?: Record<string, string> },
  ) {
    super(
      options?.message ?? formatMessage(code, params),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'WardenError';
    this.code = code;
    const entry = errorRegistry[code];
    this.status = options?.status ?? entry.status;
    this.type = entry.type;
    this.params = params;
    this.headers = options?.headers ?? {};
  }

  toJSON(): OpenAIErrorBody {
    // A `field` parameter names the request field at fault (OpenAI's `param`).
    const param = typeof this.params.field === 'string' ? this.params.field : null;
    return openAIError(this.code, this.message, this.type, param);
  }
}

export interface OpenAIErrorBody {
  error: { message: string; type: string; code: string; param: string | null };
}

export function formatMessage(code: ErrorCode, params: Record<string, string | number>): string {
  return errorRegistry[code].message.replace(/\{(\w+)\}/g, (_, k: string) =>
    params[k] === undefined ? `{${k}}` : String(params[k]),
  );
}

export function openAIError(
  code: string,
  message: string,
  type: string,
  param: string | null = null,
): OpenAIErrorBody {
  return { error: { message, type, code, param } };
}

export function isWardenError(e: unknown): e is WardenError {
  return e instanceof WardenError;
}
