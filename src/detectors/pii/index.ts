// Finds personal data in text: e-mail, phone, payment cards (Luhn), IBAN (mod-97) and national identifiers.
import { type Finding, mergeFindings } from '../finding.js';
import { openTokenFrom } from '../open-token.js';
import { mapFindings, viewOf } from '../unicode/view.js';
import {
  aadhaarValid,
  cardNetwork,
  dniValid,
  ibanValid,
  luhnValid,
  ninoValid,
  ssnValid,
} from './checksums.js';

export const piiKinds = [
  'email',
  'phone',
  'payment-card',
  'iban',
  'us-ssn',
  'uk-nino',
  'ca-sin',
  'es-dni',
  'in-aadhaar',
] as const;
export type PiiKind = (typeof piiKinds)[number];

export interface PiiScanOptions {
  kinds?: readonly PiiKind[];
  /** E-mail domains that are documentation, not people (suffix match). */
  ignoreEmailDomains?: readonly string[];
  /** Skip role mailboxes (support@, hello@, noreply@...): they name a function, not a person (default true). */
  ignoreRoleAddresses?: boolean;
}

export const DEFAULT_IGNORED_EMAIL_DOMAINS = [
  'example.com',
  'example.org',
  'example.net',
  'example',
  'test',
  'invalid',
  'localhost',
  'users.noreply.github.com',
];

/**
 * Words a role mailbox is made of. An address counts as a role address when every piece of its local part
 * (split at `.`, `_`, `-`, `+`) is one of these: `support@`, `no-reply@`, `product-feedback@`; `jane.support@` is
 * a person's.
 */
const ROLE_WORDS = new Set(
  (
    'hello hi info information contact contacts support help helpdesk service services customer customers care ' +
    'team sales billing accounts accounting invoice invoices payments orders order shop store noreply donotreply ' +
    'no not do reply replies notifications notification notify alerts alert news newsletter newsletters updates ' +
    'marketing press media pr privacy security abuse postmaster hostmaster webmaster admin administrator office ' +
    'hr jobs careers recruiting legal compliance feedback product products partners partnerships community ' +
    'events enquiries inquiries mail mailer bounce bounces membership members it ops example'
  ).split(' '),
);

/** True for a role mailbox's local part (every piece a role word). */
export function roleMailbox(local: string): boolean {
  const pieces = local.toLowerCase().split(/[._+-]+/);
  return pieces.length > 0 && pieces.every((p) => ROLE_WORDS.has(p));
}

/** Image file names with a density suffix (`button@2x.png`) have the shape of an address, not its TLD. */
const FILE_TLD = /\.(?:png|jpe?g|gif|svg|webp|avif|bmp|ico)$/i;

interface Rule {
  kind: PiiKind;
  re: RegExp;
  confidence: number;
  accept(m: RegExpMatchArray, text: string, opts: PiiScanOptions): boolean;
}

