// Each vendor format: found with its kind and exact span, and its near misses (too short, glued to a word,
// documented examples) are not. Fixtures are assembled from parts so no complete credential sits in the source.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { credentialFormats, formatsMaxSpan, isPlaceholder } from './formats.js';
import { detectSecrets } from './index.js';

const found = (text: string) => detectSecrets(text).map((f) => [f.kind, text.slice(f.start, f.end)]);
const rep = (s: string, n: number) => s.repeat(n);

/** [kind, secret as reported, text around it ('@' stands for the secret), near misses]. */
const cases: [string, string, string, string[]][] = [
  [
    'aws-access-key-id',
    `ASIA${'2E3F4G5H6J7K2L3M'}`,
    'id @ here',
    [
      `ASIA${'2E3F4G5H6J7K2L3'}`,
      `xASIA${'2E3F4G5H6J7K2L3M'}`,
      `AKIA${'2E3F4G5H6J7K2L3M'}9`,
      `AKIA${'EXAMPLE'}`,
    ],
  ],
  ['aws-access-key-id', `AKIA${'EXAMPLE23456ABCD'}`, 'id @ here', []], // only a documented example ends in EXAMPLE
  [
    'aws-secret-access-key',
    `${'EXAMPLEKEY'}${rep('wJalrXUtnF', 3)}`,
    '{"awsSecretAccessKey":"@"}', // camelCase, a quoted JSON key, no space: all forms of the name
    [],
  ],
  [
    'gcp-api-key',
    `AIza${'SyA1b2C3d4'}${rep('E5f6G7h8i9', 2)}${'J0k1L'}`,
    'key @ here',
    [
      `AIza${'SyA1b2C3d4'}${rep('E5f6G7h8i9', 2)}${'J0k1Lx'}`,
      `AIza${'SyA1b2C3d4'}${rep('E5f6G7h8i9', 2)}${'J0k1L-x'}`,
    ],
  ],
  [
    'slack-token',
    `xoxb-${'1234567890'}-${'abcDEF'}`,
    'tok @ ok',
    [`xoxb-${'123456789'}`, `xoxz-${'1234567890'}`],
  ],
  [
    'aws-secret-access-key',
    `${rep('wJalrXUtnF', 3)}ab12/Cd+Ef`,
    'AWS_SECRET_KEY: "@"',
    [
      `aws_secret_key = ${rep('wJalrXUtnF', 3)}ab12/Cd+E`,
      `aws_secret_key = ${rep('wJalrXUtnF', 3)}ab12/Cd+Ef9`,
    ],
  ],
  [
    'gcp-oauth-token',
    `ya29.${'a0AfH6SMBx1234567890abc'}`,
    'Authorization: @',
    [`ya29.${'a0AfH6SMBx123456789'}`, `xya29.${'a0AfH6SMBx1234567890abc'}`],
  ],
  [
    'azure-sas-signature',
    `${rep('Ab1%2B', 7)}`,
    'https://x.blob.core.windows.net/c?sv=2020&sig=@',
    [`https://x/?sig=${rep('Ab1%2B', 6)}`],
  ],
  [
    'azure-client-secret',
    `abc8Q~${rep('Ab1_', 8)}`,
    'secret @ end',
    [`abc8Q~${rep('Ab1_', 7)}`, `abcdQ~${rep('Ab1_', 8)}`],
  ],
  [
    'github-token',
    `github_pat_${rep('11ABCDEFG0', 6)}`,
    'pat @',
    [`github_pat_${rep('11ABCDEFG0', 5)}123456789`],
  ],
  [
    'github-token',
    `gho_${rep('a1B2c3', 6)}`,
    'tok @',
    [`gho_${rep('a1B2c3', 5)}a1B2c`, `ghx_${rep('a1B2c3', 6)}`],
  ],
  [
    'gitlab-token',
    `glrt-${rep('Xy12', 5)}`,
    'runner @',
    [`glrt-${rep('Xy12', 4)}Xy1`, `glzz-${rep('Xy12', 5)}`],
  ],
  [
    'slack-webhook',
    `https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${rep('aB3', 8)}`,
    'post to @ now',
    [`https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${rep('aB3', 6)}`],
  ],
  [
    'stripe-key',
    `rk_test_${rep('4eC39HqL', 2)}`,
    'key @',
    [`rk_test_${'4eC39HqLyjWDarj'}`, `pk_test_${rep('4eC39HqL', 2)}`],
  ],
  ['stripe-webhook-secret', `whsec_${rep('4eC39HqL', 3)}`, 'hook @', [`whsec_${rep('4eC39HqL', 2)}4eC39Hq`]],
  [
    'anthropic-key',
    `sk-ant-admin01-${rep('Ab1_', 8)}`,
    'key @',
    [`sk-ant-admin01-${rep('Ab1_', 7)}Ab1`, `sk-ant-user01-${rep('Ab1_', 8)}`],
  ],
  [
    'openai-key',
    `sk-svcacct-${'abcDEF1234567890'}abcd`,
    'key @',
    [`sk-${'abcdefghij'}abcdefghij`, `sk-${'ABCDEFGHIJ'}1234567890`, `sk-${'abcDEF_ghi'}JKL-mnoPQR`],
  ],
  // Three character classes are enough; no prefix word is needed.
  ['openai-key', `sk-${'abcDEF1234'}567890abcd`, 'key @ here', []],
  [
    'telegram-bot-token',
    `${'69228321'}:AA${rep('Em2DMKEBRO2', 3)}`,
    'bot @',
    [`${'6922832'}:AA${rep('Em2DMKEBRO2', 3)}`, `${'69228321'}:AA${rep('Em2DMKEBRO2', 3)}x`],
  ],
  ['huggingface-token', `hf_${rep('aBcD1', 7)}`, 'token @', [`hf_${rep('aBcD1', 6)}aBc`]],
  [
    'npm-token',
    `npm_${rep('aBcD1e', 6)}`,
    'token @',
    [`npm_${rep('aBcD1e', 6)}x`, `npm_${rep('aBcD1e', 5)}aBcD1`],
  ],
  [
    'sendgrid-key',
    `SG.${rep('aB3_x', 4)}aB.${rep('cD4-y', 8)}cD4`,
    'key @',
    [`SG.${rep('aB3_x', 4)}a.${rep('cD4-y', 8)}cD4`],
  ],
  [
    'warden-key',
    `wdn_k1_${rep('abcdefgh', 2)}`,
    'key @ here',
    [`wdn_k1_${'abcdefghijklmno'}`, `wdn_k_${rep('abcdefgh', 2)}`],
  ],
  ['jwt', `eyJhbGciOiJ.eyJzdWIiOiJ.`, 'jwt @', [`eyJhbGciOi.eyJzdWIiOiJ.x`, `eyJhbGciOiJ.eyIzdWIiOiJ.x`]],
  ['jwt', `eyJhbGciOiJ.eyJzdWIiOiJ.${'sig_1-x'}`, 'jwt @ end', []],
];

