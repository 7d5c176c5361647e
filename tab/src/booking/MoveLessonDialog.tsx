import { Body1 } from '@fluentui/react-components';
import { startTransition, useActionState, useRef, useState, type ReactNode } from 'react';
import type { LessonMove } from '../api/bookingClient.js';
import { lessonWhen } from './bookedLessonWords.js';
import { byField, whenOf, type DraftField, type FieldMessages, type WhenDraft } from './bookingDraft.js';
import type { ChangeDialogProps } from './CancelLessonDialog.js';
import { askConsent } from './consent.js';
import { LessonChangeDialog } from './LessonChangeDialog.js';
import { NOTHING_SENT, sendChange, type ChangeOutcome } from './lessonChangeSubmission.js';
import { localDateAndTime } from '../../../bot/src/app/time.js';
import { NoticeOverrideField, WhenFields } from './WhenFields.js';

/** A press of "Move the lesson": the new times, and the id every retry of the same press carries. */
interface MoveAttempt {
  clientRequestId: string;
  move: LessonMove;
  key: string;
}

const FOR_ALL = new Set<DraftField>(['start', 'durationMinutes']);
const FOR_SENIOR = new Set<DraftField>([...FOR_ALL, 'noticeOverride']);

/**
 * "Move the lesson": the day, start time and length as the booking form has them, checked by the server when pressed
 * (its problems beside their fields); the dialog closes only once the server has moved the lesson. A press with the
 * same times as the last one, and the retry after Teams' consent prompt, carry the same request id.
 */
export function MoveLessonDialog({ api, booker, item, open, onChanged, onClose }: ChangeDialogProps): ReactNode {
  const { rules, canOverrideNotice } = booker;
  const [draft, setDraft] = useState<WhenDraft & { overrideReason: string }>(() => ({
    ...localDateAndTime(item.start, rules.timeZone),
    duration: String(item.durationMinutes),
    overrideReason: '',
  }));
  const [pressed, setPressed] = useState(false);
  const change = (c: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...c }));
  const request = useRef<{ key: string; id: string } | undefined>(undefined);
  const [outcome, send, busy] = useActionState(
    async (previous: ChangeOutcome, { clientRequestId, move, key }: MoveAttempt): Promise<ChangeOutcome> => {
      if (previous.changed) return previous;
      const next = await sendChange(
        'move',
        () => api.moveBooking(item.id, clientRequestId, move),
        () => askConsent(booker.consent),
      );
      if (next.changed) onChanged(next.changed);
      return { ...next, key };
    },
    NOTHING_SENT,
  );

  const typed = whenOf(draft, rules);
  const unchanged = typed.start === item.start && typed.durationMinutes === item.durationMinutes;
  const local: FieldMessages = unchanged
    ? { start: 'This is when the lesson is now; choose a new day, start time or length.' }
    : typed.messages;
  const reason = draft.overrideReason.trim();
  const move: LessonMove | undefined =
    typed.start === undefined || typed.durationMinutes === undefined || unchanged
      ? undefined
      : {
          start: new Date(typed.start).toISOString(),
          durationMinutes: typed.durationMinutes,
          ...(reason ? { noticeOverride: { reason } } : {}),
        };
  const key = move && JSON.stringify(move);

  const submit = () => {
    setPressed(true);
    if (!move || !key) return;
    if (request.current?.key !== key) request.current = { key, id: crypto.randomUUID() };
    const attempt = { clientRequestId: request.current.id, move, key };
    startTransition(() => send(attempt));
  };
  const answered = outcome.key === key ? outcome.problems : [];
  const messages = { ...byField(answered, canOverrideNotice ? FOR_SENIOR : FOR_ALL), ...(pressed ? local : {}) };
  return (
    <LessonChangeDialog
      open={open}
      title={`Move ${item.title}`}
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
      submit={{ label: 'Move the lesson', busyLabel: 'Moving...' }}
      closeLabel="Keep the time"
      failure={outcome.key === key ? outcome.failure : undefined}
    >
      <Body1 as="p">Now {lessonWhen(item, rules.timeZone)}. Everyone invited is sent the new time.</Body1>
      <WhenFields rules={rules} when={draft} change={change} messages={messages} />
      {canOverrideNotice && (
        <NoticeOverrideField reason={draft.overrideReason} change={change} message={messages.noticeOverride} />
      )}
    </LessonChangeDialog>
  );
}
