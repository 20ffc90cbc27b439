import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasWords, toolGlobKey, toolNameKey, toolWords } from './tool-names.js';

describe('toolNameKey', () => {
  it('folds case, separators and camel case into one form', () => {
    for (const n of [
      'drop_table',
      'DROP_TABLE',
      'Drop_Table',
      'drop-table',
      'drop.table',
      'dropTable',
      'DropTABLE',
    ])
      assert.equal(toolNameKey(n), 'drop_table', n);
    assert.equal(toolNameKey('HTTPServerStart'), 'http_server_start');
    assert.equal(toolNameKey('__delete__user__'), 'delete_user');
  });

  it('folds Unicode compatibility forms, look-alikes, marks and invisible characters', () => {
    assert.equal(toolNameKey('ｄｅｌｅｔｅ_user'), 'delete_user', 'full width');
    assert.equal(toolNameKey('d\u0435l\u0435te_user'), 'delete_user', 'Cyrillic e');
    assert.equal(toolNameKey('dele\u200bte_user'), 'delete_user', 'zero width space');
    assert.equal(toolNameKey('de\u0300lete_user'), 'delete_user', 'combining mark');
  });

  it('keeps globs as globs', () => {
    assert.equal(toolGlobKey('Drop_*'), 'drop_*');
    assert.equal(toolGlobKey('search-?'), 'search_?');
  });
});

describe('hasWords', () => {
  it('matches whole consecutive segments only', () => {
    assert.equal(hasWords(toolWords('deleteUser'), ['delete']), true);
    assert.equal(hasWords(toolWords('bulk_delete'), ['delete']), true);
    assert.equal(hasWords(toolWords('undelete'), ['delete']), false);
    assert.equal(hasWords(toolWords('get_posts'), ['post']), false);
    assert.equal(hasWords(toolWords('compost'), ['post']), false);
    assert.equal(hasWords(toolWords('sendEmailNow'), ['send', 'email']), true);
    assert.equal(hasWords(toolWords('email_send'), ['send', 'email']), false);
  });
});
