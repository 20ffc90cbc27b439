import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestCancel } from './cancel.js';

describe('RequestCancel', () => {
  it('aborts its signal with the reason, whether the signal was made before or after', () => {
    const before = new RequestCancel();
    const signal = before.signal;
    let events = 0;
    before.on('abort', () => events++);
    const reason = new Error('client closed the connection');
    before.abort(reason);
    before.abort(new Error('a second reason is ignored'));
    assert.equal(signal.aborted, true);
    assert.equal(signal.reason, reason);
    assert.equal(before.reason, reason);
    assert.equal(events, 1);
    const after = new RequestCancel();
    after.abort(reason);
    assert.equal(after.signal.aborted, true);
    assert.equal(after.signal.reason, reason);
  });

  it('hands out one signal, unaborted until the request is cancelled', () => {
    const c = new RequestCancel();
    assert.equal(c.signal, c.signal);
    assert.equal(c.signal.aborted, false);
    assert.equal(c.aborted, false);
  });
});
