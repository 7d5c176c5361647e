import type { Clock } from '../../app/ports.js';
import { HttpError } from '../../http/errors.js';
import {
  lessonActivities,
  newMeetingIds,
  personalChatActivities,
  type ActivityPerson,
  type TeamsActivity,
} from '../activities.js';
import { personalConversationId, type FakeConnectorCore } from '../connector/fakeConnector.js';
import { personOf, type SimPerson, type SimSchool } from '../school.js';
import { isRunning, type LessonKind, type SimLesson } from './lessons.js';

/** What the bot's endpoint answered (an invoke's answer is in `body`). */
export interface Delivery {
  status: number;
  body: unknown;
}

/** What the simulator needs: the school, the clock, the fake connector and a way to reach the bot. */
export interface SimulatorDeps {
  school: SimSchool;
  clock: Clock;
  connector: FakeConnectorCore;
  /** POSTs an activity to the service's own `/api/messages`. */
  deliver(activity: TeamsActivity): Promise<Delivery>;
  /** `<origin>/dev/connector/`: the serviceUrl every simulated activity carries. */
  serviceUrl(): string;
}

/** What the person typed or clicked in their 1:1 chat with the bot. */
export type ChatInput =
  | { kind: 'text'; text: string }
  | { kind: 'submit'; data: Record<string, unknown>; replyToId?: string }
  | { kind: 'execute'; verb: string; data: Record<string, unknown>; replyToId?: string };

/** A line the person sent, kept so the chat pane can show both sides. */
export interface SentChatLine {
  personId: string;
  at: number;
  /** Where it falls among what the bot sent (index into the connector's record). */
  position: number;
  text: string;
}

/**
 * Plays Teams: keeps who is in each lesson on how many devices, and tells the bot what Teams
 * would, as real activities through `/api/messages`. It never touches the bot's storage or use cases.
 */
export class Simulator {
  readonly lessons = new Map<string, SimLesson>();
  readonly sent: SentChatLine[] = [];
  private lastAt = 0;
  private installed = false;

  constructor(private readonly deps: SimulatorDeps) {}

  /** A lesson is created in Teams and the app is added to its chat (the bot stores where it lives). */
  async createLesson(input: {
    title: string;
    kind: LessonKind;
    organizerId: string;
    startsInMinutes: number;
  }): Promise<SimLesson> {
    await this.installForStaff();
    const organizer = personOf(this.deps.school, input.organizerId);
    const now = this.at();
    const lesson: SimLesson = {
      ...newMeetingIds(),
      title: input.title,
      kind: input.kind,
      organizerId: organizer.aadObjectId,
      createdAt: now,
      scheduledStart: input.kind === 'MeetNow' ? now : now + input.startsInMinutes * 60_000,
      devices: {},
      dropped: {},
    };
    this.lessons.set(lesson.meetingId, lesson);
    this.deps.connector.setMeetingInfo(lesson.meetingId, {
      type: lesson.kind,
      title: lesson.title,
      organizerAadObjectId: organizer.aadObjectId,
      tenantId: this.deps.school.tenantId,
      scheduledStartTime: new Date(lesson.scheduledStart).toISOString(),
    });
    await this.send(this.events(lesson).botAdded(now, this.asTeams(organizer)));
    return lesson;
  }

  /** One more device of the person joins; the first device in an empty meeting starts it. */
  async join(meetingId: string, personId: string): Promise<void> {
    const lesson = this.lesson(meetingId);
    const person = personOf(this.deps.school, personId);
    const events = this.events(lesson);
    if (!isRunning(lesson)) {
      const organizer = personOf(this.deps.school, lesson.organizerId);
      await this.send(
        events.start(this.at(), { title: lesson.title, meetingType: lesson.kind, organizer: this.asTeams(organizer) }),
      );
      lesson.startedAt = this.lastAt;
      delete lesson.endedAt;
    }
    lesson.devices[person.aadObjectId] = (lesson.devices[person.aadObjectId] ?? 0) + 1;
    this.rosterSays(lesson, person);
    await this.send(events.join(this.asTeams(person, lesson), this.at()));
  }

  /** One of the person's devices leaves; when the last device in the call leaves, the meeting ends. */
  async leave(meetingId: string, personId: string): Promise<void> {
    await this.leaveDevices(meetingId, personId, 1, false);
  }

  /** One device loses its connection (Teams reports a leave); it can reconnect. */
  async drop(meetingId: string, personId: string): Promise<void> {
    await this.leaveDevices(meetingId, personId, 1, true);
  }

  /** A dropped device comes back. */
  async reconnect(meetingId: string, personId: string): Promise<void> {
    const lesson = this.lesson(meetingId);
    if (!lesson.dropped[personId])
      throw new HttpError(409, 'nothingDropped', 'That person has no dropped connection to restore; use Join instead.');
    lesson.dropped[personId] -= 1;
    await this.join(meetingId, personId);
  }

  /** "Hang up": the person leaves on every device; the meeting goes on for everyone else. */
  async hangUp(meetingId: string, personId: string): Promise<void> {
    const lesson = this.lesson(meetingId);
    await this.leaveDevices(meetingId, personId, lesson.devices[personId] ?? 0, false);
  }

