/**
 * Terse builders for domain tests: people, events, meetings and policies. Times are minutes after
 * T0, a Monday 09:30 in London (inside the strict preset's school hours). Reusable by any test.
 */
import { emptyMeeting, reduce } from '../../bot/src/domain/reducer.js';
import { policyFromPreset, type PresetName } from '../../bot/src/domain/policy/presets.js';
import type { Policy, PolicyInput } from '../../bot/src/domain/policy/schema.js';
import type {
  AlertBook,
  ChecklistItem,
  Finding,
  MeetingEvent,
  MeetingKind,
  MeetingState,
  Participant,
  PupilCheck,
  PupilCheckState,
  RegisterMark,
  Role,
} from '../../bot/src/domain/types.js';
import { evaluate } from '../../bot/src/domain/evaluate.js';

/** Monday 4 March 2024, 09:30 in London (GMT). */
export const T0 = Date.UTC(2024, 2, 4, 9, 30);

/** Epoch ms `m` minutes after T0. */
export const at = (m: number): number => T0 + m * 60_000;

/** Epoch ms `s` seconds after T0. */
export const sec = (s: number): number => T0 + s * 1000;

let counter = 0;
/** A fresh event id. */
export const nextId = (prefix = 'e'): string => `${prefix}${++counter}`;

/** A participant with the given role (name and Teams id derived from the id). */
export function person(id: string, role: Role, extra: Partial<Participant> = {}): Participant {
  return { id, teamsId: `29:${id}`, name: extra.name ?? id, role, ...extra };
}
export const staff = (id: string, extra?: Partial<Participant>) => person(id, 'staff', extra);
export const pupil = (id: string, extra?: Partial<Participant>) => person(id, 'pupil', extra);
export const guest = (id: string, extra?: Partial<Participant>) => person(id, 'guest', extra);

/** Events; each takes its time in epoch ms and an optional explicit event id. */
export const started = (
  time: number,
  opts: { id?: string; meetingType?: MeetingKind; title?: string; organizerId?: string } = {},
): MeetingEvent => ({
  kind: 'meetingStarted',
  id: opts.id ?? nextId(),
  at: time,
  meetingType: opts.meetingType ?? 'Scheduled',
  title: opts.title ?? 'Year 5 maths',
  ...(opts.organizerId ? { organizerId: opts.organizerId } : {}),
});
export const ended = (time: number, id = nextId()): MeetingEvent => ({ kind: 'meetingEnded', id, at: time });
export const join = (participant: Participant, time: number, id = nextId()): MeetingEvent => ({
  kind: 'participantJoined',
  id,
  at: time,
  participant,
});
export const leave = (participantId: string, time: number, id = nextId()): MeetingEvent => ({
  kind: 'participantLeft',
  id,
  at: time,
  participantId,
});
export const reconcile = (time: number, present: Participant[], absent: string[], id = nextId()): MeetingEvent => ({
  kind: 'rosterReconciled',
  id,
  at: time,
  present,
  absent,
});
export const tick = (item: ChecklistItem, time: number, ticked = true, id = nextId()): MeetingEvent => ({
  kind: 'checklistTicked',
  id,
  at: time,
  item,
  ticked,
  by: 'teacher',
});
/** A check recorded as a state; `true` and `false` are shorthand for yes and no. */
export const check = (
  pupilId: string,
  which: PupilCheck,
  state: PupilCheckState | boolean,
  time: number,
  id = nextId(),
  by = 'teacher',
): MeetingEvent => ({
  kind: 'pupilCheckRecorded',
  id,
  at: time,
  pupilId,
  check: which,
  state: typeof state === 'boolean' ? (state ? 'yes' : 'no') : state,
  by,
});
/** A check as event rows stored before three states hold it: a boolean `value`. */
export const legacyCheck = (
  pupilId: string,
  which: PupilCheck,
  value: boolean,
  time: number,
  id = nextId(),
): MeetingEvent => ({ kind: 'pupilCheckRecorded', id, at: time, pupilId, check: which, value, by: 'teacher' });
export const allChecks = (pupilId: string, time: number): MeetingEvent[] =>
  (['consent', 'parentPresent', 'communalRoom'] as const).map((c) => check(pupilId, c, true, time));
export const registerMark = (pupilId: string, mark: RegisterMark, time: number, id = nextId()): MeetingEvent => ({
  kind: 'registerMarked',
  id,
  at: time,
  pupilId,
  mark,
  by: 'teacher',
});
export const breachReported = (time: number, id = nextId()): MeetingEvent => ({
  kind: 'breachReported',
  id,
  at: time,
  by: 'teacher',
});
export const details = (
  time: number,
  fields: Omit<Extract<MeetingEvent, { kind: 'meetingDetailsLearned' }>, 'kind' | 'id' | 'at'>,
  id = nextId(),
): MeetingEvent => ({ kind: 'meetingDetailsLearned', id, at: time, ...fields });

/** A meeting built from events in the order given. */
export function meeting(...events: Array<MeetingEvent | MeetingEvent[]>): MeetingState {
  return events.flat().reduce(reduce, emptyMeeting('tenant-1', 'meeting-1'));
}

/** A policy from a preset (strict by default) with overrides. */
export function policy(overrides: PolicyInput = {}, preset: PresetName = 'strict'): Policy {
  return policyFromPreset(preset, overrides);
}

/** The findings of one rule, so a test sees only what it is about. */
export function only(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

/** Runs `evaluate` over steps, carrying the book; returns each step's outcome for one rule. */
export function timeline(pol: Policy, steps: Array<{ state: MeetingState; now: number }>, ruleId?: string) {
  let book: AlertBook = {};
  return steps.map(({ state, now }) => {
    const result = evaluate(pol, state, now, book);
    book = result.book;
    const pick = (fs: Finding[]) => (ruleId ? only(fs, ruleId) : fs).map((f) => f.key);
    return {
      started: pick(result.started),
      cleared: pick(result.cleared),
      active: pick(result.active),
      nextCheckAt: result.nextCheckAt,
      book,
    };
  });
}

/**
 * A lesson that keeps the strict policy: started at T0 by two staff, one pupil with every check
 * recorded, every checklist item ticked. Add events to break one rule at a time.
 */
export function compliantLesson(...more: Array<MeetingEvent | MeetingEvent[]>): MeetingState {
  return meeting(
    started(at(0), { organizerId: 't1' }),
    join(staff('t1'), at(0)),
    join(staff('t2'), at(0)),
    join(pupil('p1'), at(1)),
    allChecks('p1', at(1)),
    tick('expectationsRead', at(1)),
    tick('rolesAgreed', at(1)),
    tick('recordingStarted', at(1)),
    ...more,
  );
}
