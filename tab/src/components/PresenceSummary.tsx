import { Badge, Caption1, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { StatusView } from '../api/client.js';
import { timeOfDay } from './format.js';
import { ROLE_WORDS } from './roleWords.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/**
 * Staff present against the number required; pupils, guests and people not identified, each counted apart; and who is
 * in.
 */
export function PresenceSummary({ view }: { view: StatusView }): ReactNode {
  const styles = useStyles();
  const short = view.pupilsPresent > 0 && view.staff.present < view.staff.required;
  const tz = view.school.timeZone;
  const { pupils, guests, notIdentified } = view.presentByRole;
  return (
    <Card aria-label="Who is in the lesson">
      <div className={styles.row}>
        <Badge size="large" appearance="filled" color={short ? 'danger' : 'success'} data-testid="staff-count">
          Staff {view.staff.present} of {view.staff.required}
        </Badge>
        <Badge size="large" appearance="tint" color="informative" data-testid="pupil-count">
          Pupils {pupils}
        </Badge>
        <Badge size="large" appearance="tint" color={guests > 0 ? 'warning' : 'informative'} data-testid="guest-count">
          Guests {guests}
        </Badge>
        <Badge
          size="large"
          appearance="tint"
          color={notIdentified > 0 ? 'warning' : 'informative'}
          data-testid="not-identified-count"
        >
          Not identified {notIdentified}
        </Badge>
      </div>
      {guests + notIdentified > 0 && <Caption1 data-testid="guest-note">{view.guestNote}</Caption1>}
      <ul className={styles.list} aria-label="People in the meeting now">
        {view.people.map((p) => (
          <li key={p.id}>
            <Text>{p.name}</Text>{' '}
            <Caption1>
              ({ROLE_WORDS[p.role]}
              {p.since ? `, since ${timeOfDay(p.since, tz)}` : ''})
            </Caption1>
          </li>
        ))}
      </ul>
      <Caption1>
        {view.roster.lastEventAt ? `Last change ${timeOfDay(view.roster.lastEventAt, tz)}` : 'No one has joined yet'}
        {view.roster.checkedAt
          ? `; checked with Teams at ${timeOfDay(view.roster.checkedAt, tz)}`
          : '; not yet checked with Teams'}
      </Caption1>
    </Card>
  );
}
