import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WardenError } from '../core/errors.js';
import { MemoryBanStore, MemoryKeyStore } from '../store/memory/identity.js';
import type { AuditRecord, AuditStore, KeyRecord } from '../store/types.js';
import { anonymousAccess } from './access.js';
import { DEFAULT_KEY_SCOPES, IdentityAdmin, keyView } from './admin.js';
import { parseKey, secretMatches } from './keys.js';

const serverSecret = Buffer.alloc(32, 9);

function setup() {
  const keys = new MemoryKeyStore();
  const bans = new MemoryBanStore();
  const events: AuditRecord[] = [];
  const ended: string[] = [];
  const audit = { append: (r: AuditRecord) => events.push(r) } as unknown as AuditStore;
  const sessions = { endForKey: (id: string) => void ended.push(id) } as never;
  const admin = new IdentityAdmin({ keys, bans, serverSecret, audit, sessions });
  return { admin, keys, bans, events, ended };
}

const record = (over: Partial<KeyRecord> = {}): KeyRecord => ({
  id: 'k1',
  principal: 'p1',
  name: 'n',
  scopes: ['chat'],
  models: ['*'],
  labels: {},
  hash: 'h',
  createdAt: 1,
  ...over,
});

async function refused(p: Promise<unknown>, code: string, detail?: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof WardenError);
    assert.equal(e.code, code);
    if (detail) assert.match(e.message, detail);
    return true;
  });
}

describe('keyView', () => {
  it('never shows the hash, and tells revoked, expired and active apart', () => {
    const view = keyView(record(), 10);
    assert.equal('hash' in view, false);
    assert.equal(view.status, 'active');
    assert.equal(keyView(record({ revokedAt: 5, expiresAt: 1 }), 10).status, 'revoked');
    assert.equal(keyView(record({ expiresAt: 10 }), 10).status, 'expired');
    assert.equal(keyView(record({ expiresAt: 11 }), 10).status, 'active');
  });
});

describe('IdentityAdmin.createKey', () => {
  it('stores only a keyed hash of the secret, with default scopes and every model, and audits the creation', async () => {
    const { admin, keys, events } = setup();
    const { token, key } = await admin.createKey({ name: 'ci' }, 'admin:alice');
    const parsed = parseKey(token);
    assert.ok(parsed);
    assert.equal(key.id, parsed.id);
    const stored = await keys.get(parsed.id);
    assert.ok(stored);
    assert.equal(secretMatches(serverSecret, parsed.secret, stored.hash), true);
    assert.equal(stored.hash.includes(parsed.secret), false);
    assert.equal(stored.principal, `key:${parsed.id}`);
    assert.deepEqual(stored.scopes, ['chat', 'completions', 'embeddings', 'models']);
    assert.deepEqual(stored.models, ['*']);
    assert.deepEqual(stored.labels, {});
    assert.equal(stored.expiresAt, undefined);
    assert.equal('owner' in stored || 'tenant' in stored, false);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.kind, 'key.create');
    assert.equal(events[0]?.principal, 'admin:alice');
    assert.equal(events[0]?.outcome, 'event');
    assert.match(String(events[0]?.requestId), /^admin-[0-9a-z]+$/);
    assert.deepEqual(events[0]?.detail, {
      keyId: parsed.id,
      name: 'ci',
      scopes: DEFAULT_KEY_SCOPES,
      models: ['*'],
    });
    assert.equal(JSON.stringify(events).includes(parsed.secret), false);
  });

  it('keeps the given scopes, models, owner, tenant, labels and expiry', async () => {
    const { admin, keys } = setup();
    const before = Date.now();
    const { key } = await admin.createKey(
      {
        name: 'team',
        scopes: ['chat', 'admin'],
        models: ['gpt-*'],
        owner: 'bob',
        tenant: 't1',
        labels: { env: 'prod' },
        expiresInMs: 60_000,
      },
      'admin',
      'svc:team',
    );
    const stored = (await keys.get(key.id)) as KeyRecord;
    assert.equal(stored.principal, 'svc:team');
    assert.deepEqual(stored.scopes, ['chat', 'admin']);
    assert.deepEqual(stored.models, ['gpt-*']);
    assert.equal(stored.owner, 'bob');
    assert.equal(stored.tenant, 't1');
    assert.deepEqual(stored.labels, { env: 'prod' });
    assert.ok(stored.expiresAt !== undefined);
    assert.ok(stored.expiresAt >= before + 60_000 && stored.expiresAt <= Date.now() + 60_000);
    assert.equal(key.status, 'active');
  });

  it('refuses unknown scopes and a missing or overlong name, storing nothing', async () => {
    const { admin, keys, events } = setup();
    await refused(
      admin.createKey({ name: 'x', scopes: ['chat', 'root', 'sudo'] }, 'a'),
      'WARDEN_BAD_REQUEST',
      /unknown scope\(s\): root, sudo \(known: chat, completions, embeddings, models, admin, approver, scan, metrics\)/,
    );
    await refused(admin.createKey({ name: '' }, 'a'), 'WARDEN_BAD_REQUEST', /name is required/);
    await refused(admin.createKey({ name: 'n'.repeat(101) }, 'a'), 'WARDEN_BAD_REQUEST', /1-100/);
    await admin.createKey({ name: 'n'.repeat(100) }, 'a');
    assert.equal((await keys.list()).length, 1);
    assert.equal(events.length, 1);
  });
});

