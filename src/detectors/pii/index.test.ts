import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aadhaarValid, dniValid, ibanValid, luhnValid, ninoValid, ssnValid } from './checksums.js';
import { detectPii } from './index.js';

const found = (text: string) => detectPii(text).map((f) => [f.kind, text.slice(f.start, f.end)]);

test('checksums accept valid and reject altered identifiers', () => {
  assert.equal(luhnValid('4111111111111111'), true);
  assert.equal(luhnValid('4111111111111112'), false);
  assert.equal(ibanValid('GB82 WEST 1234 5698 7654 32'), true);
  assert.equal(ibanValid('GB82 WEST 1234 5698 7654 33'), false);
  assert.equal(ibanValid('DE89370400440532013000'), true);
  assert.equal(ssnValid('536-22-1234'), true);
  assert.equal(ssnValid('666-22-1234'), false);
  assert.equal(ssnValid('536-00-1234'), false);
  assert.equal(ninoValid('AB123456C'), true);
  assert.equal(ninoValid('GB123456C'), false);
  assert.equal(dniValid('12345678Z'), true);
  assert.equal(dniValid('12345678A'), false);
  assert.equal(aadhaarValid('2341 2341 2346'), aadhaarValid('234123412346'));
});

test('personal data of each kind is found', () => {
  assert.deepEqual(found('mail john.doe@acme.io today'), [['email', 'john.doe@acme.io']]);
  assert.deepEqual(found('call (555) 123-4567 now'), [['phone', '(555) 123-4567']]);
  assert.deepEqual(found('or 555-123-4567.'), [['phone', '555-123-4567']]);
  assert.deepEqual(found('ring +44 20 7946 0958'), [['phone', '+44 20 7946 0958']]);
  assert.deepEqual(found('phone: 020 7946 0958'), [['phone', '020 7946 0958']]);
  assert.deepEqual(found('card 4111 1111 1111 1111 exp'), [['payment-card', '4111 1111 1111 1111']]);
  assert.deepEqual(found('amex 378282246310005'), [['payment-card', '378282246310005']]);
  assert.deepEqual(found('IBAN GB82 WEST 1234 5698 7654 32.'), [['iban', 'GB82 WEST 1234 5698 7654 32']]);
  assert.deepEqual(found('SSN 536-22-1234'), [['us-ssn', '536-22-1234']]);
  assert.deepEqual(found('NI number AB 12 34 56 C'), [['uk-nino', 'AB 12 34 56 C']]);
  assert.deepEqual(found('SIN: 130 692 544'), [['ca-sin', '130 692 544']]);
  assert.deepEqual(found('DNI 12345678Z'), [['es-dni', '12345678Z']]);
});

test('near misses are not personal data', () => {
  const benign = [
    'card 4111 1111 1111 1112 fails Luhn',
    'order 1234567812345678 is not a card prefix', // Luhn-invalid and unknown network
    'timestamp 1700000000000 ms',
    'uuid 123e4567-e89b-12d3-a456-426614174000',
    'sha 3f786850e387550fdab836ed7e6dc881de23001b',
    'write to user@example.com or ops@docs.example.org',
    'git clone git@github.com:org/repo.git',
    'dated 2023-10-12, served from 192.168.100.200',
    'install lodash@4.17.21 and @types/node',
    'SSN 666-12-3456 and 000-12-3456 are invalid',
    'IBAN GB82 WEST 1234 5698 7654 33',
    'pi is 3.14159265358979323846',
    'numbers 100 200 3000 in a list',
  ];
  for (const text of benign) assert.deepEqual(found(text), [], text);
});

test('kinds can be narrowed and e-mail domains ignored', () => {
  assert.deepEqual(
    detectPii('a@corp.io 555-123-4567', { kinds: ['phone'] }).map((f) => f.kind),
    ['phone'],
  );
  assert.deepEqual(detectPii('a@corp.io', { ignoreEmailDomains: ['corp.io'] }), []);
});

test('card numbers with every separator, invisible padding and look-alike digits are found, original span', () => {
  const card = '4111111111111111';
  const groups = card.match(/.{4}/g)!;
  const variants: [string, string][] = [
    ...[' ', '-', '.', '/', ' - ', ' / ', '\u2013', '\u00a0'].map((s): [string, string] => [
      `separator ${JSON.stringify(s)}`,
      groups.join(s),
    ]),
    ...['\u200b', '\u00ad', '\u2060', '\ufeff', '\u202c'].map((c): [string, string] => [
      `U+${c.codePointAt(0)!.toString(16)} between groups`,
      groups.join(c),
    ]),
    ['full-width digits', card.replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d)))],
    ['HTML entities for digits', `&#52;${card.slice(1, 8)}&#x31;${card.slice(9)}`],
  ];
  for (const [name, variant] of variants) {
    const text = `card ${variant} expires 12/29`;
    const found = detectPii(text, { kinds: ['payment-card'] });
    assert.deepEqual(
      found.map((f) => text.slice(f.start, f.end)),
      [variant],
      name,
    );
  }
  // Mixed separators, dates and version numbers are not cards.
  for (const text of ['4111.1111-1111 1111', 'v4.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1', '2024/01/01 10/10/1010'])
    assert.deepEqual(detectPii(text, { kinds: ['payment-card'] }), [], text);
});

test('role mailboxes and image file names are not personal data; a person beside a role word still is', () => {
  const benign = [
    'write to support@acme.io or billing@acme.io',
    'from no-reply@mail.acme.io and donotreply@acme.io',
    'send ideas to product-feedback@acme.io',
    'see the logo button@2x.png and icon@3x.svg',
  ];
  for (const text of benign) assert.deepEqual(found(text), [], text);
  const personal: [string, string][] = [
    ['mail jane.support@acme.io', 'jane.support@acme.io'],
    ['mail support.jane@acme.io', 'support.jane@acme.io'],
    ['mail support+jane@acme.io', 'support+jane@acme.io'],
    ['mail jane@acme.png.io', 'jane@acme.png.io'],
  ];
  for (const [text, address] of personal) assert.deepEqual(found(text), [['email', address]], text);
  // The role rule is a default, not a blind spot: off, role mailboxes are redacted too.
  assert.deepEqual(
    detectPii('write to support@acme.io', { ignoreRoleAddresses: false }).map((f) => f.kind),
    ['email'],
  );
});
