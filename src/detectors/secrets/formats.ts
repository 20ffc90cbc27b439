// Known credential formats: vendor token shapes, private key blocks, JWTs and connection strings with passwords.
import { charClasses } from '../finding.js';

export interface CredentialFormat {
  kind: string;
  /** Global regex; when `group` is set only that capture is the secret (the rest is context). */
  re: RegExp;
  group?: number;
  confidence: number;
  /** Longest match in characters (sizes the hold-back); formats whose match may grow use the open rule. */
  maxLen: number;
  /** Literal(s) every match contains: a cheap test that skips the regex on most text. */
  hint?: readonly string[];
  validate?: (value: string) => boolean;
}

/** Values that stand for a password in documentation rather than being one ('****' and '...' repeat one
 * character, so the repeat rule in isPlaceholder catches them; 'xXxX' mixes cases, so it is listed). */
const PLACEHOLDER =
  /^(?:\*|x+|\.|password|passwd|pass|pwd|secret|changeme|example|redacted|hidden|your[_-]?\w*|my[_-]?\w*|user(?:name)?|<[^>]*>|\$\{?[\w.]+\}?|%[\w]+%?|\{\{?[^}]*\}\}?|\[[^\]]*\])$/i;

/** Dictionary passwords used in examples ('secret123', 'password1!'). */
const EXAMPLE_PASSWORD =
  /^(?:secret|password|passw0rd|pass|changeme|test|example|demo|admin|root|foo|bar|baz|qwerty|letmein|hunter|abc|sample)[-_]?\d{0,6}[!.]?$/i;

/** A word that names the password it stands for ('somepassword', 'authpassword', 'db_secret', 'password-for-30001'):
 * lower-case letters around the word password (or passwd, secret), with at most a short tag or number after it. */
const NAMED_PASSWORD = /^(?:[a-z]{2,12}[-_]?)?(?:password|passwd|secret)(?:[-_](?:for[-_])?[a-z0-9]{1,12})?$/;

export function isPlaceholder(value: string): boolean {
  return (
    PLACEHOLDER.test(value) ||
    EXAMPLE_PASSWORD.test(value) ||
    NAMED_PASSWORD.test(value) ||
    /^(.)\1+$/.test(value)
  );
}

