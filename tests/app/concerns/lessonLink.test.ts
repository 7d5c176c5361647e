import { strict as assert } from 'node:assert';
import { chronologyLines } from '../../../bot/src/app/concerns/chronologyText.js';
import { concernToCsv, concernToMarkdown } from '../../../bot/src/app/concerns/exportFormats.js';
import { parseConcernInput } from '../../../bot/src/app/concerns/input.js';
import { lessonWords, NOT_LINKED } from '../../../bot/src/app/concerns/lessonLink.js';
import { logConcern } from '../../../bot/src/app/concerns/logConcern.js';
import type { MeetingStore } from '../../../bot/src/app/ports.js';
import { emptyMeeting, reduce } from '../../../bot/src/domain/reducer.js';
import type { MeetingEvent, MeetingState } from '../../../bot/src/domain/types.js';
import { makeSut } from './concernSut.js';
import { OTHER_TENANT, T0, TENANT, concern, formInput, viewer } from './fixtures.js';

const ZONE = 'Europe/London';
/** Tuesday 10 March 2026, 09:00 in London (GMT). */
const START = Date.UTC(2026, 2, 10, 9, 0);

/** A lesson of `tenantId` in which `staffIds` took part. */
function lesson(meetingId: string, title: string, staffIds: string[], tenantId = TENANT): MeetingState {
  const events: MeetingEvent[] = [
    { kind: 'meetingStarted', id: `${meetingId}-s`, at: START, meetingType: 'Scheduled', title },
    ...staffIds.map((id, i): MeetingEvent => ({
      kind: 'participantJoined',
      id: `${meetingId}-j${i}`,
      at: START,
      participant: { id, teamsId: `29:${id}`, name: id, role: 'staff' },
    })),
  ];
  return events.reduce(reduce, emptyMeeting(tenantId, meetingId));
}

/** A meeting store holding `lessons`, which (carelessly) answers whatever tenant is asked for. */
function meetings(...lessons: MeetingState[]) {
  const load: MeetingStore['load'] = async (key) => {
    const state = lessons.find((l) => l.meetingId === key.meetingId);
    return state ? { state, alerts: {}, etag: 'e' } : undefined;
  };
  return { listMeetings: async () => lessons, load };
}

describe('app/concerns: the lesson a concern came from', () => {
  it('reads as its title and start time, never its id; a concern from no lesson says so', () => {
    assert.equal(
      lessonWords({ meetingId: 'm-1', title: 'Year 5 maths', startedAt: START }, ZONE),
      '"Year 5 maths", Tue 10 Mar 09:00',
    );
    assert.equal(
      lessonWords({ meetingId: 'm-1', title: 'Year 5 maths' }, ZONE),
      '"Year 5 maths"',
      'a concern stored before times were kept',
    );
    assert.equal(lessonWords(undefined, ZONE), NOT_LINKED);
    assert.equal(
      lessonWords({ meetingId: 'm-1', title: 'Art', startedAt: Date.UTC(2026, 5, 2, 8, 0) }, ZONE),
      '"Art", Tue 2 Jun 09:00',
      "in the school's zone (BST)",
    );
  });

  it('the chronology, the CSV and the Markdown say the same, with no meeting id', () => {
    const linked = concern('C-7K3F9Q', viewer('staff'), {
      lesson: { meetingId: 'meeting-RAW-ID', title: 'Year 5 maths', startedAt: START },
    });
    const field = chronologyLines(linked.entries, ZONE)[0]!.fields.find((f) => f.label === 'Lesson');
    assert.equal(field?.value, '"Year 5 maths", Tue 10 Mar 09:00');
    assert.ok(concernToCsv(linked, ZONE).includes('"Lesson","""Year 5 maths"", Tue 10 Mar 09:00"'));
    assert.ok(concernToMarkdown(linked, ZONE).includes('**Lesson**\n\n> "Year 5 maths", Tue 10 Mar 09:00'));
    for (const text of [concernToCsv(linked, ZONE), concernToMarkdown(linked, ZONE)])
      assert.ok(!text.includes('meeting-RAW-ID'));
    assert.equal(
      chronologyLines(concern().entries, ZONE)[0]!.fields.find((f) => f.label === 'Lesson')?.value,
      NOT_LINKED,
    );
  });

  it("logging keeps the title and start time the school's records hold, for a lesson the reporter was in", async () => {
    const { deps, store } = makeSut();
    const teacher = viewer('staff', 'aad-teacher');
    await logConcern(
      { ...deps, meetings: meetings(lesson('m-1', 'Year 5 maths', ['aad-teacher'])) },
      teacher,
      formInput({ meetingId: 'm-1', meetingTitle: 'whatever the card said' }),
    );
    assert.deepEqual(store.create.firstCall.args[0].details.lesson, {
      meetingId: 'm-1',
      title: 'Year 5 maths',
      startedAt: START,
    });
  });

  it("no title or time comes from another school's lesson, or from a lesson the reporter was not in", async () => {
    const foreign = lesson('m-foreign', 'Elsewhere SECRET-TITLE', ['aad-teacher'], OTHER_TENANT);
    const notTheirs = lesson('m-other', 'Someone else SECRET-TITLE', ['aad-colleague']);
    for (const [meetingId, sent] of [
      ['m-foreign', undefined],
      ['m-other', 'As sent'],
    ] as const) {
      const { deps, store } = makeSut();
      const input = formInput({ meetingId, ...(sent ? { meetingTitle: sent } : {}) });
      await logConcern({ ...deps, meetings: meetings(foreign, notTheirs) }, viewer('staff', 'aad-teacher'), input);
      assert.deepEqual(store.create.firstCall.args[0].details.lesson, { meetingId, title: sent ?? 'a lesson' });
    }
    const { deps, store } = makeSut();
    await logConcern(
      { ...deps, meetings: meetings(notTheirs) },
      viewer('dsl', 'aad-dsl'),
      formInput({ meetingId: 'm-other' }),
    );
    assert.equal(
      store.create.firstCall.args[0].details.lesson?.title,
      'Someone else SECRET-TITLE',
      'a DSL may see any lesson of the school',
    );
  });

  it('a form too long is told to put the rest in a second concern, not in a note only a DSL can add', () => {
    const parsed = parseConcernInput(formInput({ whatHappened: 'x'.repeat(8001) }), T0);
    assert.ok(!parsed.ok);
    assert.match(parsed.errors.whatHappened ?? '', /second concern that mentions this one, or tell the DSL/);
    assert.doesNotMatch(parsed.errors.whatHappened ?? '', /note/);
  });
});