describe('IdentityAdmin: revoke and rotate', () => {
  it('revokes a key, ends its console sessions and audits it; a second revoke keeps the first time', async () => {
    const { admin, keys, events, ended } = setup();
    const { key } = await admin.createKey({ name: 'r' }, 'a');
    const view = await admin.revokeKey(key.id, 'admin:bob');
    assert.equal(view.status, 'revoked');
    const first = (await keys.get(key.id))?.revokedAt;
    assert.ok(first !== undefined);
    assert.deepEqual(ended, [key.id]);
    assert.deepEqual(
      events.map((e) => [e.kind, e.principal, e.detail]),
      [
        ['key.create', 'a', events[0]?.detail],
        ['key.revoke', 'admin:bob', { keyId: key.id }],
      ],
    );
    await keys.update(key.id, { revokedAt: 42 });
    assert.equal((await admin.revokeKey(key.id, 'a')).revokedAt, 42);
    assert.equal((await keys.get(key.id))?.revokedAt, 42);
  });

  it('answers not found for an unknown key, with the id cut short', async () => {
    const { admin } = setup();
    await refused(admin.revokeKey('x'.repeat(80), 'a'), 'WARDEN_ADMIN_NOT_FOUND');
    await assert.rejects(admin.revokeKey('y'.repeat(80), 'a'), (e: unknown) => {
      assert.ok(e instanceof WardenError);
      assert.equal(e.message.includes('y'.repeat(41)), false);
      assert.equal(e.message.includes('y'.repeat(40)), true);
      return true;
    });
    await refused(admin.rotateKey('nope', 1000, 'a'), 'WARDEN_ADMIN_NOT_FOUND');
  });

  it('rotates to a successor with the same principal and privileges; the old key lives for the grace only', async () => {
    const { admin, keys, events, ended } = setup();
    const { key: old } = await admin.createKey(
      { name: 'svc', scopes: ['chat'], models: ['m1'], owner: 'o', tenant: 't', labels: { a: 'b' } },
      'a',
    );
    const before = Date.now();
    const out = await admin.rotateKey(old.id, 5_000, 'admin:carol');
    const next = (await keys.get(out.key.id)) as KeyRecord;
    const prev = (await keys.get(old.id)) as KeyRecord;
    assert.notEqual(next.id, old.id);
    assert.equal(next.principal, old.principal);
    assert.deepEqual(
      [next.name, next.scopes, next.models, next.owner, next.tenant, next.labels],
      ['svc', ['chat'], ['m1'], 'o', 't', { a: 'b' }],
    );
    assert.equal(next.expiresAt, undefined);
    assert.equal(prev.rotatedTo, next.id);
    assert.ok(prev.expiresAt !== undefined && prev.expiresAt >= before + 5_000);
    assert.ok(prev.expiresAt <= Date.now() + 5_000);
    assert.equal(out.previous.rotatedTo, next.id);
    assert.equal(out.previous.expiresAt, prev.expiresAt);
    assert.equal(parseKey(out.token)?.id, next.id);
    assert.deepEqual(ended, [old.id]);
    assert.deepEqual(events.at(-1)?.detail, { keyId: old.id, successor: next.id, graceMs: 5_000 });
    assert.equal(events.at(-1)?.kind, 'key.rotate');
    assert.equal(events.at(-1)?.principal, 'admin:carol');
  });

  it('gives the successor what was left of an expiring key, and never lengthens the old one past its expiry', async () => {
    const { admin, keys } = setup();
    const { key } = await admin.createKey({ name: 'e', expiresInMs: 10_000 }, 'a');
    const oldExpiry = (await keys.get(key.id))?.expiresAt as number;
    const out = await admin.rotateKey(key.id, 3_600_000, 'a');
    const next = (await keys.get(out.key.id)) as KeyRecord;
    assert.ok(next.expiresAt !== undefined);
    assert.ok(next.expiresAt <= oldExpiry + 50 && next.expiresAt >= oldExpiry - 1_000);
    assert.equal((await keys.get(key.id))?.expiresAt, oldExpiry);
  });

  it('gives no expiry-in-the-past to the successor of an already expired key', async () => {
    const { admin, keys } = setup();
    const { key } = await admin.createKey({ name: 'e' }, 'a');
    await keys.update(key.id, { expiresAt: Date.now() - 1_000 });
    const out = await admin.rotateKey(key.id, 1_000, 'a');
    assert.equal((await keys.get(out.key.id))?.expiresAt, undefined);
  });

  it('refuses to rotate a revoked key', async () => {
    const { admin, keys } = setup();
    const { key } = await admin.createKey({ name: 'r' }, 'a');
    await admin.revokeKey(key.id, 'a');
    await refused(admin.rotateKey(key.id, 1000, 'a'), 'WARDEN_BAD_REQUEST', /revoked key cannot be rotated/);
    assert.equal((await keys.list()).length, 1);
  });
});

