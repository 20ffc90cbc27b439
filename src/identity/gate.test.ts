// The identity gate's timing properties, checked structurally (never by timing): key hashes are compared with
// crypto.timingSafeEqual, and an unknown key id costs the same keyed hash and comparison as a wrong secret.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { WardenError } from '../core/errors.js';
import { MemoryBanStore, MemoryKeyStore } from '../store/memory/identity.js';
import { IdentityGate } from './gate.js';
import { generateKey, hashSecret, secretMatches } from './keys.js';

const serverSecret = Buffer.alloc(32, 3);

/** Counts calls to crypto.timingSafeEqual and crypto.createHmac as seen by every module (live ESM bindings). */
const calls = { timingSafeEqual: 0, hmacKeys: [] as Buffer[] };
const original = { timingSafeEqual: crypto.timingSafeEqual, createHmac: crypto.createHmac };
beforeEach(() => {
  calls.timingSafeEqual = 0;
  calls.hmacKeys = [];
  crypto.timingSafeEqual = ((a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    calls.timingSafeEqual++;
    return original.timingSafeEqual(a, b);
  }) as typeof crypto.timingSafeEqual;
  crypto.createHmac = ((alg: string, key: crypto.BinaryLike, opts?: unknown) => {
    calls.hmacKeys.push(Buffer.from(key as Buffer));
    return original.createHmac(alg, key, opts as undefined);
  }) as typeof crypto.createHmac;
  syncBuiltinESMExports();
});
afterEach(() => {
  crypto.timingSafeEqual = original.timingSafeEqual;
  crypto.createHmac = original.createHmac;
  syncBuiltinESMExports();
});

function request(token: string): IncomingMessage {
  return {
    headers: { authorization: `Bearer ${token}` },
    socket: { remoteAddress: '127.0.0.1' },
  } as IncomingMessage;
}

async function gateWith(): Promise<{ gate: IdentityGate; known: ReturnType<typeof generateKey> }> {
  const keys = new MemoryKeyStore();
  const known = generateKey();
  keys.put({
    id: known.id,
    principal: 'p-known',
    name: 'known',
    scopes: ['chat'],
    models: ['*'],
    labels: {},
    hash: hashSecret(serverSecret, known.secret),
    createdAt: Date.now(),
  });
  return { gate: new IdentityGate({ keys, bans: new MemoryBanStore(), serverSecret }), known };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof WardenError);
    return err.code;
  }
  return 'admitted';
}

describe('identity gate timing properties (structural)', () => {
  it('secretMatches compares equal-length keyed hashes with crypto.timingSafeEqual', () => {
    const k = generateKey();
    const h = hashSecret(serverSecret, k.secret);
    calls.timingSafeEqual = 0;
    assert.equal(secretMatches(serverSecret, k.secret, h), true);
    assert.equal(calls.timingSafeEqual, 1, 'a match goes through timingSafeEqual');
    assert.equal(secretMatches(serverSecret, `${k.secret.slice(0, -1)}!`, h), false);
    assert.equal(calls.timingSafeEqual, 2, 'a mismatch goes through timingSafeEqual too');
  });

  it('a valid key is admitted after one keyed hash and one constant-time comparison', async () => {
    const { gate, known } = await gateWith();
    calls.hmacKeys = [];
    const p = await gate.authenticate(request(known.token));
    assert.equal(p.id, 'p-known');
    assert.equal(calls.timingSafeEqual, 1);
    assert.ok(
      calls.hmacKeys.some((k) => k.equals(serverSecret)),
      'the secret is hashed with the server secret',
    );
  });

  it('an unknown key id costs the same keyed hash and comparison as a wrong secret, with the same answer', async () => {
    const { gate, known } = await gateWith();
    const wrongSecret = `wdn_${known.id}_${generateKey().secret}`;
    calls.hmacKeys = [];
    assert.equal(await code(gate.authenticate(request(wrongSecret))), 'WARDEN_AUTH_INVALID');
    const wrong = {
      compares: calls.timingSafeEqual,
      hashes: calls.hmacKeys.filter((k) => k.equals(serverSecret)).length,
    };
    calls.timingSafeEqual = 0;
    calls.hmacKeys = [];
    const unknown = generateKey().token;
    assert.equal(await code(gate.authenticate(request(unknown))), 'WARDEN_AUTH_INVALID');
    const missing = {
      compares: calls.timingSafeEqual,
      hashes: calls.hmacKeys.filter((k) => k.equals(serverSecret)).length,
    };
    assert.deepEqual(wrong, { compares: 1, hashes: 1 });
    assert.deepEqual(missing, wrong, 'the dummy hash runs for an unknown key id');
  });
});
