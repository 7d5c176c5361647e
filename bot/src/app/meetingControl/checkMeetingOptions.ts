/**
 * Use case behind the `check <meeting>` chat command (DESIGN.md §6 Talking to Teams and Graph: meeting control): a dry
 * run
 * of the lesson's meeting options against the policy, listing what Chaperone would change, plus
 * the scheduling checks. Staff only; changes nothing. Without Graph it says so and gives the steps.
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { Finding, MeetingState } from '../../domain/types.js';
import { can, type Viewer } from '../permissions.js';
import { done, refused, type Outcome } from '../concerns/outcome.js';
import type { Logger, MeetingStore } from '../ports.js';
import { manualStepsFinding } from '../../domain/rules/meetingOptions.js';
import { scheduledAhead } from '../../domain/rules/scheduledAhead.js';
import { enforceMeetingSettings } from './enforceMeetingSettings.js';
import type { SettingChange } from './planSettings.js';
import type { MeetingControl } from './ports.js';

/** What {@link checkMeetingOptions} needs. */
export interface CheckMeetingOptionsDeps {
  meetings: Pick<MeetingStore, 'listMeetings'> & Partial<Pick<MeetingStore, 'load'>>;
  /** Absent when `GRAPH_ENFORCE_SETTINGS=false`. */
  meetingControl?: MeetingControl;
  logger?: Logger;
}

/** Which lesson: the meeting whose chat the command was typed in, else `last` or words from a title. */
export interface LessonChoice {
  meetingId?: string;
  words: string;
}

/** The dry run's answer. */
export interface MeetingOptionsReport {
  title: string;
  /** False when Graph is not configured: `findings` then holds the manual steps. */
  graph: boolean;
  /** What Chaperone would change (empty when the options already comply or could not be read). */
  changes: SettingChange[];
  findings: Finding[];
}

/** Sentence used when Graph is switched off, so staff and the admin know why nothing was read. */
export const GRAPH_OFF =
  'Chaperone is not connected to Microsoft Graph at this school (GRAPH_ENFORCE_SETTINGS is off), so it cannot read meeting options.';

const RECENT = 20;

/** Plans the lesson's meeting options without applying anything. */
export async function checkMeetingOptions(
  deps: CheckMeetingOptionsDeps,
  viewer: Viewer,
  choice: LessonChoice,
  policy: Policy,
): Promise<Outcome<MeetingOptionsReport>> {
  if (!can(viewer, 'checkMeetingOptions')) return refused('Only school staff can check meeting options.');
  const found = await findLesson(deps, viewer, choice);
  if (!found.ok) return found;
  const lesson = found.value;
  const title = lesson.title || 'Lesson';
  // The scheduling rule itself, on what is known of the lesson plus what Graph says of its creation and start.
  const scheduling = (createdAt?: number, startAt?: number) =>
    !scheduledAhead.enabled(policy)
      ? []
      : scheduledAhead.evaluate(
          policy,
          {
            ...lesson,
            ...defined({ createdAt: createdAt ?? lesson.createdAt, scheduledStart: startAt ?? lesson.scheduledStart }),
          },
          lesson.lastEventAt ?? 0,
        );
  if (!deps.meetingControl)
    return done({
      title,
      graph: false,
      changes: [],
      findings: [manualStepsFinding(policy, GRAPH_OFF), ...scheduling()],
    });
  if (!lesson.joinUrl || !lesson.organizerId) {
    return refused(
      `I don't know the meeting link of "${title.slice(0, 80)}" yet. Add Chaperone to the meeting (or start it once), then try again.`,
    );
  }
  const result = await enforceMeetingSettings(
    { meetingControl: deps.meetingControl, ...(deps.logger ? { logger: deps.logger } : {}) },
    { policy, organizerId: lesson.organizerId, joinUrl: lesson.joinUrl, apply: false },
  );
  return done({
    title,
    graph: true,
    changes: result.changes,
    findings: [...result.findings, ...scheduling(result.meeting?.createdAt, result.meeting?.startAt)],
  });
}

async function findLesson(
  deps: CheckMeetingOptionsDeps,
  viewer: Viewer,
  choice: LessonChoice,
): Promise<Outcome<MeetingState>> {
  if (choice.meetingId && deps.meetings.load) {
    const record = await deps.meetings.load({ tenantId: viewer.tenantId, meetingId: choice.meetingId });
    return record
      ? done(record.state)
      : refused('I have not seen this lesson yet. Start the meeting (or add Chaperone to it) and try again.');
  }
  const wanted = choice.words.trim().toLowerCase();
  if (!wanted)
    return refused(
      'Say which lesson: "check last" for your latest one, or "check" and words from its title. In a lesson\'s chat, "check" on its own checks that lesson.',
    );
  const lessons = await deps.meetings.listMeetings(viewer.tenantId, {
    organizerId: viewer.aadObjectId,
    limit: wanted === 'last' ? 1 : RECENT,
  });
  const lesson =
    wanted === 'last'
      ? lessons[0]
      : lessons.find((m) => m.meetingId === choice.words.trim() || m.title.toLowerCase().includes(wanted));
  return lesson
    ? done(lesson)
    : refused(`I can't find a recent lesson you organised matching "${choice.words.slice(0, 60)}". Try "check last".`);
}

function defined<T extends Record<string, number | undefined>>(fields: T): { [K in keyof T]?: number } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: number };
}
