import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { startTransition, useActionState, useState, type FormEvent, type ReactNode } from 'react';
import {
  CATEGORY_LABELS,
  CONCERN_CATEGORIES,
  URGENCIES,
  type ConcernCategory,
  type Urgency,
} from '../../../bot/src/app/concerns/types.js';
import type { Api, ConcernInput } from '../api/client.js';
import { ConcernReceipt } from './ConcernReceipt.js';
import { NOTHING_SENT, sendConcern, type ConcernOutcome } from './concernSubmission.js';

const URGENCY_LABELS: Record<Urgency, string> = {
  routine: 'Routine',
  urgent: 'Urgent: a child may be at immediate risk',
};

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** Props of {@link ConcernForm}. */
export interface ConcernFormProps {
  api: Api;
  meetingId?: string;
  title?: string;
  /** Names on the lesson's register, offered as a quick pick for the pupil's name. */
  pupils?: string[];
  onDone: () => void;
}

/** `datetime-local` text for now, in the person's own time zone. */
function localNow(): string {
  return new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * The concern form: the same fields and checks as the bot's `concern` command, posted to
 * `/api/concerns`. The server's message for each field shows beside it; once logged, the form
 * gives way to a receipt with the reference. One request id per form, so a second press (or a
 * retry after a dropped connection) can never log the concern twice.
 */
export default function ConcernForm({ api, meetingId, title, pupils = [], onDone }: ConcernFormProps): ReactNode {
  const styles = useStyles();
  const [pupilName, setPupilName] = useState('');
  const [category, setCategory] = useState<ConcernCategory>(CONCERN_CATEGORIES[0]);
  const [whatHappened, setWhatHappened] = useState('');
  const [happenedAt, setHappenedAt] = useState(localNow);
  const [urgency, setUrgency] = useState<Urgency>('routine');
  const [actionsTaken, setActionsTaken] = useState('');
  const [requestId] = useState(() => crypto.randomUUID());
  // Sends queue one behind another; a second press finds the first one's receipt and sends nothing.
  const [outcome, send, sending] = useActionState(
    (previous: ConcernOutcome, input: ConcernInput) => sendConcern(api, previous, input),
    NOTHING_SENT,
  );
  const { errors, problem, receipt } = outcome;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ConcernInput = {
      clientRequestId: requestId,
      pupilName,
      category,
      whatHappened,
      happenedAt: new Date(happenedAt).getTime(),
      urgency,
      actionsTaken,
      meetingId,
      meetingTitle: title,
    };
    startTransition(() => send(input));
  };

  if (receipt) return <ConcernReceipt receipt={receipt} onDone={onDone} />;

  const field = (name: keyof ConcernInput) => ({
    validationMessage: errors[name],
    validationState: errors[name] ? ('error' as const) : ('none' as const),
  });
  return (
    <form onSubmit={submit} aria-label="Log a safeguarding concern" noValidate className={styles.column}>
      {pupils.length > 0 && (
        <Field label="Pick a pupil from this lesson's register">
          <Select value={pupils.includes(pupilName) ? pupilName : ''} onChange={(_, d) => setPupilName(d.value)}>
            <option value="">Someone else (type their name below)</option>
            {pupils.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label="Pupil's name" required {...field('pupilName')}>
        <Input value={pupilName} onChange={(_, d) => setPupilName(d.value)} />
      </Field>
      <Field label="Kind of concern" required {...field('category')}>
        <Select value={category} onChange={(_, d) => setCategory(d.value as ConcernCategory)}>
          {CONCERN_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="What you saw or heard, in your own words" required {...field('whatHappened')}>
        <Textarea value={whatHappened} onChange={(_, d) => setWhatHappened(d.value)} resize="vertical" />
      </Field>
      <Field label="When it happened" required {...field('happenedAt')}>
        <Input type="datetime-local" value={happenedAt} onChange={(_, d) => setHappenedAt(d.value)} />
      </Field>
      <Field label="Urgency" required {...field('urgency')}>
        <RadioGroup value={urgency} onChange={(_, d) => setUrgency(d.value as Urgency)}>
          {URGENCIES.map((u) => (
            <Radio key={u} value={u} label={URGENCY_LABELS[u]} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="What you have done so far" required {...field('actionsTaken')}>
        <Textarea value={actionsTaken} onChange={(_, d) => setActionsTaken(d.value)} resize="vertical" />
      </Field>
      {problem && !sending && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit" disabled={sending}>
          {sending ? 'Sending...' : 'Send to the safeguarding team'}
        </Button>
        <Button type="button" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
