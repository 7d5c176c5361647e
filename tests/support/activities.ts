import type { ActivityPerson } from '../../bot/src/dev/activities.js';

export { lessonActivities } from '../../bot/src/dev/activities.js';

/** A person in a simulated lesson. */
export type Person = ActivityPerson;

/** A sample school: staff, a DSL and pupils with stable fake ids. */
export function sampleSchool(tenantId = '00000000-0000-4000-8000-00000000fa4e') {
  const person = (n: string, name: string, role: Person['role']): Person => ({
    aadObjectId: `00000000-0000-4000-8000-0000000000${n}`,
    teamsId: `29:1fake-${n}`,
    name,
    role,
    tenantId,
  });
  return {
    tenantId,
    /** Another person of the school, by the last two hex digits of their ids (`d2`, `f1`...). */
    person: (n: string, name: string, role: Person['role'] = 'Attendee') => person(n, name, role),
    teacher: person('a1', 'Ms Khan (FAKE)', 'Organizer'),
    assistant: person('a2', 'Mr Osei (FAKE)', 'Attendee'),
    dsl: person('d1', 'Mrs Fletcher (FAKE)', 'Attendee'),
    pupils: [
      person('b1', 'Amira (FAKE)', 'Attendee'),
      person('b2', 'Ben (FAKE)', 'Attendee'),
      person('b3', 'Chloe (FAKE)', 'Attendee'),
    ],
    staffList() {
      return {
        staff: [this.teacher.aadObjectId, this.assistant.aadObjectId],
        dsl: [this.dsl.aadObjectId],
        names: { [this.dsl.aadObjectId]: this.dsl.name },
      };
    },
  };
}
