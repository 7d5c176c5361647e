/**
 * The "Log a concern" form from start to receipt: a fresh form (optionally linked to a lesson),
 * then its submission, which answers either the same form with a message per bad field or the
 * receipt that replaces it, so the same form cannot log a second concern.
 */
import { logConcern } from '../../app/concerns/logConcern.js';
import { recentPupils } from '../../app/concerns/recentPupils.js';
import { localDateAndTime, zonedToEpoch } from '../../app/time.js';
import type { LessonLink } from '../../app/concerns/types.js';
import { concernFormCard, PUPIL_PICK } from '../cards/concernForm.js';
import { receiptCard } from '../cards/concernCards.js';
import { cardJson, para, type CardElement } from '../cards/adaptive.js';
import type { CommandDeps, CommandRequest } from './commandTypes.js';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The lesson a form or button names, when both id and title are plain strings. */
export function lessonFrom(data: Record<string, unknown> | undefined): LessonLink | undefined {
  const meetingId = text(data?.meetingId)?.trim();
  return meetingId ? { meetingId, title: text(data?.meetingTitle)?.trim() || 'a lesson' } : undefined;
}

/**
 * The lesson a submitted form is about: the one it was opened for, else the lesson whose pupil list
 * the pupil was picked from (a typed name may be anyone, so it links nothing). Only the id counts:
 * the title and time come from the school's records when the concern is logged.
 */
function lessonOfForm(data: Record<string, unknown>): LessonLink | undefined {
  const picked = !text(data.pupilName)?.trim() && !!text(data[PUPIL_PICK])?.trim();
  return lessonFrom(data) ?? (picked ? lessonFrom({ meetingId: data.pupilsFrom }) : undefined);
}

/** The pupil's name as submitted: the typed name when there is one, else the one picked from the list. */
export function pupilNameFrom(data: Record<string, unknown>): unknown {
  return text(data.pupilName)?.trim() || text(data[PUPIL_PICK])?.trim() || data.pupilName;
}

/**
 * A new, empty form; `lesson` when it was opened from an alert card about that lesson. It offers
 * the pupils of that lesson, or else of the person's latest lesson, when there are any.
 */
export async function openConcernForm(
  deps: CommandDeps,
  request: CommandRequest,
  lesson?: LessonLink,
): Promise<CardElement> {
  const timeZone = request.policy.school.timeZone;
  const pupilChoices = await recentPupils(deps, request.viewer, lesson?.meetingId);
  return concernFormCard({
    clientRequestId: deps.newFormId(),
    defaults: localDateAndTime(deps.clock.now(), timeZone),
    timeZone,
    ...(lesson ? { lesson } : {}),
    ...(pupilChoices ? { pupilChoices } : {}),
  });
}

/** Handles a submitted form; answers the card that should replace it. */
export async function submitConcernForm(
  deps: CommandDeps,
  request: CommandRequest,
  data: Record<string, unknown>,
): Promise<CardElement> {
  const timeZone = request.policy.school.timeZone;
  const happenedAt = zonedToEpoch(text(data.happenedDate) ?? '', text(data.happenedTime) ?? '', timeZone);
  const opened = lessonFrom(data);
  const lesson = lessonOfForm(data);
  const raw = {
    pupilName: pupilNameFrom(data),
    category: data.category || undefined,
    whatHappened: data.whatHappened,
    happenedAt,
    actionsTaken: data.actionsTaken,
    urgency: data.urgency || undefined,
    clientRequestId: data.clientRequestId,
    ...(lesson ? { meetingId: lesson.meetingId, meetingTitle: lesson.title } : {}),
  };
  const result = await logConcern(
    { ...deps, escalation: request.policy.escalation, ...(deps.newRef ? { newRef: deps.newRef } : {}) },
    request.viewer,
    raw,
  );
  switch (result.outcome) {
    case 'refused':
    case 'conflict':
      return cardJson([para(result.message)]);
    case 'invalid': {
      const pupilsFrom = text(data.pupilsFrom)?.trim();
      const pupilChoices = pupilsFrom ? await recentPupils(deps, request.viewer, pupilsFrom) : undefined;
      return concernFormCard({
        clientRequestId: text(data.clientRequestId) ?? deps.newFormId(),
        defaults: localDateAndTime(deps.clock.now(), timeZone),
        values: data,
        errors: result.errors,
        timeZone,
        ...(opened ? { lesson: opened } : {}),
        ...(pupilChoices ? { pupilChoices } : {}),
      });
    }
    case 'duplicate':
      return receiptCard(result.concern, timeZone, undefined);
    case 'logged':
      return receiptCard(result.concern, timeZone, result, request.policy.dsl.phone);
  }
}
