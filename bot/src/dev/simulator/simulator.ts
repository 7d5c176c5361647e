/**
 * The meeting simulator's Teams: who is in each lesson on how many devices, and the activities a
 * change sends the bot, through its real endpoint.
 */
import type { Clock } from '../../app/ports.js';
import { HttpError } from '../../http/errors.js';
import { newMeetingIds, type TeamsActivity } from '../activities.js';
import type { FakeConnectorCore } from '../connector/fakeConnector.js';
import { personOf, type SimSchool } from '../school.js';
import { chatActivity, chatLineText, type ChatInput, type SentChatLine } from './chatInput.js';
import { isRunning, type LessonKind, type SimLesson } from './lessons.js';
import { simTeams, type SimTeams } from './simTeams.js';

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

/**
 * Plays Teams: keeps who is in each lesson on how many devices, and tells the bot what Teams
 * would, as real activities through `/api/messages`. It never touches the bot's storage or use cases.
 */
export class Simulator {
  readonly lessons = new Map<string, SimLesson>();
  readonly sent: SentChatLine[] = [];
  private lastAt = 0;
  private installed = false;
  private readonly teams: SimTeams;

  constructor(private readonly deps: SimulatorDeps) {
    this.teams = simTeams(deps);
  }

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
    await this.send(this.teams.lessonEvents(lesson).botAdded(now, this.teams.asTeams(organizer)));
    return lesson;
  }

  /** One more device of the person joins; the first device in an empty meeting starts it. */
  async join(meetingId: string, personId: string): Promise<void> {
    const lesson = this.lesson(meetingId);
    const person = personOf(this.deps.school, personId);
    const events = this.teams.lessonEvents(lesson);
    if (!isRunning(lesson)) {
      await this.send(events.start(this.at(), this.teams.lessonDetails(lesson)));
      lesson.startedAt = this.lastAt;
      delete lesson.endedAt;
    }
    lesson.devices[person.aadObjectId] = (lesson.devices[person.aadObjectId] ?? 0) + 1;
    this.teams.rosterSays(lesson, person);
    await this.send(events.join(this.teams.asTeams(person, lesson), this.at()));
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
      this.teams.rosterSays(lesson, personOf(this.deps.school, id));
    }
    await this.endMeeting(lesson);
  }

  /** The person writes to the bot (or clicks a card button) in their 1:1 chat. */
  async chat(personId: string, input: ChatInput): Promise<Delivery> {
    const person = personOf(this.deps.school, personId);
    const chat = this.teams.personalChat(person);
    const at = this.at();
    this.sent.push({ personId, at, position: this.deps.connector.requests.length - 0.5, text: chatLineText(input) });
    return this.send(chatActivity(chat, at, input));
  }

  /**
   * The app is installed for every member of staff (as a tenant-wide install does), so the bot
   * has a 1:1 chat to send DSL alerts to. Once per process; the bot greets each person only once.
   */
  async installForStaff(): Promise<void> {
    if (this.installed) return;
    this.installed = true;
    for (const person of this.deps.school.people.filter((p) => p.kind !== 'pupil'))
      await this.send(this.teams.personalChat(person).installed(this.at()));
  }

  private async leaveDevices(meetingId: string, personId: string, count: number, dropped: boolean): Promise<void> {
    const lesson = this.lesson(meetingId);
    const person = personOf(this.deps.school, personId);
    if ((lesson.devices[personId] ?? 0) < count || count < 1)
      throw new HttpError(409, 'notInLesson', `${person.name} is not in this lesson on that many devices.`);
    for (let i = 0; i < count; i++) {
      lesson.devices[personId] = (lesson.devices[personId] ?? 0) - 1;
      if (dropped) lesson.dropped[personId] = (lesson.dropped[personId] ?? 0) + 1;
      this.teams.rosterSays(lesson, person);
      await this.send(this.teams.lessonEvents(lesson).leave(this.teams.asTeams(person, lesson), this.at()));
    }
    if (!isRunning(lesson)) await this.endMeeting(lesson);
  }

  private async endMeeting(lesson: SimLesson): Promise<void> {
    await this.send(this.teams.lessonEvents(lesson).end(this.at(), undefined, this.teams.lessonDetails(lesson)));
    lesson.endedAt = this.lastAt;
    delete lesson.startedAt;
    lesson.dropped = {};
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
}
