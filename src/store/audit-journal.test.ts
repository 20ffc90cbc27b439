import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
});
