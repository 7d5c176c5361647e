import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  CATEGORY_LABELS,
  CONCERN_CATEGORIES,
  URGENCIES,
  type ConcernCategory,
  type Urgency,
} from '../../../bot/src/app/concerns/types.js';
import { ApiError, type Api, type ConcernInput, type ConcernReceipt } from '../api/client.js';
import { addLaterWords, receiptWords } from '../../../bot/src/app/concerns/receiptWords.js';

const URGENCY_LABELS: Record<Urgency, string> = {
  routine: 'Routine',
  urgent: 'Urgent: a child may be at immediate risk',
};

/** Fields that have their own place on the form; a message about any other field goes above the buttons. */
const SHOWN_FIELDS = new Set<string>([
  'pupilName',
  'category',
  'whatHappened',
  'happenedAt',
  'urgency',
  'actionsTaken',
]);

type Errors = Partial<Record<keyof ConcernInput, string>>;

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
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string>();
  const [receipt, setReceipt] = useState<ConcernReceipt>();
  const [busy, setBusy] = useState(false);
  const [requestId] = useState(() => crypto.randomUUID());
  // State updates land after the next render; the ref stops a fast double press before that.
  const sending = useRef(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setProblem(undefined);
    try {
      setReceipt(
        await api.logConcern({
          clientRequestId: requestId,
          pupilName,
          category,
          whatHappened,
          happenedAt: new Date(happenedAt).getTime(),
          urgency,
          actionsTaken,
          meetingId,
          meetingTitle: title,
        }),
      );
      setErrors({});
    } catch (err) {
      const fields = err instanceof ApiError ? (err.fields as Errors) : {};
      setErrors(fields);
      const elsewhere = Object.entries(fields)
        .filter(([field]) => !SHOWN_FIELDS.has(field))
        .map(([, message]) => message);
      const hasFieldMessages = Object.keys(fields).length > elsewhere.length;
      setProblem(
        elsewhere[0] ??
          (hasFieldMessages
            ? undefined
            : err instanceof Error
              ? err.message
              : 'The concern could not be sent; try again.'),
      );
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  if (receipt) return <Receipt receipt={receipt} onDone={onDone} />;

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
      {problem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? 'Sending...' : 'Send to the safeguarding team'}
        </Button>
        <Button type="button" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** What the teacher sees once the concern is logged: the reference to quote, and what happens next. */
function Receipt({ receipt, onDone }: { receipt: ConcernReceipt; onDone: () => void }): ReactNode {
  const styles = useStyles();
  const words = receiptWords(receipt.reach, receipt.dslPhone);
  return (
    <div className={styles.column}>
      <MessageBar intent="success" layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>
            {receipt.duplicate ? 'This concern was already logged.' : 'Concern logged.'}
          </MessageBarTitle>
          {words.told} Your reference is <strong data-testid="concern-ref">{receipt.ref}</strong>.{' '}
          {addLaterWords(receipt.ref, 'panel')}
        </MessageBarBody>
      </MessageBar>
      {words.warning && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>{words.warning}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" onClick={onDone}>
          Close
        </Button>
      </div>
    </div>
  );
}
