import { Body1, Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorCode, people } from '@microsoft/teams-js';
import { useState, type ReactNode } from 'react';
import type { InvitedStaff } from '../api/bookingClient.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '200px' },
});

/** What Teams' people picker came to: a person to invite, nobody (closed), or a sentence for the teacher. */
type Picked = { staff: InvitedStaff } | { note: string } | undefined;

/** Teams' people picker: the person with their Entra id, which the server checks is staff and not a pupil. */
async function pickFromTeams(): Promise<Picked> {
  try {
    const [chosen] = await people.selectPeople({ singleSelect: true, title: 'Choose the other member of staff' });
    if (!chosen) return undefined;
    const name = chosen.displayName || chosen.email || 'That person';
    if (!chosen.email) return { note: `Teams did not give ${name}'s email address, so they cannot be invited.` };
    return { staff: { aadObjectId: chosen.objectId, name, email: chosen.email } };
  } catch (err) {
    if ((err as { errorCode?: number } | undefined)?.errorCode === ErrorCode.USER_ABORT) return undefined;
    return { note: 'Teams could not open its people picker; try again.' };
  }
}

/** Whether this Teams client offers its people picker (not every host running the tab does). */
function canPick(): boolean {
  try {
    return people.isSupported();
  } catch {
    return false;
  }
}

/**
 * The second adult, chosen only in Teams' people picker: the server needs their Entra id to check they are staff.
 * `message` (the school's rule about them) sits beside the field.
 */
export function StaffFields({
  staff,
  onChange,
  message,
}: {
  staff: InvitedStaff | undefined;
  onChange: (staff: InvitedStaff | undefined) => void;
  message?: string;
}): ReactNode {
  const styles = useStyles();
  const [note, setNote] = useState<string>();
  if (!canPick())
    return (
      <Body1 as="p" data-testid="staff-in-teams">
        The second member of staff is chosen in Microsoft Teams, so open Chaperone in Teams to book this lesson.
      </Body1>
    );
  const pick = () =>
    pickFromTeams().then((picked) => {
      setNote(picked && 'note' in picked ? picked.note : undefined);
      if (picked && 'staff' in picked) onChange(picked.staff);
    });
  const shown = message ?? note;
  return (
    <div className={styles.row}>
      <Field
        className={styles.grow}
        label="Second member of staff"
        hint="They get the invitation and join the lesson with you."
        validationMessage={shown}
        validationState={shown ? 'error' : 'none'}
      >
        <Input readOnly value={staff ? `${staff.name} (${staff.email})` : ''} placeholder="Nobody chosen yet" />
      </Field>
      <Button type="button" onClick={pick}>
        {staff ? 'Choose someone else' : 'Choose in Teams'}
      </Button>
      {staff && (
        <Button type="button" appearance="subtle" onClick={() => onChange(undefined)}>
          Remove
        </Button>
      )}
    </div>
  );
}