const PHONE_CONTEXT = /(?:phone|tel|mobile|cell|call|fax|whatsapp|sms|text me|contact|number)\W{0,20}$/i;
const SIN_CONTEXT = /(?:\bSIN\b|social insurance)\W{0,20}(?:number|no\.?|#)?\W{0,5}$/i;
const digitsOf = (s: string) => s.replace(/\D/g, '');
const before = (text: string, at: number) => text.slice(Math.max(0, at - 40), at);

const rules: readonly Rule[] = [
  {
    kind: 'email',
    re: /(?<![\w.+%-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![\w-])/g,
    confidence: 0.95,
    accept(m, _t, opts) {
      const at = m[0].indexOf('@');
      const domain = m[0].slice(at + 1).toLowerCase();
      const ignored = opts.ignoreEmailDomains ?? DEFAULT_IGNORED_EMAIL_DOMAINS;
      if (ignored.some((d) => domain === d || domain.endsWith(`.${d}`)) || m[0].startsWith('git@'))
        return false;
      if (FILE_TLD.test(domain)) return false;
      return !(opts.ignoreRoleAddresses !== false && roleMailbox(m[0].slice(0, at)));
    },
  },
  {
    kind: 'phone',
    re: /(?<![\w+.-])(?:\+[1-9]\d{0,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,4}(?![\w-]|\.\d)/g,
    confidence: 0.75,
    accept(m, text) {
      const s = m[0];
      const n = digitsOf(s).length;
      if (n < 9 || n > 15) return false;
      if (s.startsWith('+')) return true;
      const seps = s.replace(/[\d()+]/g, '');
      if (/^\d{4}-\d{2}-\d{2}/.test(s) || /^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return false; // dates, IPs
      if (s.startsWith('(') || /^\d{3}([.-])\d{3}\1\d{4}$/.test(s)) return true; // "(NNN) NNN-NNNN" or "NNN-NNN-NNNN"
      return new Set(seps).size === 1 && PHONE_CONTEXT.test(before(text, m.index!));
    },
  },
  {
    kind: 'payment-card',
    // Groups separated by spaces, dashes, dots or slashes (one kind throughout, optionally spaced: "4111 - 1111").
    re: /(?<![\d.,/-])\d(?:(?:[ ./-]| [./-] )?\d){12,18}(?![\d]|[./-]\d)/g,
    confidence: 0.9,
    accept(m) {
      const seps = new Set(m[0].split(/\d+/).filter(Boolean));
      if (seps.size > 1) return false;
      // Dots and slashes also join version numbers and dates: only card-like groups of 3+ digits count.
      if (/[./]/.test([...seps].join('')) && m[0].split(/\D+/).some((g) => g.length < 3)) return false;
      const d = digitsOf(m[0]);
      return cardNetwork(d) !== undefined && luhnValid(d);
    },
  },
  {
    kind: 'iban',
    re: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g,
    confidence: 0.95,
    accept: (m) => ibanValid(m[0]),
  },
  {
    kind: 'us-ssn',
    re: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g,
    confidence: 0.8,
    accept: (m) => ssnValid(m[0]),
  },
  {
    kind: 'uk-nino',
    re: /\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
    confidence: 0.85,
    accept: (m) => ninoValid(m[0]),
  },
  {
    kind: 'ca-sin',
    re: /(?<![\d-])[1-79]\d{2}[ -]?\d{3}[ -]?\d{3}(?![\d-])/g,
    confidence: 0.8,
    accept: (m, text) => luhnValid(digitsOf(m[0])) && SIN_CONTEXT.test(before(text, m.index!)),
  },
  {
    kind: 'es-dni',
    re: /\b[XYZ]?\d{7,8}-?[A-Z]\b/g,
    confidence: 0.8,
    accept: (m) => dniValid(m[0].replace('-', '')),
  },
  {
    kind: 'in-aadhaar',
    re: /(?<![\d-])[2-9]\d{3} \d{4} \d{4}(?![\d-])/g,
    confidence: 0.8,
    accept: (m) => aadhaarValid(m[0]),
  },
];

/** Every piece of personal data of the requested kinds in the text, read through its detector view. */
export function detectPii(text: string, opts: PiiScanOptions = {}): Finding[] {
  const view = viewOf(text);
  const found = scanPii(view.text, opts);
  return view.identity ? found : mergeFindings(mapFindings(view, found));
}

function scanPii(text: string, opts: PiiScanOptions): Finding[] {
  const kinds = opts.kinds ? new Set(opts.kinds) : undefined;
  const out: Finding[] = [];
  for (const r of rules) {
    if (kinds && !kinds.has(r.kind)) continue;
    if (r.kind === 'email' && !text.includes('@')) continue;
    r.re.lastIndex = 0;
    for (const m of text.matchAll(r.re)) {
      if (!r.accept(m, text, opts)) continue;
      out.push({ start: m.index, end: m.index + m[0].length, kind: r.kind, confidence: r.confidence });
    }
  }
  return mergeFindings(out);
}

/** An e-mail address (or other long token) may still be growing at the end of a streamed text. */
export function openPiiFrom(text: string): number {
  const view = viewOf(text);
  const at = openTokenFrom(view.text, 12, 320);
  return at === -1 ? -1 : view.originalIndex(at);
}

/** Longest closed PII span with spaces inside (IBAN with groups, phone numbers), plus context for keywords. */
export const PII_HOLD_BACK = 64;
