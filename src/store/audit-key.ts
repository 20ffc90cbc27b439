// Finds the audit chain's key: WARDEN_AUDIT_KEY, else derived from WARDEN_SERVER_SECRET, else (with a warning)
// from the data directory's server.secret, which sits beside the data it protects.

import { hkdfSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readServerSecretFile } from '../identity/keys.js';
import { type AuditKey, auditKeyId } from './audit-chain.js';

export const KEY_BESIDE_DATA =
  'the audit key is derived from server.secret in the data directory, beside the data it protects: anyone who can ' +
  'rewrite the audit log can also re-key it; set WARDEN_AUDIT_KEY (or WARDEN_SERVER_SECRET) from a secret store';

function decodeSecret(name: string, text: string): Buffer {
  const buf = /^[0-9a-f]+$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (buf.length < 32) throw new Error(`${name} must hold at least 32 bytes (64 hex characters)`);
  return buf;
}

/** A separate key for the chain, so knowing it says nothing about the secret that signs sessions and keys. */
function derive(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'warden audit chain v2', 32));
}

export function auditKeyFrom(key: Buffer, source: AuditKey['source'] = 'WARDEN_AUDIT_KEY'): AuditKey {
  return { key, id: auditKeyId(key), source };
}

/**
 * The key from the environment, or from `<dataDir>/server.secret` when neither variable is set; undefined when
 * there is none (the caller that writes creates server.secret first, see identity/keys.ts loadServerSecret).
 */
export function loadAuditKey(
  dataDir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): AuditKey | undefined {
  if (env.WARDEN_AUDIT_KEY)
    return auditKeyFrom(decodeSecret('WARDEN_AUDIT_KEY', env.WARDEN_AUDIT_KEY), 'WARDEN_AUDIT_KEY');
  if (env.WARDEN_SERVER_SECRET)
    return auditKeyFrom(
      derive(decodeSecret('WARDEN_SERVER_SECRET', env.WARDEN_SERVER_SECRET)),
      'WARDEN_SERVER_SECRET',
    );
  if (!dataDir) return undefined;
  const file = join(dataDir, 'server.secret');
  if (!existsSync(file)) return undefined;
  return auditKeyFrom(derive(readServerSecretFile(file)), 'data-dir');
}
