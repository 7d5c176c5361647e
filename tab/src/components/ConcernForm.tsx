import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Textarea } from '@fluentui/react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import { CATEGORY_LABELS, CONCERN_CATEGORIES, URGENCIES, type ConcernCategory, type Urgency } from '../../../bot/src/app/concerns/types.js';
import { ApiError, type Api } from '../api/client.js';

const URGENCY_LABELS: Record<Urgency, string> = { routine: 'Routine', urgent: 'Urgent: a child may be at immediate risk' };

/** The concern form: the same fields as the bot's `concern` command, posted to the concerns API. */
export default function ConcernForm({ api, meetingId, title, onDone }: { api: Api; meetingId?: string; title?: string; onDone: () => void }): ReactNode {
  const [pupilName, setPupilName] = useState('');
  const [category, setCategory] = useState<ConcernCategory>(CONCERN_CATEGORIES[0]);
  const [whatHappened, setWhatHappened] = useState('');
  const [happenedAt, setHappenedAt] = useState(() => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
  const [urgency, setUrgency] = useState<Urgency>('routine');
  const [actionsTaken, setActionsTaken] = useState('');
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const [requestId] = useState(() => crypto.randomUUID());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.logConcern({ clientRequestId: requestId, pupilName, category, whatHappened, happenedAt: new Date(happenedAt).getTime(), urgency, actionsTaken, meetingId, meetingTitle: title });
      setMessage({ intent: 'success', text: 'Thank you: the concern is logged and the safeguarding team has been told.' });
      setTimeout(onDone, 1500);
    } catch (err) {
      const unavailable = err instanceof ApiError && (err.status === 404 || err.status === 501);
      setMessage({ intent: 'error', text: unavailable ? 'Logging concerns from the panel is not available here yet: type "concern" in a chat with the Chaperone bot instead.' : err instanceof Error ? err.message : 'The concern could not be sent; try again.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Log a safeguarding concern" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Field label="Pupil's name" required>
        <Input value={pupilName} onChange={(_, d) => setPupilName(d.value)} />
      </Field>
      <Field label="Kind of concern" required>
        <Select value={category} onChange={(_, d) => setCategory(d.value as ConcernCategory)}>
          {CONCERN_CATEGORIES.map((c) => <option key={c} value={c}>{CATEGORY_LABELS[c]}</option>)}
        </Select>
      </Field>
      <Field label="What you saw or heard, in your own words" required>
        <Textarea value={whatHappened} onChange={(_, d) => setWhatHappened(d.value)} resize="vertical" />
      </Field>
      <Field label="When it happened" required>
        <Input type="datetime-local" value={happenedAt} onChange={(_, d) => setHappenedAt(d.value)} />
      </Field>
      <Field label="Urgency" required>
        <RadioGroup value={urgency} onChange={(_, d) => setUrgency(d.value as Urgency)}>
          {URGENCIES.map((u) => <Radio key={u} value={u} label={URGENCY_LABELS[u]} />)}
        </RadioGroup>
      </Field>
      <Field label="What you have done so far" required>
        <Textarea value={actionsTaken} onChange={(_, d) => setActionsTaken(d.value)} resize="vertical" />
      </Field>
      {message && (
        <MessageBar intent={message.intent} role="status">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      <div style={{ display: 'flex', gap: 8 }}>
        <Button appearance="primary" type="submit" disabled={busy}>Send to the safeguarding team</Button>
        <Button type="button" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