  /** "End meeting": Teams removes everyone and raises meetingEnd (leave events may not follow). */
  async endForEveryone(meetingId: string): Promise<void> {
    const lesson = this.lesson(meetingId);
    if (!isRunning(lesson))
      throw new HttpError(409, 'notRunning', 'Nobody is in this lesson, so there is nothing to end.');
    for (const id of Object.keys(lesson.devices)) {
      lesson.devices[id] = 0;
      this.rosterSays(lesson, personOf(this.deps.school, id));
    }
    await this.endMeeting(lesson);
  }

  /** The person writes to the bot (or clicks a card button) in their 1:1 chat. */
  async chat(personId: string, input: ChatInput): Promise<Delivery> {
    const person = personOf(this.deps.school, personId);
    const chat = this.personalChat(person);
    const at = this.at();
    const text =
      input.kind === 'text'
        ? input.text
        : input.kind === 'execute'
          ? `[${input.verb}]`
          : `[${String(input.data.command ?? 'button')}]`;
    this.sent.push({ personId, at, position: this.deps.connector.requests.length - 0.5, text });
    const activity =
      input.kind === 'text'
        ? chat.message(at, input.text)
        : input.kind === 'submit'
          ? chat.submit(at, input.data, input.replyToId)
          : chat.execute(at, input.verb, input.data, input.replyToId);
    return this.send(activity);
  }

  /**
   * The app is installed for every member of staff (as a tenant-wide install does), so the bot
   * has a 1:1 chat to send DSL alerts to. Once per process; the bot greets each person only once.
   */
  async installForStaff(): Promise<void> {
    if (this.installed) return;
    this.installed = true;
    for (const person of this.deps.school.people.filter((p) => p.kind !== 'pupil'))
      await this.send(this.personalChat(person).installed(this.at()));
  }

  private async leaveDevices(meetingId: string, personId: string, count: number, dropped: boolean): Promise<void> {
    const lesson = this.lesson(meetingId);
    const person = personOf(this.deps.school, personId);
    if ((lesson.devices[personId] ?? 0) < count || count < 1)
      throw new HttpError(409, 'notInLesson', `${person.name} is not in this lesson on that many devices.`);
    for (let i = 0; i < count; i++) {
      lesson.devices[personId] = (lesson.devices[personId] ?? 0) - 1;
      if (dropped) lesson.dropped[personId] = (lesson.dropped[personId] ?? 0) + 1;
      this.rosterSays(lesson, person);
      await this.send(this.events(lesson).leave(this.asTeams(person, lesson), this.at()));
    }
    if (!isRunning(lesson)) await this.endMeeting(lesson);
  }

  private async endMeeting(lesson: SimLesson): Promise<void> {
    const organizer = personOf(this.deps.school, lesson.organizerId);
    await this.send(
      this.events(lesson).end(this.at(), undefined, {
        title: lesson.title,
        meetingType: lesson.kind,
        organizer: this.asTeams(organizer),
      }),
    );
    lesson.endedAt = this.lastAt;
    delete lesson.startedAt;
    lesson.dropped = {};
  }

  /** Keeps the fake connector's roster answers (`getMeetingParticipant`) true to the simulation. */
  private rosterSays(lesson: SimLesson, person: SimPerson): void {
    this.deps.connector.setParticipant(lesson.meetingId, person.teamsId, {
      inMeeting: (lesson.devices[person.aadObjectId] ?? 0) > 0,
      role: roleIn(lesson, person),
      name: person.name,
      aadObjectId: person.aadObjectId,
      tenantId: this.deps.school.tenantId,
    });
  }

  private async send(activity: TeamsActivity): Promise<Delivery> {
    const delivery = await this.deps.deliver(activity);
    if (delivery.status >= 400)
      throw new HttpError(
        502,
        'botRefused',
        `The bot answered ${delivery.status} to a simulated ${String(activity.type)}; see the service log for why.`,
      );
    return delivery;
  }

  /** Simulated time, strictly increasing, so two clicks in one millisecond keep their order. */
  private at(): number {
    this.lastAt = Math.max(this.deps.clock.now(), this.lastAt + 1);
    return this.lastAt;
  }

  private lesson(meetingId: string): SimLesson {
    const lesson = this.lessons.get(meetingId);
    if (!lesson)
      throw new HttpError(
        404,
        'unknownLesson',
        'That lesson is not in the simulator; reload the page and pick it again.',
      );
    return lesson;
  }

  private events(lesson: SimLesson) {
    return lessonActivities({
      tenantId: this.deps.school.tenantId,
      meetingId: lesson.meetingId,
      conversationId: lesson.conversationId,
      serviceUrl: this.deps.serviceUrl(),
    });
  }

  private personalChat(person: SimPerson) {
    return personalChatActivities({
      tenantId: this.deps.school.tenantId,
      serviceUrl: this.deps.serviceUrl(),
      conversationId: personalConversationId(person.aadObjectId),
      person: this.asTeams(person),
    });
  }

  /** The person as Teams names them; in a lesson, only its organizer has the Organizer role. */
  private asTeams(person: SimPerson, lesson?: SimLesson): ActivityPerson {
    return {
      aadObjectId: person.aadObjectId,
      teamsId: person.teamsId,
      name: person.name,
      role: lesson ? roleIn(lesson, person) : person.meetingRole,
    };
  }
}

function roleIn(lesson: SimLesson, person: SimPerson): ActivityPerson['role'] {
  if (person.aadObjectId === lesson.organizerId) return 'Organizer';
  return person.meetingRole === 'Organizer' ? 'Presenter' : person.meetingRole;
}
