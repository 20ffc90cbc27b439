// Where a stream must hold text because a secret the guard knows (a held secret, e.g. a canary from the system
// prompt) may be arriving piece by piece: a released prefix would let the next chunk finish it unseen.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlaceholder } from './formats.js';
import { detectSecrets, openSecretFrom } from './index.js';

const HELD = ['Zq81xT0pLm'];

describe('openSecretFrom with held secrets', () => {
  it('holds a tail that is a prefix of a held secret, from four characters on', () => {
    assert.equal(openSecretFrom('answer is Zq81', HELD), 10);
    assert.equal(openSecretFrom('answer is Zq81xT0pL', HELD), 10, 'all but the last character');
    assert.equal(openSecretFrom('answer is Zq8', HELD), -1, 'three characters are not held');
    assert.equal(openSecretFrom('answer is Zq81', []), -1, 'nothing held without held secrets');
  });

  it('releases a held secret once it is whole (the closed finding redacts it) and a tail that only contains one', () => {
    assert.equal(openSecretFrom('answer is Zq81xT0pLm', HELD), -1);
    assert.equal(openSecretFrom('answer Zq81 and more', HELD), -1);
  });

  it('holds from the earliest of several held prefixes, a key block and a spelled-out secret', () => {
    assert.equal(openSecretFrom('a Zq81 b Kk99', ['Zq81xT0pLm', 'Kk99ab12cd']), 9);
    assert.equal(openSecretFrom('a Kk99ab', ['Zq81xT0pLm', 'Kk99ab12cd']), 2);
    assert.equal(openSecretFrom('pre -----BEGIN RSA PRIVATE KEY-----\nAB then Zq81x', HELD), 4);
    assert.equal(openSecretFrom('the code is Z q 8 1 x', HELD), 12);
    assert.equal(openSecretFrom('the code is Z-q-8-1-x-T', HELD), 12);
  });

  it('places the hold in the original text when invisible characters split the prefix', () => {
    assert.equal(openSecretFrom('answer Z\u200bq81x', HELD), 7);
    assert.equal(openSecretFrom('\u200b\u200banswer Zq81x', HELD), 9);
  });
});

describe('private key blocks and key shapes', () => {
  const spans = (text: string) => detectSecrets(text).map((f) => [text.slice(f.start, f.end), f.kind]);

  it('finds a key block whatever its type words (none, one or two), to its own footer or the end', () => {
    for (const type of ['', 'EC ', 'OPENSSH ', 'ENCRYPTED ', 'PGP ']) {
      const block = `-----BEGIN ${type}PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END ${type}PRIVATE KEY-----`;
      assert.deepEqual(spans(`key:\n${block}\nthanks`), [[block, 'private-key']], type);
    }
    const pgp = '-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----';
    assert.deepEqual(spans(pgp), [[pgp, 'private-key']]);
    const cut = '-----BEGIN PRIVATE KEY-----\nMIIEowIBAAKCAQEA';
    assert.deepEqual(spans(`see ${cut}`), [[cut, 'private-key']]);
    const two = '-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----';
    assert.deepEqual(spans(`${two}\nand\n${two}`), [
      [two, 'private-key'],
      [two, 'private-key'],
    ]);
  });

  it('reads an OpenAI-shaped key only with digits and mixed letters, and never an Anthropic key as one', () => {
    const real = 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8t';
    assert.deepEqual(spans(`use ${real} now`), [[real, 'openai-key']]);
    assert.deepEqual(spans('use sk-abcdefghijklmnopqrstuvwxyz now'), []);
    assert.deepEqual(spans('use sk-ABCDEFGHIJKLMNOPQRSTUVW123 now'), []);
    const ant = `sk-ant-api03-${'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'}`;
    assert.deepEqual(
      detectSecrets(`use ${ant} now`).map((f) => f.kind),
      ['anthropic-key'],
    );
  });

  it('takes a value of one repeated character for a placeholder only when the whole value repeats', () => {
    assert.equal(isPlaceholder('aaaaaaaa'), true);
    assert.equal(isPlaceholder('aaaaaaaaB7x!kQ2'), false);
    assert.equal(isPlaceholder('xxxx'), true);
    assert.equal(isPlaceholder('xxxxQ7'), false);
    assert.equal(isPlaceholder('****'), true);
    assert.equal(isPlaceholder('...'), true);
    assert.equal(isPlaceholder('your_api_key'), true);
    assert.equal(isPlaceholder('yourkey'), true);
    assert.equal(isPlaceholder('y0urQ7'), false);
    assert.equal(isPlaceholder('my-token'), true);
    assert.equal(isPlaceholder('db_password-for-prod'), true);
    assert.equal(isPlaceholder('Zq81xT0pLm'), false);
  });
});