describe('IdentityAdmin: bans', () => {
  it('adds a ban with its reason, author and expiry, audits it, lists and removes it', async () => {
    const { admin, bans, events } = setup();
    const before = Date.now();
    const ban = await admin.addBan('key:x', 'scraping', 60_000, 'admin:dan');
    assert.equal(ban.principal, 'key:x');
    assert.equal(ban.reason, 'scraping');
    assert.equal(ban.by, 'admin:dan');
    assert.ok(ban.expiresAt !== undefined && ban.expiresAt >= before + 60_000);
    assert.deepEqual(await bans.get('key:x'), ban);
    assert.deepEqual(await admin.listBans(), [ban]);
    assert.equal(events[0]?.kind, 'ban.add');
    assert.deepEqual(events[0]?.detail, { banned: 'key:x', reason: 'scraping', expiresAt: ban.expiresAt });
    assert.equal(await admin.removeBan('key:x', 'admin:dan'), true);
    assert.equal(await bans.get('key:x'), undefined);
    assert.deepEqual(
      events.map((e) => e.kind),
      ['ban.add', 'ban.remove'],
    );
    assert.deepEqual(events[1]?.detail, { banned: 'key:x' });
  });

  it('bans without expiry and says so when no reason is given', async () => {
    const { admin } = setup();
    const ban = await admin.addBan('key:y', '', undefined, 'a');
    assert.equal(ban.reason, 'no reason given');
    assert.equal('expiresAt' in ban, false);
  });

  it('refuses a ban without a principal, and audits no removal of a ban that did not exist', async () => {
    const { admin, bans, events } = setup();
    await refused(admin.addBan('', 'r', undefined, 'a'), 'WARDEN_BAD_REQUEST', /principal is required/);
    assert.deepEqual(await bans.list(), []);
    assert.equal(await admin.removeBan('key:none', 'a'), false);
    assert.deepEqual(events, []);
  });
});

describe('anonymousAccess', () => {
  it('names every caller anonymous with every scope, and admits without limits', async () => {
    const access = anonymousAccess();
    const p = await access.authenticate({} as never);
    assert.deepEqual(p, { id: 'anonymous', kind: 'anonymous', scopes: ['*'] });
    assert.equal(Object.isFrozen(p), true);
    assert.equal(access.canSeeModel(p, 'any'), true);
    access.authorize(p, 'chat', 'm');
    access.requireScope(p, 'admin');
    const admission = await access.admit(p, 'chat', {});
    assert.deepEqual(admission.headers, {});
    admission.release(undefined);
  });
});
