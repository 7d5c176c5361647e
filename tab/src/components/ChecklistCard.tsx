import { Caption1, Card, Checkbox, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { StatusView } from '../api/client.js';
import { timeOfDay } from './format.js';

// The stamp lines up with the item's label, past the checkbox.
const useStyles = makeStyles({ stamp: { display: 'block', marginLeft: tokens.spacingHorizontalXXXL } });

/** The shared session checklist: any member of staff ticks, everyone sees who and when. */
export function ChecklistCard({
  view,
  onTick,
}: {
  view: StatusView;
  onTick: (item: string, ticked: boolean) => void;
}): ReactNode {
  const styles = useStyles();
  if (view.checklist.length === 0) return null;
  return (
    <Card aria-label="Session checklist">
      <Text weight="semibold" as="h2">
        Session checklist
      </Text>
      {view.checklist.map((c) => (
        <div key={c.item}>
          <Checkbox checked={c.ticked} label={c.label} onChange={(_, data) => onTick(c.item, data.checked === true)} />
          {c.stamp && (
            <Caption1 className={styles.stamp}>
              {c.ticked ? 'Ticked' : 'Unticked'} by {c.stamp.byName} at {timeOfDay(c.stamp.at, view.school.timeZone)}
            </Caption1>
          )}
        </div>
      ))}
    </Card>
  );
}
