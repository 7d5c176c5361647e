import { Field, Input, Textarea } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Booker } from '../api/bookingClient.js';
import type { BookingDraft, FieldMessages } from './bookingDraft.js';
import { StaffFields } from './StaffFields.js';
import { NoticeOverrideField, shownMessage, WhenFields } from './WhenFields.js';

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
  return (
    <>
      <Field label="Title" required {...shownMessage(messages.title)}>
        <Input value={draft.title} onChange={(_, d) => change({ title: d.value })} />
      </Field>
      <Field label="Pupils' email addresses" hint="One email address on each line." {...shownMessage(messages.pupils)}>
        <Textarea value={draft.pupils} onChange={(_, d) => change({ pupils: d.value })} resize="vertical" rows={3} />
      </Field>
      <WhenFields rules={booker.rules} when={draft} change={change} messages={messages} />
      <StaffFields staff={draft.staff} onChange={(staff) => change({ staff })} message={messages.otherStaff} />
      <Field label="Notes for the senior team" hint="Only the senior team sees these; they are not in the invitation.">
        <Textarea value={draft.notesForSlt} onChange={(_, d) => change({ notesForSlt: d.value })} resize="vertical" />
      </Field>
      {booker.canOverrideNotice && (
        <NoticeOverrideField reason={draft.overrideReason} change={change} message={messages.noticeOverride} />
      )}
    </>
  );
}
