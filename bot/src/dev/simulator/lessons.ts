import type { MeetingState } from '../../domain/types.js';

/** How the lesson was created in Teams. "Meet now" has no lobby and no notice (seed 003). */
export type LessonKind = 'Scheduled' | 'MeetNow';

/** A lesson as Teams (the simulator) knows it: the truth the bot only hears about through events. */
export interface SimLesson {
  meetingId: string;
  conversationId: string;
  title: string;
  kind: LessonKind;
  organizerId: string;
  createdAt: number;
  scheduledStart: number;
  /** Set while the meeting is running (someone is in it); cleared when it ends. */
  startedAt?: number;
  endedAt?: number;
  /** Devices each person has in the call now, by Entra object id. */
  devices: Record<string, number>;
  /** Devices that dropped and can reconnect, by Entra object id. */
  dropped: Record<string, number>;
}

/** Everyone's devices in the call. */
export function devicesIn(lesson: SimLesson): number {
  return Object.values(lesson.devices).reduce((sum, n) => sum + n, 0);
}

/** Whether the meeting is running (at least one device in the call). */
export function isRunning(lesson: SimLesson): boolean {
  return devicesIn(lesson) > 0;
}

/**
 * Rebuilds a lesson the simulator created before a restart from what the service stored, so the
 * page shows who is still in. Devices per person are joins minus leaves, as the bot counts them.
 */
export function lessonFromState(state: MeetingState): SimLesson | undefined {
  if (!state.address?.conversationId || state.startedAt === undefined) return undefined;
  const devices: Record<string, number> = {};
  for (const person of Object.values(state.people)) {
    let n = 0;
    for (const mark of person.marks)
      n = mark.reconciled
        ? mark.type === 'join'
          ? Math.max(1, n)
          : 0
        : Math.max(0, n + (mark.type === 'join' ? 1 : -1));
    if (n > 0 && (state.endedAt === undefined || state.endedAt < state.startedAt)) devices[person.id] = n;
  }
  return {
    meetingId: state.meetingId,
    conversationId: state.address.conversationId,
    title: state.title || 'Lesson',
    kind: state.meetingType === 'MeetNow' ? 'MeetNow' : 'Scheduled',
    organizerId: state.organizerId ?? '',
    createdAt: state.createdAt ?? state.startedAt,
    scheduledStart: state.scheduledStart ?? state.startedAt,
    ...(Object.keys(devices).length ? { startedAt: state.startedAt } : {}),
    ...(state.endedAt !== undefined ? { endedAt: state.endedAt } : {}),
    devices,
    dropped: {},
  };
}
