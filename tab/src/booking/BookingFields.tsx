import { Field, Input, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Booker } from '../api/bookingClient.js';
import type { BookingDraft, DraftField, FieldMessages } from './bookingDraft.js';
import { durationRule, whenRule } from './bookingWords.js';
import { StaffFields } from './StaffFields.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '200px' },
});

/** Props of {@link BookingFields}. */
export interface BookingFieldsProps {
  booker: Booker;
  draft: BookingDraft;
  change: (change: Partial<BookingDraft>) => void;
  /** The sentence beside each field that needs another look. */
  messages: FieldMessages;
}

/** The booking form's fields, with the school's rules beside the ones they apply to. */
export function BookingFields({ booker, draft, change, messages }: BookingFieldsProps): ReactNode {
  const styles = useStyles();
  const { rules } = booker;
  const shown = (field: DraftField) => ({
    validationMessage: messages[field],
    validationState: messages[field] ? ('error' as const) : ('none' as const),
  });
  return (
    <>
      <Field label="Title" required {...shown('title')}>
        <Input value={draft.title} onChange={(_, d) => change({ title: d.value })} />
      </Field>
      <Field label="Pupils' email addresses" hint="One email address on each line." {...shown('pupils')}>
        <Textarea value={draft.pupils} onChange={(_, d) => change({ pupils: d.value })} resize="vertical" rows={3} />
      </Field>
      <div className={styles.row}>
        <Field className={styles.grow} label="Day" required hint={whenRule(rules)} {...shown('start')}>
          <Input type="date" value={draft.date} onChange={(_, d) => change({ date: d.value })} />
        </Field>
        <Field label="Start time" required>
          <Input type="time" value={draft.time} onChange={(_, d) => change({ time: d.value })} />
        </Field>
      </div>
      <Field label="Length in minutes" required hint={durationRule(rules)} {...shown('durationMinutes')}>
        <Input
          type="number"
          min={1}
          max={600}
          value={draft.duration}
          onChange={(_, d) => change({ duration: d.value })}
        />
      </Field>
      <StaffFields staff={draft.staff} onChange={(staff) => change({ staff })} message={messages.otherStaff} />
      <Field label="Notes for the senior team" hint="Only the senior team sees these; they are not in the invitation.">
        <Textarea value={draft.notesForSlt} onChange={(_, d) => change({ notesForSlt: d.value })} resize="vertical" />
      </Field>
      {booker.canOverrideNotice && (
        <Field
          label="Override the notice rule"
          hint="Only when this lesson cannot wait: say why. The reason is kept with the booking."
          {...shown('noticeOverride')}
        >
          <Textarea
            value={draft.overrideReason}
            onChange={(_, d) => change({ overrideReason: d.value })}
            resize="vertical"
          />
        </Field>
      )}
    </>
  );
}
