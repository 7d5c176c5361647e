import { Field, Input, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { BookingRules } from '../api/bookingClient.js';
import type { BookingDraft, FieldMessages, WhenDraft } from './bookingDraft.js';
import { durationRule, whenRule } from './bookingWords.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '200px' },
});

/** A Fluent field's message props: the sentence, shown as an error, or none. */
export function shownMessage(message: string | undefined) {
  return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
}

/**
 * The day, start time and length of a lesson, with the school's rules beside them: on the booking form and when a
 * booked lesson is moved.
 */
export function WhenFields({
  rules,
  when,
  change,
  messages,
}: {
  rules: BookingRules;
  when: WhenDraft;
  change: (change: Partial<WhenDraft>) => void;
  /** The sentence beside each field that needs another look. */
  messages: FieldMessages;
}): ReactNode {
  const styles = useStyles();
  return (
    <>
      <div className={styles.row}>
        <Field className={styles.grow} label="Day" required hint={whenRule(rules)} {...shownMessage(messages.start)}>
          <Input type="date" value={when.date} onChange={(_, d) => change({ date: d.value })} />
        </Field>
        <Field label="Start time" required>
          <Input type="time" value={when.time} onChange={(_, d) => change({ time: d.value })} />
        </Field>
      </div>
      <Field label="Length in minutes" required hint={durationRule(rules)} {...shownMessage(messages.durationMinutes)}>
        <Input
          type="number"
          min={1}
          max={600}
          value={when.duration}
          onChange={(_, d) => change({ duration: d.value })}
        />
      </Field>
    </>
  );
}

/** A senior leader's reason for a lesson at shorter notice than the school asks (kept with the booking). */
export function NoticeOverrideField({
  reason,
  change,
  message,
}: {
  reason: string;
  change: (change: Pick<BookingDraft, 'overrideReason'>) => void;
  message: string | undefined;
}): ReactNode {
  return (
    <Field
      label="Override the notice rule"
      hint="Only when this lesson cannot wait: say why. The reason is kept with the booking."
      {...shownMessage(message)}
    >
      <Textarea value={reason} onChange={(_, d) => change({ overrideReason: d.value })} resize="vertical" />
    </Field>
  );
}
