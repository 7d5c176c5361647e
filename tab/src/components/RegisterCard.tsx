import {
  Badge,
  Button,
  Caption1,
  Card,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Text,
  ToggleButton,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { StatusView } from '../api/client.js';
import { ConfirmNoDialog, type PendingNo } from './ConfirmNoDialog.js';
import { PupilCheckControl } from './PupilCheckControl.js';
import { stateLabel, type CheckState } from './pupilCheckWords.js';
import { ROLE_WORDS } from './roleWords.js';

/** How long "Undo" stays offered after a change to a check. */
const UNDO_MS = 30_000;

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  heading: { flex: 1 },
});

/** Register actions the card reports to the panel. */
export interface RegisterActions {
  /** Records a check's state; rejects when it was not saved (the panel says why). */
  onCheck(pupilId: string, check: string, state: CheckState): Promise<void>;
  onMark(pupilId: string, mark: 'present' | 'left'): void;
}

type Row = StatusView['register'][number];
type Definition = StatusView['pupilChecks'][number];

/** One change to a check, kept so it can be undone (set back to `previous`). */
interface CheckChange extends PendingNo {
  pupilId: string;
  check: string;
  previous: CheckState;
  next: CheckState;
}

/**
 * Each pupil with present/left and the checks the policy asks for; a "No" is confirmed first, and any change can be
 * undone.
 */
export function RegisterCard({
  view,
  onCheck,
  onMark,
  onDownload,
}: { view: StatusView; onDownload: () => void } & RegisterActions): ReactNode {
  const styles = useStyles();
  const [pendingNo, setPendingNo] = useState<CheckChange>();
  const [lastChange, setLastChange] = useState<CheckChange>();
  useEffect(() => {
    if (!lastChange) return;
    const timer = setTimeout(() => setLastChange(undefined), UNDO_MS);
    return () => clearTimeout(timer);
  }, [lastChange]);

  const record = (change: CheckChange) => {
    onCheck(change.pupilId, change.check, change.next).then(
      () => setLastChange(change),
      () => undefined,
    );
  };
  const choose = (row: Row, def: Definition, next: CheckState) => {
    const previous = row.checks[def.check]?.state ?? 'notYet';
    const change = {
      pupilId: row.id,
      pupilName: row.name,
      check: def.check,
      label: def.label,
      ifNo: def.ifNo,
      previous,
      next,
    };
    if (next === 'no') setPendingNo(change);
    else record(change);
  };
  const undo = (change: CheckChange) => {
    setLastChange(undefined);
    onCheck(change.pupilId, change.check, change.previous).catch(() => undefined);
  };

  return (
    <Card aria-label="Register">
      <div className={styles.line}>
        <Text weight="semibold" as="h2" className={styles.heading}>
          Register
        </Text>
        <Button size="small" onClick={onDownload}>
          Download CSV
        </Button>
      </div>
      {lastChange && (
        <MessageBar intent="info" data-testid="check-undo">
          <MessageBarBody>{`${lastChange.label} for ${lastChange.pupilName}: ${stateLabel(lastChange.next)}.`}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => undo(lastChange)}>
              Undo
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {view.register.length === 0 && <Text>No pupils have joined yet.</Text>}
      {view.register.map((row) => {
        const mark = row.mark ?? (row.presentNow ? 'present' : 'left');
        return (
          <div key={row.id} className={styles.row} role="group" aria-label={`Register for ${row.name}`}>
            <div className={styles.line}>
              <Text weight="semibold">{row.name}</Text>
              {row.role !== 'pupil' && (
                <Badge appearance="tint" color="warning">
                  {ROLE_WORDS[row.role].replace(/^./, (c) => c.toUpperCase())}
                </Badge>
              )}
              <Badge appearance="outline" color={row.presentNow ? 'success' : 'subtle'}>
                {row.presentNow ? 'In the meeting' : 'Not in the meeting'}
              </Badge>
            </div>
            {view.pupilChecks.map((def) => (
              <PupilCheckControl
                key={def.check}
                label={def.label}
                pupilName={row.name}
                view={row.checks[def.check]}
                timeZone={view.school.timeZone}
                onChoose={(next) => choose(row, def, next)}
              />
            ))}
            <div className={styles.line}>
              <Caption1>Mark:</Caption1>
              <ToggleButton
                size="small"
                checked={mark === 'present'}
                onClick={() => onMark(row.id, 'present')}
                aria-label={`Mark ${row.name} present`}
              >
                Present
              </ToggleButton>
              <ToggleButton
                size="small"
                checked={mark === 'left'}
                onClick={() => onMark(row.id, 'left')}
                aria-label={`Mark ${row.name} as left`}
              >
                Left
              </ToggleButton>
              {row.markStamp && <Caption1>by {row.markStamp.byName}</Caption1>}
            </div>
          </div>
        );
      })}
      <ConfirmNoDialog
        pending={pendingNo}
        onCancel={() => setPendingNo(undefined)}
        onConfirm={() => {
          if (pendingNo) record(pendingNo);
          setPendingNo(undefined);
        }}
      />
    </Card>
  );
}
