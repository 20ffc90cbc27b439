import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AuditJournal } from './audit-journal.js';
import type { AuditRecord } from './types.js';

const rec = (i: number): AuditRecord => ({
  ts: '2026-01-01T00:00:00.000Z',
  requestId: `r-${i}`,
  kind: 'request',
  principal: 'key:p',
  outcome: 'ok',
});

describe('audit journal', () => {
  it('rotates large files, drops only fully committed ones, and hands every uncommitted entry to a successor', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wj-'));
    try {
      const j = new AuditJournal(dir, 'sqlite', 200);
      const entries = Array.from({ length: 10 }, (_, i) => j.append(rec(i + 1)));
      assert.deepEqual(
        entries.map((e) => e.n),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
      const files = readdirSync(dir).length;
      assert.ok(files > 2, `rotated into ${files} files`);
      j.committedBelow(6);
      assert.ok(readdirSync(dir).length < files, 'committed files are gone');
      // A successor (the same pid counts as dead: a restart) finds every entry from 6 on.
      const next = new AuditJournal(dir, 'sqlite');
      const found = new Set(next.orphans.flatMap((o) => o.entries.map((e) => e.record.requestId)));
      for (let i = 6; i <= 10; i++) assert.ok(found.has(`r-${i}`), `r-${i} survives`);
      next.close(true);
      for (const o of next.orphans) next.discard(o);
      j.committedBelow(undefined);
      j.close(true);
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ignores a torn last line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wj-'));
    try {
      const j = new AuditJournal(dir, 'sqlite');
      j.append(rec(1));
      // The process died in the middle of its second write.
      appendFileSync(join(dir, readdirSync(dir)[0]!), '{"jid":"x:2","rec":{"ts":"2026');
      const next = new AuditJournal(dir, 'sqlite');
      assert.equal(next.orphans.length, 1);
      assert.deepEqual(
        next.orphans[0]!.entries.map((e) => e.record.requestId),
        ['r-1'],
      );
      next.close(true);
      j.close(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replays a journal only into the backend that wrote it, including the names used before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wj-'));
    try {
      const line = (id: string) => `${JSON.stringify({ jid: `${id}:1`, rec: rec(1) })}\n`;
      // Dead processes of both backends, under the old and the new names (our own pid counts as dead).
      writeFileSync(join(dir, `audit-${process.pid}.journal`), line('old-sqlite'));
      writeFileSync(join(dir, `audit-${process.pid}-aa00.journal`), line('old-postgres'));
      writeFileSync(join(dir, `audit-sqlite-${process.pid}-bb00.journal`), line('new-sqlite'));
      writeFileSync(join(dir, `audit-postgres-${process.pid}-cc00-1.journal`), line('new-postgres'));
      const jids = (j: AuditJournal) => j.orphans.flatMap((o) => o.entries.map((e) => e.jid)).sort();
      const sqlite = new AuditJournal(dir, 'sqlite');
      const postgres = new AuditJournal(dir, 'postgres');
      assert.deepEqual(jids(sqlite), ['new-sqlite:1', 'old-sqlite:1']);
      assert.deepEqual(jids(postgres), ['new-postgres:1', 'old-postgres:1']);
      sqlite.close(true);
      postgres.close(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
