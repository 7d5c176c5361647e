import { strict as assert } from 'node:assert';
import { findingDeliveries, type Delivery, type FindingMessage } from '../../bot/src/app/delivery/delivery.js';
import { lessonActivities, sampleSchool, type Person } from '../support/activities.js';
import type { RunningFakeConnector } from '../support/fakeConnector.js';
import { postActivity, type startTestService } from '../support/serviceHarness.js';

/** One running instance of the service. */
export type Service = Awaited<ReturnType<typeof startTestService>>;

const school = sampleSchool();
/** Minute `minutes` of the lessons' morning, in ms. */
export const at = (minutes: number): number => Date.parse('2026-01-15T09:00:00Z') + minutes * 60_000;
/** Just past the grace period before pupils left alone are an alert. */
export const PAST_GRACE_MS = 31_000;
const person = (n: number, name: string, role: Person['role']): Person => {
  const hex = n.toString(16).padStart(12, '0');
  return {
    aadObjectId: `00000000-0000-4000-8000-${hex}`,
    teamsId: `29:1fake-${hex}`,
    name,
    role,
    tenantId: school.tenantId,
  };
};
/** Each lesson has its own organizer, so an organizer's 1:1 chat names one lesson. */
export const organizers = Array.from({ length: 50 }, (_, i) => person(0x100 + i, `Teacher ${i} (FAKE)`, 'Organizer'));
// Three DSLs: with the organizer's card (the findings of one moment are one card) each lesson owes four critical
// messages.
const dsls = [
  person(0xd1, 'DSL One (FAKE)', 'Attendee'),
  person(0xd2, 'DSL Two (FAKE)', 'Attendee'),
  person(0xd3, 'DSL Three (FAKE)', 'Attendee'),
];
/** The organizers and the assistant are staff; the three are DSLs. */
export const staffList = {
  staff: [...organizers.map((p) => p.aadObjectId), school.assistant.aadObjectId],
  dsl: dsls.map((p) => p.aadObjectId),
};

/** Lesson `i`: its organizer, an assistant and two pupils join; at minute 1 both adults leave the pupils alone. */
export function lessonOf(connector: RunningFakeConnector, i: number) {
  const meetingId = `two-${i}-${Math.random().toString(36).slice(2, 10)}`;
  const activities = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
  const organizer = organizers[i]!;
  return {
    key: { tenantId: school.tenantId, meetingId },
    organizer,
    opening: [
      activities.start(at(0), { organizer, title: `Lesson ${i}` }),
      ...[organizer, school.assistant, ...school.pupils.slice(0, 2)].map((p) => activities.join(p, at(0))),
    ],
    adultsLeave: [activities.leave(organizer, at(1)), activities.leave(school.assistant, at(1))],
  };
}
/** A lesson of {@link lessonOf}. */
export type Lesson = ReturnType<typeof lessonOf>;

/** Posts each lesson's activities in order, lessons side by side, alternately to the instances given. */
export async function post(services: Service[], lessons: Lesson[], pick: (l: Lesson) => object[]): Promise<void> {
  await Promise.all(
    lessons.map(async (lesson, i) => {
      for (const activity of pick(lesson))
        assert.equal(await postActivity(services[i % services.length]!.url, activity), 200);
    }),
  );
}

/** The finding deliveries of these lessons' outboxes, as `service` reads them. */
export async function outbox(service: Service, lessons: Lesson[]): Promise<Delivery<FindingMessage>[]> {
  return findingDeliveries(
    (await Promise.all(lessons.map(async (l) => (await service.core.meetings.load(l.key))?.deliveries ?? []))).flat(),
  );
}
