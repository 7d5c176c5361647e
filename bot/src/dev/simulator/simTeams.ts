/**
 * How the simulated Teams speaks of the school: the activities it sends for a lesson or a 1:1 chat,
 * the role each person has in a lesson, and what its connector answers when the bot asks who is in
 * the call. Built from real Teams shapes (`dev/activities.ts`), never from the bot's own types.
 */
import { lessonActivities, personalChatActivities, type ActivityPerson } from '../activities.js';
import { personalConversationId, type FakeConnectorCore } from '../connector/fakeConnector.js';
import { personOf, type SimPerson, type SimSchool } from '../school.js';
import type { SimLesson } from './lessons.js';

/** What {@link simTeams} needs. */
export interface SimTeamsDeps {
  school: SimSchool;
  connector: FakeConnectorCore;
  /** `<origin>/dev/connector/`: the serviceUrl every simulated activity carries. */
  serviceUrl(): string;
}

/** The role Teams gives `person` in `lesson`: only its organizer is Organizer. */
export function roleIn(lesson: SimLesson, person: SimPerson): ActivityPerson['role'] {
  if (person.aadObjectId === lesson.organizerId) return 'Organizer';
  return person.meetingRole === 'Organizer' ? 'Presenter' : person.meetingRole;
}

/** The simulated Teams for one school. */
export function simTeams(deps: SimTeamsDeps) {
  const { school } = deps;

  /** The person as Teams names them; in a lesson, only its organizer has the Organizer role. */
  const asTeams = (person: SimPerson, lesson?: SimLesson): ActivityPerson => ({
    aadObjectId: person.aadObjectId,
    teamsId: person.teamsId,
    name: person.name,
    role: lesson ? roleIn(lesson, person) : person.meetingRole,
  });

  return {
    asTeams,

    /** The activities Teams sends about one lesson. */
    lessonEvents: (lesson: SimLesson) =>
      lessonActivities({
        tenantId: school.tenantId,
        meetingId: lesson.meetingId,
        conversationId: lesson.conversationId,
        serviceUrl: deps.serviceUrl(),
      }),

    /** The lesson as its start and end events describe it. */
    lessonDetails: (lesson: SimLesson) => ({
      title: lesson.title,
      meetingType: lesson.kind,
      organizer: asTeams(personOf(school, lesson.organizerId)),
    }),

    /** The activities Teams sends from one person's 1:1 chat with the bot. */
    personalChat: (person: SimPerson) =>
      personalChatActivities({
        tenantId: school.tenantId,
        serviceUrl: deps.serviceUrl(),
        conversationId: personalConversationId(person.aadObjectId),
        person: asTeams(person),
      }),

    /** Keeps the fake connector's roster answers (`getMeetingParticipant`) true to the simulation. */
    rosterSays(lesson: SimLesson, person: SimPerson): void {
      deps.connector.setParticipant(lesson.meetingId, person.teamsId, {
        inMeeting: (lesson.devices[person.aadObjectId] ?? 0) > 0,
        role: roleIn(lesson, person),
        name: person.name,
        aadObjectId: person.aadObjectId,
        tenantId: school.tenantId,
      });
    },
  };
}

/** The simulated Teams of {@link simTeams}. */
export type SimTeams = ReturnType<typeof simTeams>;