export const credentialFormats: readonly CredentialFormat[] = [
  {
    kind: 'aws-access-key-id',
    hint: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    confidence: 0.95,
    maxLen: 20,
    validate: (v) => !/EXAMPLE$/.test(v),
  },
  {
    kind: 'aws-secret-access-key',
    hint: ['ecret', 'ECRET'],
    re: /aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 1,
    confidence: 0.95,
    maxLen: 80,
    validate: (v) => !/EXAMPLEKEY$/.test(v),
  },
  {
    kind: 'gcp-api-key',
    hint: ['AIza'],
    re: /\bAIza[0-9A-Za-z_-]{35}(?![\w-])/g,
    confidence: 0.95,
    maxLen: 39,
  },
  {
    kind: 'gcp-oauth-token',
    hint: ['ya29.'],
    re: /\bya29\.[0-9A-Za-z_-]{20,}/g,
    confidence: 0.9,
    maxLen: 256,
  },
  {
    kind: 'azure-storage-key',
    hint: ['AccountKey='],
    re: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    group: 1,
    confidence: 0.95,
    maxLen: 100,
  },
  {
    kind: 'azure-sas-signature',
    hint: ['sig='],
    re: /[?&]sig=([A-Za-z0-9%+/=]{40,})/g,
    group: 1,
    confidence: 0.85,
    maxLen: 128,
  },
  {
    kind: 'azure-client-secret',
    hint: ['Q~'],
    re: /(?<![\w~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![\w~.-])/g,
    confidence: 0.85,
    maxLen: 40,
  },
  {
    kind: 'github-token',
    hint: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b/g,
    confidence: 0.98,
    maxLen: 260,
  },
  {
    kind: 'github-token',
    hint: ['github_pat_'],
    re: /\bgithub_pat_[A-Za-z0-9_]{60,255}\b/g,
    confidence: 0.98,
    maxLen: 270,
  },
  {
    kind: 'gitlab-token',
    hint: ['gl'],
    re: /\bgl(?:pat|dt|ptt|rt|soat|cbt|imt|agent|oas)-[A-Za-z0-9_-]{20,64}(?![\w-])/g,
    confidence: 0.95,
    maxLen: 80,
  },
  {
    kind: 'slack-token',
    hint: ['xox'],
    re: /\bxox[abposr]-[A-Za-z0-9-]{10,250}/g,
    confidence: 0.95,
    maxLen: 256,
  },
  {
    kind: 'slack-webhook',
    hint: ['hooks.slack.com'],
    re: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,}/g,
    confidence: 0.95,
    maxLen: 140,
  },
  {
    kind: 'stripe-key',
    hint: ['_live_', '_test_'],
    re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}\b/g,
    confidence: 0.95,
    maxLen: 256,
  },
  {
    kind: 'stripe-webhook-secret',
    hint: ['whsec_'],
    re: /\bwhsec_[A-Za-z0-9]{24,}\b/g,
    confidence: 0.9,
    maxLen: 80,
  },
  {
    kind: 'anthropic-key',
    hint: ['sk-ant-'],
    re: /\bsk-ant-(?:api|admin|sid)\d\d-[A-Za-z0-9_-]{32,}/g,
    confidence: 0.98,
    maxLen: 256,
  },
  {
    kind: 'openai-key',
    hint: ['sk-'],
    re: /\bsk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}(?![\w-])/g,
    confidence: 0.9,
    maxLen: 256,
    validate: (v) => !v.startsWith('sk-ant-') && /\d/.test(v) && charClasses(v.slice(3)) >= 3,
  },
  {
    kind: 'telegram-bot-token',
    hint: [':AA'],
    re: /(?<![\w:])\d{8,10}:AA[A-Za-z0-9_-]{33}(?![\w-])/g,
    confidence: 0.95,
    maxLen: 46,
  },
  { kind: 'huggingface-token', hint: ['hf_'], re: /\bhf_[A-Za-z0-9]{34,}\b/g, confidence: 0.9, maxLen: 64 },
  { kind: 'npm-token', hint: ['npm_'], re: /\bnpm_[A-Za-z0-9]{36}\b/g, confidence: 0.95, maxLen: 40 },
  {
    kind: 'sendgrid-key',
    hint: ['SG.'],
    re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g,
    confidence: 0.95,
    maxLen: 69,
  },
  {
    kind: 'warden-key',
    hint: ['wdn_'],
    re: /\bwdn_[A-Za-z0-9]{2,32}_[A-Za-z0-9_-]{16,128}(?![\w-])/g,
    confidence: 0.98,
    maxLen: 170,
  },
  {
    kind: 'jwt',
    hint: ['eyJ'],
    re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{0,}/g,
    confidence: 0.9,
    maxLen: 2048,
  },
  {
    // scheme://user:password@host: only the password is the secret.
    kind: 'connection-string-password',
    hint: ['://'],
    re: /\b[a-z][a-z0-9+.-]{1,24}:\/\/[^\s:/@'"`<>]{1,64}:([^\s@/'"`<>]{1,128})@[A-Za-z0-9.-]/gi,
    group: 1,
    confidence: 0.85,
    maxLen: 230,
    validate: (v) => !isPlaceholder(v),
  },
];

/** Private key blocks span many lines: matched from the header to the footer, or open to the end. */
export const PRIVATE_KEY_HEADER = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
export const PRIVATE_KEY_FOOTER = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;

/** The longest closed match among the formats (the hold-back they need). */
export const formatsMaxSpan = Math.max(...credentialFormats.map((f) => f.maxLen));
