import { Button, Field, Input, makeStyles, Switch, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { LessonSearchQuery } from '../api/client.js';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))',
    alignItems: 'end',
  },
});

/**
 * The lesson list's search: the dates (the server's range until the person changes them), words
 * of the organizer's name or the title, and "only lessons with a serious alert".
 */
export function LessonSearchForm(props: {
  from?: string;
  to?: string;
  busy: boolean;
  onSearch(query: LessonSearchQuery): void;
}): ReactNode {
  const styles = useStyles();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [organizer, setOrganizer] = useState('');
  const [title, setTitle] = useState('');
  const [critical, setCritical] = useState(false);
  // The dates searched show in the boxes (at first, the week the server chose).
  useEffect(() => setFrom((now) => now || (props.from ?? '')), [props.from]);
  useEffect(() => setTo((now) => now || (props.to ?? '')), [props.to]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSearch({ from, to, organizer, q: title, critical: critical ? '1' : '' });
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Search past lessons">
      <Field label="From">
        <Input type="date" value={from} onChange={(_, d) => setFrom(d.value)} />
      </Field>
      <Field label="To">
        <Input type="date" value={to} onChange={(_, d) => setTo(d.value)} />
      </Field>
      <Field label="Organizer">
        <Input value={organizer} onChange={(_, d) => setOrganizer(d.value)} placeholder="Part of a name" />
      </Field>
      <Field label="Lesson title">
        <Input value={title} onChange={(_, d) => setTitle(d.value)} placeholder="Words from the title" />
      </Field>
      <Switch
        checked={critical}
        onChange={(_, d) => setCritical(d.checked)}
        label="Only lessons with a serious alert"
      />
      <Button type="submit" appearance="primary" disabled={props.busy}>
        Search
      </Button>
    </form>
  );
}
