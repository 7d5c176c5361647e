import assert from 'node:assert/strict';
import { dslDeliveryText } from '../../tab/src/components/dslDeliveryText.js';

const LONDON = 'Europe/London';
// 10:02 and 10:04 in London (GMT in March).
const SENT = Date.parse('2026-03-10T10:02:30Z');
const TAKEN = Date.parse('2026-03-10T10:04:10Z');
const PHONE = '01632 960 123';

describe('tab/dslDeliveryText: what the teacher is told about who has an alert', () => {
  it('names who is dealing with it and when, in the school\'s time zone, instead of "sent"', () => {
    const words = dslDeliveryText(
      { dsl: { state: 'sent', sentAt: SENT }, acknowledged: { name: 'Mrs Fletcher', at: TAKEN } },
      LONDON,
      PHONE,
    );
    assert.deepEqual(words, { text: 'Mrs Fletcher is dealing with it, 10:04.', confirmed: true });
    assert.equal(
      dslDeliveryText({ acknowledged: { name: 'Mrs Fletcher', at: TAKEN } }, 'Asia/Tokyo')?.text,
      'Mrs Fletcher is dealing with it, 19:04.',
    );
  });

  it('says when Teams delivered it while nobody has taken it yet', () => {
    assert.deepEqual(dslDeliveryText({ dsl: { state: 'sent', sentAt: SENT } }, LONDON, PHONE), {
      text: 'Sent to the DSL at 10:02.',
      confirmed: true,
    });
  });

  it('gives the school\'s DSL number when the alert is not delivered, and plain "phone the DSL" without one', () => {
    assert.equal(
      dslDeliveryText({ dsl: { state: 'waiting' } }, LONDON, PHONE)?.text,
      'Not delivered to the DSL yet: Teams is not answering. Phone the DSL now: 01632 960 123',
    );
    assert.equal(
      dslDeliveryText({ dsl: { state: 'failed' } }, LONDON, PHONE)?.text,
      'Chaperone could not deliver this to the DSL. Phone the DSL now: 01632 960 123',
    );
    assert.equal(
      dslDeliveryText({ dsl: { state: 'waiting' } }, LONDON)?.text,
      'Not delivered to the DSL yet: Teams is not answering. Phone the DSL now.',
    );
    assert.equal(dslDeliveryText({ dsl: { state: 'failed' } }, LONDON)?.confirmed, false);
  });

  it('says nothing for an alert that does not go to the DSL', () => {
    assert.equal(dslDeliveryText({}, LONDON, PHONE), undefined);
    assert.equal(dslDeliveryText(undefined, LONDON, PHONE), undefined);
  });
});
