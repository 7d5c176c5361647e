import assert from 'node:assert/strict';
import type { Delivery } from '../../../bot/src/app/delivery/delivery.js';
import type { MeetingRecord } from '../../../bot/src/app/ports.js';
import { policyFromPreset } from '../../../bot/src/domain/policy/presets.js';
import { emptyMeeting, reduce } from '../../../bot/src/domain/reducer.js';
import type { MeetingEvent } from '../../../bot/src/domain/types.js';
import { matchesTag, statusTag } from '../../../bot/src/http/tabApi/statusTag.js';

const T0 = Date.parse('2026-03-10T10:00:00Z');
const started: MeetingEvent = { kind: 'meetingStarted', id: 'start', at: T0, meetingType: 'Scheduled', title: 'Maths' };

/** A stored lesson at snapshot tag `etag`, after `events`. */
function lesson(etag: string, events: MeetingEvent[] = [started], deliveries?: Delivery[]): MeetingRecord {
  return {
    state: events.reduce(reduce, emptyMeeting('tenant', 'meeting')),
    alerts: {},
    etag,
    ...(deliveries ? { deliveries } : {}),
  };
}

describe('http/tabApi/statusTag', () => {
  const strict = policyFromPreset('strict');

  it('stays the same while the snapshot, the policy and the minute stay the same', () => {
    assert.equal(statusTag(lesson('W/"1"'), strict, T0), statusTag(lesson('W/"1"'), strict, T0 + 59_999));
    assert.equal(
      statusTag(lesson('W/"1"'), strict, T0),
      statusTag(lesson('W/"1"'), structuredClone(strict), T0),
      'an equal policy object gives the same tag',
    );
  });

  it('changes with a new snapshot, another policy, or the next minute (timers move)', () => {
    const base = statusTag(lesson('W/"1"'), strict, T0);
    assert.notEqual(statusTag(lesson('W/"2"'), strict, T0), base);
    assert.notEqual(
      statusTag(lesson('W/"1"'), { ...strict, duration: { ...strict.duration, pupilSessionMinutes: 5 } }, T0),
      base,
    );
    assert.notEqual(statusTag(lesson('W/"1"'), strict, T0 + 60_000), base);
  });

  it('changes when an acknowledgement or a delivery result is held in memory under the same snapshot tag (storage down)', () => {
    const base = statusTag(lesson('W/"1"'), strict, T0);
    const ack: MeetingEvent = {
      kind: 'alertAcknowledged',
      id: 'ack',
      at: T0 + 1_000,
      findingKey: 'breach',
      raisedAt: T0,
      by: 'dsl-1',
      byName: 'Mrs Fletcher',
    };
    assert.notEqual(
      statusTag(lesson('W/"1"', [started, ack]), strict, T0),
      base,
      'an acknowledgement shows at the next poll',
    );
    const copy = (state: Delivery['state']) => ({ id: 'd1', state }) as Delivery;
    const waiting = statusTag(lesson('W/"1"', [started], [copy('pending')]), strict, T0);
    assert.notEqual(waiting, base);
    assert.notEqual(
      statusTag(lesson('W/"1"', [started], [copy('sent')]), strict, T0),
      waiting,
      "Teams taking the DSL's copy shows at the next poll",
    );
  });

  it('answers a lesson version asked again in the same minute from memory, and works it out afresh for the next minute or another policy', () => {
    const version = lesson('W/"1"');
    const first = statusTag(version, strict, T0);
    // Changed behind the tag's back: a memo answers with the tag it already had; a fresh working-out would not.
    (version as { etag: string }).etag = 'W/"2"';
    assert.equal(statusTag(version, strict, T0 + 1_000), first);
    assert.equal(statusTag(version, strict, T0 + 60_000), statusTag(lesson('W/"2"'), strict, T0 + 60_000));
    const other = { ...strict, duration: { ...strict.duration, pupilSessionMinutes: 5 } };
    assert.equal(statusTag(version, other, T0), statusTag(lesson('W/"2"'), other, T0));
  });

  it('is a quoted strong tag', () => {
    assert.match(statusTag(lesson('W/"1"'), strict, T0), /^"[A-Za-z0-9_-]{27}"$/);
  });

  it('matches If-None-Match as HTTP says: one tag, a list, a weak form or *', () => {
    const tag = statusTag(lesson('W/"1"'), strict, T0);
    assert.equal(matchesTag(tag, tag), true);
    assert.equal(matchesTag(`"other", ${tag}`, tag), true);
    assert.equal(matchesTag(`W/${tag}`, tag), true);
    assert.equal(matchesTag('*', tag), true);
    assert.equal(matchesTag(undefined, tag), false);
    assert.equal(matchesTag('', tag), false);
    assert.equal(matchesTag('"other"', tag), false);
    assert.equal(matchesTag(tag.slice(1, -1), tag), false, 'an unquoted tag is not the same tag');
  });
});
