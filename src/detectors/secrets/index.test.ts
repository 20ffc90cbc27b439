import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shannonEntropy } from '../finding.js';
import { detectSecrets, openSecretFrom } from './index.js';

const kinds = (text: string, held: string[] = []) => detectSecrets(text, { held }).map((f) => f.kind);
const spans = (text: string) => detectSecrets(text).map((f) => text.slice(f.start, f.end));

// Test fixtures are assembled from parts so that no complete credential sits in the source.
const ghp = `ghp_${'a1B2c3D4e5'.repeat(3)}x9Y8z7`;
const aws = `AKIA${'2E3F4G5H6J7K2L3M'}`;

test('known credential formats are found with their kind', () => {
  const cases: [string, string][] = [
    [`key ${aws} here`, 'aws-access-key-id'],
    [`aws_secret_access_key = ${'wJalrXUtnFEMI/K7MDENG/bPxRfiCY'}9q8w7e6r5T`, 'aws-secret-access-key'],
    [`AIza${'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'}`, 'gcp-api-key'],
    [
      `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${'Ab1+'.repeat(21)}Ab==;`,
      'azure-storage-key',
    ],
    [ghp, 'github-token'],
    [`glpat-${'Xy12'.repeat(5)}`, 'gitlab-token'],
    [`xoxb-${'1234567890'}-abcdefghij`, 'slack-token'],
    [`sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`, 'stripe-key'],
    [`sk-ant-api03-${'Ab1_'.repeat(10)}`, 'anthropic-key'],
    [`sk-proj-${'abcDEF1234567890'}abcdefGHIJ`, 'openai-key'],
    [`wdn_k1_${'abcdefghijklmnop'}1234`, 'warden-key'],
    [`eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${'abcDEF123_-x'}`, 'jwt'],
    [`postgres://admin:${'S3cr3tPw'}@db.internal:5432/app`, 'connection-string-password'],
    [`-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----`, 'private-key'],
    ['api_key: "Zx81kQ0pL2mN7vB4cX9"', 'credential-in-context'],
    ['password=Tr0ub4dor3', 'credential-in-context'],
    [`bot ${'6922832127'}:AAEm2DMKEBRO2GNeRhLONJqe4__Roc-QfiA`, 'telegram-bot-token'],
    ['Authorization: Bearer abcDEF1234567890ghiJKL', 'bearer-token'],
  ];
  for (const [text, kind] of cases) assert.deepEqual(kinds(text), [kind], text);
});

test('only the secret part of a contextual match is reported', () => {
  assert.deepEqual(spans(`postgres://admin:${'S3cr3tPw'}@db:5432/x`), ['S3cr3tPw']);
  assert.deepEqual(spans('token = "Zx81kQ0pL2mN7vB4cX9",'), ['Zx81kQ0pL2mN7vB4cX9']);
});

test('exact copies of held secrets are found even without a known format', () => {
  const held = 'plain-held-value-1234';
  assert.deepEqual(kinds(`the key is ${held}.`, [held]), ['held-secret']);
  assert.deepEqual(kinds('the key is plain-held-value-123', [held]), []);
});

test('held secrets are found base64-, hex- and URL-encoded, at any alignment', () => {
  const held = 'held/secret+value:2024';
  for (const prefix of ['', 'a', 'ab', 'abc']) {
    const b64 = Buffer.from(`${prefix}${held} tail`).toString('base64');
    assert.deepEqual(kinds(`data ${b64} end`, [held]), ['held-secret-encoded'], `alignment ${prefix.length}`);
  }
  const url = Buffer.from(held).toString('base64url');
  assert.deepEqual(kinds(`u ${url}`, [held]), ['held-secret-encoded']);
  assert.deepEqual(kinds(`hex ${Buffer.from(held).toString('hex')}`, [held]), ['held-secret-encoded']);
  assert.deepEqual(kinds(`q=${encodeURIComponent(held)}`, [held]), ['held-secret-encoded']);
  assert.deepEqual(kinds(`b ${Buffer.from('another value entirely').toString('base64')}`, [held]), []);
});

