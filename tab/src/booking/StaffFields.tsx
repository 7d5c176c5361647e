import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { people } from '@microsoft/teams-js';
import { useState, type ReactNode } from 'react';
import type { InvitedStaff } from '../api/bookingClient.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '200px' },
});

/** Teams' people picker, where the Teams client offers it: the person with their Entra id. */
async function pickFromTeams(): Promise<InvitedStaff | undefined> {
  const [chosen] = await people.selectPeople({ singleSelect: true, title: 'Choose the other member of staff' });
  if (!chosen?.email) return undefined;
  return { aadObjectId: chosen.objectId, name: chosen.displayName ?? chosen.email, email: chosen.email };
}

/** The second adult: picked in Teams, or typed as name and school email address; `message` sits beside it. */
export function StaffFields({
  staff,
  onChange,
  message,
}: {
  staff: InvitedStaff;
  onChange: (staff: InvitedStaff) => void;
  message?: string;
}): ReactNode {
  const styles = useStyles();
  const [pickerFailed, setPickerFailed] = useState(false);
  // A typed change forgets the picked person's id: the name or address may now be someone else's.
  const typed = (change: Partial<InvitedStaff>) => onChange({ name: staff.name, email: staff.email, ...change });
  const pick = () =>
    pickFromTeams().then(
      (chosen) => chosen && onChange(chosen),
      () => setPickerFailed(true),
    );
  return (
    <>
      <div className={styles.row}>
        <Field
          className={styles.grow}
          label="Second member of staff"
          hint="They get the invitation and join the lesson with you."
          validationMessage={message}
          validationState={message ? 'error' : 'none'}
        >
          <Input value={staff.name} onChange={(_, d) => typed({ name: d.value })} />
        </Field>
        {people.isSupported() && (
          <Button type="button" onClick={pick}>
            Choose in Teams
          </Button>
        )}
      </div>
      <Field
        label="Their school email address"
        validationMessage={
          pickerFailed ? 'Teams could not open its people picker; type their name and email address.' : undefined
        }
        validationState={pickerFailed ? 'warning' : 'none'}
      >
        <Input type="email" value={staff.email} onChange={(_, d) => typed({ email: d.value })} />
      </Field>
    </>
  );
}
