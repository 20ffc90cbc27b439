import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { JwtVerifier } from './jwt.js';

describe('JwtVerifier cache', () => {
  it('keeps a token in use cached while more than the cache size of other tokens pass', async () => {
    const pair = await generateKeyPair('EdDSA', { extractable: true });
    const verifier = new JwtVerifier({
      issuer: 'https://issuer.test',
      audience: 'warden',
      keys: [{ pem: await exportSPKI(pair.publicKey) }],
      algorithms: ['EdDSA'],
      clockToleranceSec: 0,
      claims: { principal: 'sub', scopes: 'scope' },
      models: ['*'],
      defaultScopes: ['chat'],
    });
    const token = (sub: string) =>
      new SignJWT({ sub })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer('https://issuer.test')
        .setAudience('warden')
        .setExpirationTime('10m')
        .sign(pair.privateKey);
    // Signature checks counted where jose makes them (WebCrypto), so the count needs nothing from the verifier.
    const subtle = globalThis.crypto.subtle;
    const realVerify = subtle.verify.bind(subtle);
    let signatureChecks = 0;
    type Verify = typeof subtle.verify;
    subtle.verify = ((...args: Parameters<Verify>) => {
      signatureChecks++;
      return realVerify(...args);
    }) as Verify;
    try {
      const hot = await token('hot-user');
      // The hot token is used all along; the other tokens are used once each, more of them than the cache holds.
      for (let i = 0; i < 10_020; i++) {
        if (i % 100 === 0) await verifier.verify(hot);
        await verifier.verify(await token(`user-${i}`));
      }
      const before = signatureChecks;
      assert.ok(before > 10_000, 'the flood was verified');
      assert.equal((await verifier.verify(hot)).id, 'jwt:hot-user');
      assert.equal(signatureChecks, before, 'the hot token was a cache hit');
    } finally {
      subtle.verify = realVerify;
    }
  });
});
