import { Caption1, makeStyles, Text, Toolbar, ToolbarRadioButton, Tooltip, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { PupilCheckView } from '../api/client.js';
import { timeOfDay } from './format.js';
import { CHECK_STATES, checkSentence, type CheckState } from './pupilCheckWords.js';

const useStyles = makeStyles({
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  label: { minWidth: '9em' },
  // The chosen state stands out: "No" in the danger colour, since it tells staff to act.
  yes: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorBrandBackgroundHover, color: tokens.colorNeutralForegroundOnBrand },
  },
  no: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorPaletteRedForeground1, color: tokens.colorNeutralForegroundOnBrand },
  },
  notYet: { backgroundColor: tokens.colorNeutralBackground5, color: tokens.colorNeutralForeground1 },
});

/** What one check of one pupil shows: its state and who set it. */
export interface CheckControlProps {
  label: string;
  pupilName: string;
  view?: PupilCheckView;
  timeZone: string;
  onChoose(state: CheckState): void;
}

/**
 * One per-pupil check as three choices (Yes / No / Not yet), never a tick box: leaving a check
 * alone, or undoing it, can never record "no". Who set it and when shows beside it and on hover.
 */
export function PupilCheckControl({ label, pupilName, view, timeZone, onChoose }: CheckControlProps): ReactNode {
  const styles = useStyles();
  const current = view?.state ?? 'notYet';
  const stamp = view?.stamp;
  return (
    <div className={styles.line}>
      <Text size={200} className={styles.label}>
        {label}
      </Text>
      <Tooltip content={checkSentence(view, timeZone)} relationship="description" withArrow>
        <Toolbar size="small" aria-label={`${label} for ${pupilName}`} checkedValues={{ state: [current] }}>
          {CHECK_STATES.map(({ state, label: word }) => (
            <ToolbarRadioButton
              key={state}
              name="state"
              value={state}
              className={state === current ? styles[state] : undefined}
              onClick={() => state !== current && onChoose(state)}
            >
              {word}
            </ToolbarRadioButton>
          ))}
        </Toolbar>
      </Tooltip>
      {stamp && <Caption1>{`${stamp.byName}, ${timeOfDay(stamp.at, timeZone)}`}</Caption1>}
    </div>
  );
}
