import { strict as assert } from 'node:assert';
import type { AutocannonRequest } from 'autocannon';
import { compareStored, UpdateLedger } from '../../bench/updateLedger.js';

const activity = (eventId: string, meetingId = 'lesson-1') => ({ body: '{}', eventId, meetingId });

describe('bench/updateLedger', () => {
  it('counts an acknowledged event that no lesson history holds as lost, and names it', () => {
    const check = compareStored(['a', 'b', 'c'], [['a'], ['c']]);
    assert.equal(check.acknowledged, 3);
    assert.equal(check.stored, 2);
    assert.equal(check.lost, 1);
    assert.deepEqual(check.lostExamples, ['b']);
  });

  it('finds nothing lost when every acknowledged event is stored, and allows stored events that got no 2xx', () => {
    const check = compareStored(['a', 'b'], [['a', 'x'], ['b']]);
    assert.deepEqual(check, {
      acknowledged: 2,
      stored: 3,
      lost: 0,
      storedTwice: 0,
      unacknowledged: 1,
      lostExamples: [],
    });
  });

  it('counts an event held twice, in one lesson or two, as stored twice', () => {
    assert.equal(compareStored(['a'], [['a', 'a']]).storedTwice, 1);
    assert.equal(compareStored(['a'], [['a'], ['a']]).storedTwice, 1);
  });

  it('acknowledges the event a connection carried only on a 2xx, once however often it was redelivered', () => {
    const ledger = new UpdateLedger();
    const first: Record<string, unknown> = {};
    const second: Record<string, unknown> = {};
    ledger.sending(activity('a'), { port: '1001' } as AutocannonRequest, first);
    ledger.sending(activity('b'), { port: '1002' } as AutocannonRequest, second);
    ledger.answered(503, second);
    ledger.answered(200, first);
    assert.deepEqual(ledger.eventIds(), ['a']);
    ledger.sending(activity('a'), { port: '1002' } as AutocannonRequest, second);
    ledger.answered(200, second);
    assert.deepEqual(ledger.eventIds(), ['a']);
    assert.equal(ledger.answersFrom('1001'), 1);
    assert.equal(ledger.answersFrom('1002'), 1);
  });
});
