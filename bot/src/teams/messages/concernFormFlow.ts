/**
 * The "Log a concern" form from start to receipt: a fresh form (optionally linked to a lesson),
 * then its submission, which answers either the same form with a message per bad field or the
 * receipt that replaces it, so the same form cannot log a second concern.
 */
import { logConcern } from '../../app/concerns/logConcern.js';
import { localDateAndTime, zonedToEpoch } from '../../app/concerns/time.js';
import type { LessonLink } from '../../app/concerns/types.js';
import { concernFormCard } from '../cards/concernForm.js';
import { receiptCard } from '../cards/concernCards.js';
import { cardJson, para, type CardElement } from '../cards/adaptive.js';
import type { CommandDeps, CommandRequest } from './commandTypes.js';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The lesson a form or button names, when both id and title are plain strings. */
export function lessonFrom(data: Record<string, unknown> | undefined): LessonLink | undefined {
  const meetingId = text(data?.meetingId)?.trim();
  return meetingId ? { meetingId, title: text(data?.meetingTitle)?.trim() || 'a lesson' } : undefined;
}

/** A new, empty form; `lesson` when it was opened from an alert card about that lesson. */
export function openConcernForm(deps: CommandDeps, request: CommandRequest, lesson?: LessonLink): CardElement {
  const timeZone = request.policy.school.timeZone;
  return concernFormCard({ clientRequestId: deps.newFormId(), defaults: localDateAndTime(deps.clock.now(), timeZone), timeZone, ...(lesson ? { lesson } : {}) });
}

/** Handles a submitted form; answers the card that should replace it. */
export async function submitConcernForm(deps: CommandDeps, request: CommandRequest, data: Record<string, unknown>): Promise<CardElement> {
  const timeZone = request.policy.school.timeZone;
  const happenedAt = zonedToEpoch(text(data.happenedDate) ?? '', text(data.happenedTime) ?? '', timeZone);
  const lesson = lessonFrom(data);
  const raw = {
    pupilName: data.pupilName,
    category: data.category || undefined,
    whatHappened: data.whatHappened,
    happenedAt,
    actionsTaken: data.actionsTaken,
    urgency: data.urgency || undefined,
    clientRequestId: data.clientRequestId,
    ...(lesson ? { meetingId: lesson.meetingId, meetingTitle: lesson.title } : {}),
  };
  const result = await logConcern({ ...deps, ...(deps.newRef ? { newRef: deps.newRef } : {}) }, request.viewer, raw);
  switch (result.outcome) {
    case 'refused':
      return cardJson([para(result.message)]);
    case 'invalid':
      return concernFormCard({
        clientRequestId: text(data.clientRequestId) ?? deps.newFormId(),
        defaults: localDateAndTime(deps.clock.now(), timeZone),
        values: data,
        errors: result.errors,
        timeZone,
        ...(lesson ? { lesson } : {}),
      });
    case 'duplicate':
      return receiptCard(result.concern, timeZone, { duplicate: true });
    case 'logged':
      return receiptCard(result.concern, timeZone, { unreachedDsls: result.unreachedDsls });
  }
}
