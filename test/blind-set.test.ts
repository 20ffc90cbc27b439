// Schema check of the frozen blind set (eval/blind): every row validates, ids are unique, families match
// labels, indirect rows carry a task. Reads the files' structure only; never prints or asserts on texts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ATTACK_FAMILIES, BENIGN_FAMILIES, blindFiles, blindRows } from '../scripts/blind-set.js';

describe('blind set', () => {
  it('has both authors, valid rows and unique ids', () => {
    const files = blindFiles();
    assert.ok(files.some((f) => f.startsWith('a/')) && files.some((f) => f.startsWith('b/')));
    const rows = blindRows();
    const ids = new Set(rows.map((r) => r.id));
    assert.equal(ids.size, rows.length, 'duplicate ids');
    assert.ok(rows.every((r) => r.author === 'a' || r.author === 'b'));
    const fams = new Set(rows.map((r) => r.family));
    for (const f of [...ATTACK_FAMILIES, ...BENIGN_FAMILIES]) assert.ok(fams.has(f), `no rows of ${f}`);
    assert.ok(rows.filter((r) => r.indirect).every((r) => (r.task ?? '').length > 0));
  });
});
