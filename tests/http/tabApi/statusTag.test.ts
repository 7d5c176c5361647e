import assert from 'node:assert/strict';
import { policyFromPreset } from '../../../bot/src/domain/policy/presets.js';
import { matchesTag, statusTag } from '../../../bot/src/http/tabApi/statusTag.js';

const T0 = Date.parse('2026-03-10T10:00:00Z');

describe('http/tabApi/statusTag', () => {
  const strict = policyFromPreset('strict');

  it('stays the same while the snapshot, the policy and the minute stay the same', () => {
    assert.equal(statusTag('W/"1"', strict, T0), statusTag('W/"1"', strict, T0 + 59_999));
    assert.equal(statusTag('W/"1"', strict, T0), statusTag('W/"1"', structuredClone(strict), T0), 'an equal policy object gives the same tag');
  });

  it('changes with a new snapshot, another policy, or the next minute (timers move)', () => {
    const base = statusTag('W/"1"', strict, T0);
    assert.notEqual(statusTag('W/"2"', strict, T0), base);
    assert.notEqual(statusTag('W/"1"', { ...strict, duration: { ...strict.duration, pupilSessionMinutes: 5 } }, T0), base);
    assert.notEqual(statusTag('W/"1"', strict, T0 + 60_000), base);
  });

  it('is a quoted strong tag', () => {
    assert.match(statusTag('W/"1"', strict, T0), /^"[A-Za-z0-9_-]{27}"$/);
  });

  it('matches If-None-Match as HTTP says: one tag, a list, a weak form or *', () => {
    const tag = statusTag('W/"1"', strict, T0);
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
