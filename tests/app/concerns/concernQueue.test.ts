import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareQueueItems, concernQueue, type QueueFilter } from '../../../bot/src/app/concerns/concernQueue.js';
import type { Concern, ConcernDetails, ConcernEntry } from '../../../bot/src/app/concerns/types.js';
import { concern, T0, viewer } from './fixtures.js';

const MIN = 60_000;
const OPEN: QueueFilter = { status: 'open' };
const dsl = { aadObjectId: 'dsl-1', name: 'Mrs Fletcher' };

/** A concern raised `minutesAgo` before T0, then the steps given (in order, a minute apart). */
function raised(
  ref: string,
  minutesAgo: number,
  overrides: Partial<ConcernDetails> = {},
  steps: Array<ConcernEntry['kind']> = [],
  reporter = { ...viewer('staff', 'teacher-1'), name: 'Ms Adams' },
): Concern {
  const base = concern(ref, reporter, overrides);
  const at = T0 - minutesAgo * MIN;
  const entries: ConcernEntry[] = [{ ...base.entries[0]!, at } as ConcernEntry];
  steps.forEach((kind, i) => {
    const stamp = { seq: i + 1, at: at + (i + 1) * MIN, by: dsl };
    if (kind === 'acknowledged') entries.push({ ...stamp, kind });
    if (kind === 'closed') entries.push({ ...stamp, kind, outcome: 'No further action' });
  });
  return { ...base, raisedAt: at, entries };
}

describe('app/concerns/concernQueue: the DSL queue in the school view', () => {
  it('puts urgent first, then unacknowledged, then the oldest; closed ones only when asked, last, newest first', () => {
    const concerns = [
      raised('C-222222', 10, { urgency: 'routine' }),
      raised('C-333333', 50, { urgency: 'routine' }, ['acknowledged']),
      raised('C-444444', 5, { urgency: 'urgent' }),
      raised('C-555555', 30, { urgency: 'urgent' }, ['acknowledged']),
      raised('C-666666', 60, { urgency: 'urgent' }),
      raised('C-777777', 40, { urgency: 'routine' }),
      raised('C-888888', 90, { urgency: 'urgent' }, ['acknowledged', 'closed']),
      raised('C-999999', 20, { urgency: 'routine' }, ['closed']),
    ];
    const open = ['C-666666', 'C-444444', 'C-555555', 'C-777777', 'C-222222', 'C-333333'];
    assert.deepEqual(
      concernQueue(concerns, OPEN).map((i) => i.ref),
      open,
    );
    assert.deepEqual(
      concernQueue(concerns, { status: 'all' }).map((i) => i.ref),
      [...open, 'C-999999', 'C-888888'],
    );
  });

  it('says what each row shows: pupil, category, urgency, reporter, lesson title, when, acknowledged, status, level', () => {
    const lesson = { meetingId: 'm-1', title: 'Year 5 maths', startedAt: T0 - 2 * 60 * MIN };
    const c = raised('C-7K3F9Q', 15, { lesson, category: 'online-safety' }, ['acknowledged']);
    c.entries.push({ seq: 2, at: T0, by: dsl, kind: 'levelSet', level: 'concern' });
    assert.deepEqual(concernQueue([c], OPEN), [
      {
        ref: 'C-7K3F9Q',
        pupil: 'Zebedee Quill',
        category: 'online-safety',
        categoryLabel: 'Online safety',
        urgency: 'urgent',
        reporter: 'Ms Adams',
        lesson: 'Year 5 maths',
        loggedAt: T0 - 15 * MIN,
        acknowledged: true,
        status: 'open',
        level: 'concern',
      },
    ]);
    assert.equal('lesson' in concernQueue([raised('C-22222A', 1)], OPEN)[0]!, false, 'no lesson, no title');
  });

  it('filters by part of the pupil, lesson or reporter name in any case, and by category exactly', () => {
    const maths = { meetingId: 'm-1', title: 'Year 5 Maths' };
    const concerns = [
      raised('C-222222', 1, { pupilName: 'Amira Khan', lesson: maths, category: 'neglect' }),
      raised('C-333333', 2, { pupilName: 'Ben Osei', category: 'neglect' }, [], viewer('staff', 't2')),
      raised('C-444444', 3, { pupilName: 'amira k', category: 'emotional' }),
    ];
    const refs = (filter: Partial<QueueFilter>) => concernQueue(concerns, { ...OPEN, ...filter }).map((i) => i.ref);
    assert.deepEqual(refs({ pupil: ' AMIRA ' }), ['C-444444', 'C-222222'], 'the oldest first');
    assert.deepEqual(refs({ lesson: 'maths' }), ['C-222222']);
    assert.deepEqual(refs({ reporter: 'person t2' }), ['C-333333']);
    assert.deepEqual(refs({ category: 'neglect' }), ['C-333333', 'C-222222']);
    assert.deepEqual(refs({ category: 'neglect', pupil: 'ben' }), ['C-333333']);
    assert.deepEqual(refs({ pupil: '', lesson: '  ' }), ['C-444444', 'C-333333', 'C-222222'], 'blank is no filter');
    assert.deepEqual(refs({ pupil: 'nobody' }), []);
  });

  it('is a total order: whatever the concerns, every urgent unacknowledged open one comes before the rest', () => {
    const item = fc.record({
      minutes: fc.integer({ min: 0, max: 10_000 }),
      urgent: fc.boolean(),
      steps: fc.constantFrom<Array<ConcernEntry['kind']>>([], ['acknowledged'], ['closed']),
    });
    fc.assert(
      fc.property(fc.uniqueArray(item, { minLength: 1, maxLength: 12, selector: (i) => i.minutes }), (specs) => {
        const concerns = specs.map((s, i) =>
          raised(
            `C-${String(i + 2).padStart(6, '2')}`,
            s.minutes,
            { urgency: s.urgent ? 'urgent' : 'routine' },
            s.steps,
          ),
        );
        const queue = concernQueue(concerns, { status: 'all' });
        assert.equal(queue.length, concerns.length);
        for (let i = 1; i < queue.length; i++) assert.ok(compareQueueItems(queue[i - 1]!, queue[i]!) < 0);
        const firstOther = queue.findIndex((q) => !(q.urgency === 'urgent' && !q.acknowledged && q.status === 'open'));
        if (firstOther >= 0)
          assert.ok(
            queue.slice(firstOther).every((q) => !(q.urgency === 'urgent' && !q.acknowledged && q.status === 'open')),
          );
      }),
    );
  });
});
