import {
  Button,
  Caption1,
  Field,
  makeStyles,
  Select,
  Spinner,
  Subtitle2,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import type { Api, ConcernDetailView, ConcernStep } from '../api/client.js';
import { useConcernStep, type ConcernStepState } from './concernStep.js';

const useStyles = makeStyles({
  column: { display: 'grid', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  problem: { color: tokens.colorStatusDangerForeground1 },
  grow: { flexGrow: 1 },
});

type Props = { api: Api; view: ConcernDetailView; changed(view: ConcernDetailView): void };

/** The DSL's next steps on an open concern: acknowledge, set the level, add an action or note, close it. */
export function ConcernTriage({ api, view, changed }: Props): ReactNode {
  const styles = useStyles();
  return (
    <section aria-labelledby="concern-next" className={styles.column}>
      <Subtitle2 as="h3" id="concern-next">
        Next steps
      </Subtitle2>
      {view.acknowledgedByYou ? (
        <Caption1 data-testid="concern-acknowledged">
          You have acknowledged it; the member of staff who logged it has been told it was read.
        </Caption1>
      ) : (
        <StepButton {...{ api, view, changed }} step={{ kind: 'acknowledge' }} label="Acknowledge" />
      )}
      <LevelStep {...{ api, view, changed }} />
      <NoteStep
        {...{ api, view, changed }}
        kind="action"
        label="Action or note for the record"
        button="Add to the record"
      />
      <NoteStep {...{ api, view, changed }} kind="close" label="Outcome" button="Close the concern" />
    </section>
  );
}

/** The control's busy state and the server's sentence, beside its button. */
function StepStatus({ state }: { state: ConcernStepState }): ReactNode {
  const styles = useStyles();
  if (state.busy) return <Spinner size="tiny" label="Saving..." />;
  if (!state.problem) return null;
  return (
    <Caption1 role="alert" className={styles.problem}>
      {state.problem}
    </Caption1>
  );
}

function StepButton({ api, view, changed, step, label }: Props & { step: ConcernStep; label: string }): ReactNode {
  const state = useConcernStep(api, view.ref, changed);
  return (
    <div className={useStyles().row}>
      <Button appearance="primary" disabled={state.busy} onClick={() => state.run(step)}>
        {label}
      </Button>
      <StepStatus state={state} />
    </div>
  );
}

function LevelStep({ api, view, changed }: Props): ReactNode {
  const state = useConcernStep(api, view.ref, changed);
  const [level, setLevel] = useState(view.level ?? view.levels[0] ?? '');
  return (
    <div className={useStyles().row}>
      <Field label="Level">
        <Select value={level} onChange={(_, d) => setLevel(d.value)}>
          {view.levels.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </Select>
      </Field>
      <Button disabled={state.busy || level === view.level} onClick={() => state.run({ kind: 'level', level })}>
        Set the level
      </Button>
      <StepStatus state={state} />
    </div>
  );
}

function NoteStep({
  api,
  view,
  changed,
  kind,
  label,
  button,
}: Props & { kind: 'action' | 'close'; label: string; button: string }): ReactNode {
  const styles = useStyles();
  const state = useConcernStep(api, view.ref, changed);
  const [text, setText] = useState('');
  const step: ConcernStep = kind === 'action' ? { kind, text } : { kind, outcome: text };
  return (
    <div className={styles.row}>
      <Field label={label} className={styles.grow}>
        <Textarea value={text} onChange={(_, d) => setText(d.value)} resize="vertical" />
      </Field>
      <Button disabled={state.busy || !text.trim()} onClick={() => state.run(step, () => setText(''))}>
        {button}
      </Button>
      <StepStatus state={state} />
    </div>
  );
}