test('near misses are not secrets', () => {
  const benign = [
    'id 123e4567-e89b-12d3-a456-426614174000', // UUID without credential context
    'commit 3f786850e387550fdab836ed7e6dc881de23001b', // git SHA
    'AKIAIOSFODNN7EXAMPLE is the documented example key',
    '![png](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)',
    'const password: string = process.env.DB_PASSWORD;',
    'password: ********',
    "db.connect({ user: 'john', password: 'secret123' })",
    'postgres://user:password@localhost/db',
    `postgres://user:${'$'}{PGPASSWORD}@localhost/db`,
    'max_tokens: 1024, token_count: 3',
    'the password is incorrect, try again',
    'sk-learn is not a key; neither is sk-abcdefghijklmnopqrstuvwxyz',
    'apiKey = config.openai.apiKey',
  ];
  for (const text of benign) assert.deepEqual(kinds(text), [], text);
});

test('an unfinished key block or long token at the end is reported open', () => {
  assert.equal(openSecretFrom('text -----BEGIN PRIVATE KEY-----\nMIIE'), 5);
  assert.equal(openSecretFrom('done -----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----'), -1);
  assert.equal(openSecretFrom(`see ${ghp.slice(0, 20)}`), 4);
  assert.equal(openSecretFrom('a short word'), -1);
  assert.equal(openSecretFrom('leak: abcd', ['abcdefghijkl']), 6);
});

// Variants a model (or an attacker steering it) uses to slip a secret past a reader of raw text.
const INVISIBLE = [
  '\u200b',
  '\u00ad',
  '\u2060',
  '\u200c',
  '\u200d',
  '\ufeff',
  '\u202e',
  '\u180e',
  '\u{e0020}',
];
const fullWidthDigits = (s: string) => s.replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d)));

function variantsOf(secret: string): [string, string][] {
  const mid = Math.floor(secret.length / 2);
  const out: [string, string][] = INVISIBLE.map((c) => [
    `U+${c.codePointAt(0)!.toString(16)} inside`,
    secret.slice(0, 4) + c + secret.slice(4, mid) + c + secret.slice(mid),
  ]);
  out.push(['one invisible character between every character', Array.from(secret).join('\u200b')]);
  out.push(['Cyrillic look-alikes', secret.replace(/p/g, 'р').replace(/a/g, 'а').replace(/e/g, 'е')]);
  out.push(['Greek look-alikes', secret.replace(/o/g, 'ο').replace(/i/g, 'ι')]);
  out.push(['full-width digits', fullWidthDigits(secret)]);
  out.push(['HTML entities', secret.replace(/_/g, '&#95;').replace(/g/, '&#x67;')]);
  out.push(['markdown escapes', secret.replace(/_/g, '\\_')]);
  return out;
}

test('every invisible-character, look-alike and markup variant of a known-format secret is found, original span', () => {
  for (const secret of [ghp, `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`, `glpat-${'Xy12'.repeat(5)}`]) {
    for (const [name, variant] of variantsOf(secret)) {
      const text = `the token is ${variant} - keep it safe`;
      const found = detectSecrets(text);
      assert.equal(found.length, 1, `${name}: ${JSON.stringify(variant)}`);
      assert.equal(text.slice(found[0]!.start, found[0]!.end), variant, name);
    }
  }
});

test('a held secret spelled out with separators is found, and its spelling is held open while streaming', () => {
  const held = 'Zq81-hidden/Value';
  for (const sep of [' ', '-', '.', ' / ', '\u200b', ', ']) {
    const spelled = Array.from(held).join(sep);
    const text = `it is ${spelled} ok`;
    const found = detectSecrets(text, { held: [held] });
    assert.deepEqual(
      found.map((f) => [f.kind, text.slice(f.start, f.end)]),
      [['held-secret', spelled]],
      JSON.stringify(sep),
    );
    const partial = `it is ${spelled.slice(0, Math.floor(spelled.length * 0.6))}`;
    assert.equal(openSecretFrom(partial, [held]), 'it is '.length, JSON.stringify(sep));
  }
  assert.deepEqual(kinds('Z q 8 1 is not it', [held]), []);
});