describe('credential formats', () => {
  for (const [kind, secret, around, misses] of cases) {
    it(`${kind}: ${around.replace('@', secret.slice(0, 12))}...`, () => {
      const text = around.replace('@', secret);
      assert.deepEqual(found(text), [[kind, secret]]);
      for (const miss of misses)
        assert.ok(!found(`x ${miss} y`).some(([k]) => k === kind), `not ${kind}: ${miss}`);
    });
  }

  it('an azure storage key is the 88 characters after AccountKey=', () => {
    const key = `${rep('Ab1+', 21)}Ab==`;
    assert.deepEqual(found(`AccountName=x;AccountKey=${key};`), [['azure-storage-key', key]]);
    assert.deepEqual(found(`AccountKey=${rep('Ab1+', 21)}A==;`), []);
  });

  it('a connection string reports only its password, and not a placeholder one', () => {
    const pw = `Zq8${'v1K9'}`;
    assert.deepEqual(found(`mysql://root:${pw}@10.0.0.1/db`), [['connection-string-password', pw]]);
    assert.deepEqual(found('redis://u:changeme@cache:6379'), []);
    assert.deepEqual(found(`x://u:${pw}@host`), [], 'a one-letter scheme is no scheme');
  });

  it('a private key block spans header to footer, or to the end when the footer is missing', () => {
    const block = `-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----`;
    assert.deepEqual(found(`key:\n${block}\ndone`), [['private-key', block]]);
    const open = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE';
    assert.deepEqual(found(`x ${open}`), [['private-key', open]]);
    assert.deepEqual(found('-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----'), []);
  });

  it('the OpenAI format never claims an Anthropic key, which has its own kind', () => {
    const openai = credentialFormats.find((f) => f.kind === 'openai-key')!;
    assert.equal(openai.validate?.(`sk-ant-api03-${rep('Ab1_', 8)}`), false);
    assert.equal(openai.validate?.(`sk-ant${rep('Ab1_', 8)}`), true, 'only the sk-ant- prefix is Anthropic');
  });

  it('every hint is a literal of at least two characters that each sample contains', () => {
    // The hint skips a format's regex on text without it: an empty hint would skip nothing, a wrong one would
    // hide the format. Every sample above must contain one of its format's hints.
    for (const f of credentialFormats)
      for (const h of f.hint ?? []) assert.ok(h.length >= 2, `${f.kind}: '${h}'`);
    const samples = new Map<string, string[]>();
    for (const [kind, secret, around] of cases)
      samples.set(kind, [...(samples.get(kind) ?? []), around.replace('@', secret)]);
    for (const f of credentialFormats) {
      for (const text of samples.get(f.kind) ?? []) {
        f.re.lastIndex = 0;
        if (f.re.test(text)) assert.ok(f.hint?.some((h) => text.includes(h)) ?? true, `${f.kind}: ${text}`);
      }
    }
    // Every hint of a many-hint format leads to a find: no dead alternative.
    const aws = (h: string) => `id ${h}${'2E3F4G5H6J7K2L3M'} here`;
    for (const h of ['AKIA', 'ASIA', 'ABIA', 'ACCA'])
      assert.deepEqual(found(aws(h)), [['aws-access-key-id', `${h}${'2E3F4G5H6J7K2L3M'}`]]);
    for (const h of ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'])
      assert.deepEqual(found(`t ${h}${rep('a1B2c3', 6)} t`), [['github-token', `${h}${rep('a1B2c3', 6)}`]]);
    for (const h of ['sk_live_', 'rk_test_'])
      assert.deepEqual(found(`k ${h}${rep('4eC39HqL', 2)} k`), [['stripe-key', `${h}${rep('4eC39HqL', 2)}`]]);
    assert.deepEqual(
      found(`aws_secret_key = ${rep('wJalrXUtnF', 3)}ab12/Cd+Ef`).map(([k]) => k),
      ['aws-secret-access-key'],
    );
  });

  it('the hold-back covers the longest closed match of every format', () => {
    for (const f of credentialFormats) assert.ok(f.maxLen <= formatsMaxSpan, f.kind);
    assert.equal(formatsMaxSpan, 2048);
  });

  it('placeholders and example passwords are told from values', () => {
    for (const p of [
      '****',
      'xxxx',
      '...',
      'your_password',
      'my-key',
      '<token>',
      `${'$'}{PASS}`,
      '%PASS%',
      '{{pw}}',
      '[pw]',
      'username',
      'secret123',
      'Password1!',
      'aaaaaaa',
      'somepassword',
      'authpassword',
      'db_secret',
      'password-for-30001',
      'db_password-prod',
      'x',
      '*',
      'XxXx',
      'your-key',
      'mykey',
      'user',
      `${'$'}PASS`,
      '%PASS',
      '{pw}',
    ])
      assert.equal(isPlaceholder(p), true, p);
    for (const v of [
      'Tr0ub4dor3',
      'xK9mQ2vL',
      'secret1234567',
      'ab',
      'Z', // one character other than *, . or x is a value (a one-letter password in a connection string)
      'BluePassword77',
      'password-Xk29!q',
      'x7password',
    ])
      assert.equal(isPlaceholder(v), false, v);
  });
});