const found = (text: string, opts: Parameters<typeof detectSecrets>[1] = {}) =>
  detectSecrets(text, opts).map((f) => [f.kind, text.slice(f.start, f.end), f.confidence]);

test('a value in credential context counts when it looks generated, not when it is a name, number or URL', () => {
  const ctx = (v: string) => ['credential-in-context', v, 0.7];
  assert.deepEqual(found('api_key = abc123def456.'), [ctx('abc123def456')], 'trailing prose dots are cut');
  assert.deepEqual(found('auth-token: aB3dE5gH7jK9'), [ctx('aB3dE5gH7jK9')]);
  assert.deepEqual(found('credential: "aB3dE5gH7jK9mN"'), [ctx('aB3dE5gH7jK9mN')]);
  for (const text of [
    'api_key = abc123def45', // 11 characters: too short for a token
    'token: 12345678901234', // a number
    'secret_key => https://e.net/abc123', // a URL
    'access_key_id := ENV_NAME_12', // an environment variable's name
    'token is config.some.path1', // a property path
    'client_secret: string', // a type
    'refresh_token=aaaabbbbcccc1111', // too little entropy
    'my_service_token = abcdefghijklmnop', // no digit
    'token = 1234567890abcdefgh'.replace(/[a-z]/g, ''), // digits only
    'xapi_key=aB3dE5gH7jK9mN', // the keyword glued to a word
    'api_keyx=aB3dE5gH7jK9mN',
  ])
    assert.deepEqual(found(text), [], text);
  assert.deepEqual(found('token=aB3dE5gH7jK9mN', { minEntropy: 4.5 }), [], 'a stricter entropy floor');
});

test('a password in context needs letters and digits, or three character classes, not twelve characters', () => {
  const ctx = (v: string) => ['credential-in-context', v, 0.7];
  assert.deepEqual(found('password is Tr0ub4'), [ctx('Tr0ub4')]);
  assert.deepEqual(found('pwd=ab!cD-'), [ctx('ab!cD-')]);
  assert.deepEqual(found('passphrase: abc.def!G'), [ctx('abc.def!G')]);
  assert.deepEqual(found('password is trouba'), [], 'letters alone');
  assert.deepEqual(found('password: Tr0ub'), [], 'under six characters');
});

test('a bearer token needs sixteen characters and a digit, and is not a placeholder', () => {
  assert.deepEqual(found('Bearer abcdefghijklmnop1'), [['bearer-token', 'abcdefghijklmnop1', 0.8]]);
  assert.deepEqual(found('Bearer ab1defghijklmnop=='), [['bearer-token', 'ab1defghijklmnop==', 0.8]]);
  assert.deepEqual(found('Bearer abcdefghijklmnopqrst'), [], 'no digit');
  assert.deepEqual(found('Bearer abcdefghijklmn1'), [], 'fifteen characters');
  assert.deepEqual(found('Bearer your_token_here_1234'), [], 'a placeholder');
});

test('held secrets under eight characters are ignored; an exact copy has full confidence', () => {
  assert.deepEqual(found('x short12 y', { held: ['short12'] }), []);
  assert.deepEqual(found('x abcdefgh y', { held: ['abcdefgh'] }), [['held-secret', 'abcdefgh', 1]]);
  const held = 'held/secret+value:2024';
  const hex = Buffer.from(held).toString('hex');
  assert.deepEqual(found(`x ${hex} y`, { held: [held] }), [['held-secret-encoded', hex, 0.95]]);
});

test('a held secret arriving at the end is held open from its first four characters, in the view', () => {
  assert.equal(openSecretFrom('x abc', ['abcdefgh']), -1, 'three characters are not enough');
  assert.equal(openSecretFrom('x abcd', ['abcdefgh']), 2);
  assert.equal(openSecretFrom('x abcdefg', ['abcdefgh']), 2);
  assert.equal(openSecretFrom('x abcdefgh', ['abcdefgh']), -1, 'complete: found, not open');
  assert.equal(openSecretFrom('x a\u200bbcde', ['abcdefgh']), 2, 'an invisible character inside');
  assert.equal(openSecretFrom('x -----BEGIN RSA'), 2, 'a key header still arriving');
  assert.equal(openSecretFrom('x -----BEGIN PRIVATE KEY-----\n-----END '), -1);
  assert.equal(
    openSecretFrom(`ab -----BEGIN PRIVATE KEY-----\nMIIE ${ghp.slice(0, 20)}`),
    3,
    'the earliest open start wins',
  );
  assert.equal(openSecretFrom(`ab ${ghp.slice(0, 20)}`, ['abcdefgh']), 3, 'a long token, no held prefix');
  assert.equal(openSecretFrom(`-----BEGIN x abcd`, ['abcdefgh']), 0, 'a header before a held prefix');
});

test('a context value is judged whole: a type name, URL or environment name only when it is all of the value', () => {
  const ctx = (v: string) => ['credential-in-context', v, 0.7];
  for (const v of ['Xk9mQ2vL7pRtoken', 'stringXk9mQ2vL7pR', '9Kq2xW.conf1gValue', 'aB3dE5gH7jK9http:x'])
    assert.deepEqual(found(`token: ${v}`), [ctx(v)], v);
  assert.deepEqual(
    found('password: ABCDEF_xk9m2Qp7'),
    [ctx('ABCDEF_xk9m2Qp7')],
    'capitals, then a generated tail',
  );
  for (const text of [
    'password: DEPLOY_TOKEN_2024', // an environment variable's name, though it has letters and digits
    'password: changeme1', // a documented example
    'password: ab1...', // three characters once the prose dots are cut
    'password: 1234-5678', // no letter: a number with a dash
    'token: http://e.net/abc123x9', // a URL
    'token: HTTPS://e.net/abc123x9',
  ])
    assert.deepEqual(found(text), [], text);
});

test('a password in context counts with letters and digits alone, and its trailing prose dots are not part of it', () => {
  const ctx = (v: string) => ['credential-in-context', v, 0.7];
  assert.deepEqual(found('password: blue7horse'), [ctx('blue7horse')], 'two character classes');
  assert.deepEqual(found('password is Zq81xT0pLm9..'), [ctx('Zq81xT0pLm9')]);
  assert.deepEqual(found('password is Zq81xT0pLm9:.'), [ctx('Zq81xT0pLm9')]);
});

test('a context token exactly at the entropy floor counts', () => {
  const v = 'ab12cd34ab12cd34'; // eight symbols, each twice: exactly 3 bits each
  assert.equal(shannonEntropy(v), 3);
  assert.deepEqual(found(`token=${v}`), [['credential-in-context', v, 0.7]]);
  assert.deepEqual(found(`token=${v}`, { minEntropy: 3.01 }), []);
});

test('a bearer token may follow several spaces', () => {
  assert.deepEqual(found('Bearer   abcdefghijklmnop1'), [['bearer-token', 'abcdefghijklmnop1', 0.8]]);
});

test('a cut key block after a whole one runs to the end, not to the earlier footer', () => {
  const whole = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
  const cut = '-----BEGIN PRIVATE KEY-----\nMIIEowIBAAKCAQEA';
  const text = `${whole}\n${cut}`;
  assert.deepEqual(
    detectSecrets(text).map((f) => text.slice(f.start, f.end)),
    [whole, cut],
  );
});

test('without held secrets nothing is held or found for them, even for the word undefined', () => {
  assert.deepEqual(found('the value is undefined here'), []);
  assert.equal(openSecretFrom('\u200bplain words'), -1, 'no open secret in a text the view rewrites');
  assert.equal(openSecretFrom('\u200bkey: -----BEGIN RSA'), 6, 'an open block is placed in the original');
});
