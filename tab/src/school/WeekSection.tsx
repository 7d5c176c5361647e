import {
  Body1,
  Button,
  Caption1,
  Card,
  makeStyles,
  mergeClasses,
  Spinner,
  Text,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, useTransition, type ReactNode } from 'react';
import type { Api, WeekReport } from '../api/client.js';
import { BarChart } from './BarChart.js';
import { count, weekFigures } from './reportWords.js';
import { SchoolRefusal, refusalOf, type Refusal } from './SchoolRefusal.js';
import { WeekDownload } from './WeekDownload.js';

const useStyles = makeStyles({
  section: { display: 'grid', gap: tokens.spacingVerticalL },
  nav: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  figures: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
  },
  figure: { height: '100%' },
  value: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800 },
  serious: { color: tokens.colorStatusDangerForeground1 },
});

type Load = { kind: 'loading' } | { kind: 'ready'; week: WeekReport } | ({ kind: 'refused' } & Refusal);

/** "This week": the school's lessons of one week in figures and bars, each also in words, with the CSV to download. */
export default function WeekSection({ api }: { api: Api }): ReactNode {
  const styles = useStyles();
  const [start, setStart] = useState<string>();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [moving, startMoving] = useTransition();
  useEffect(() => {
    let cancelled = false;
    startMoving(async () => {
      try {
        const week = await api.schoolWeek(start);
        if (!cancelled) setLoad({ kind: 'ready', week });
      } catch (err) {
        if (!cancelled) setLoad({ kind: 'refused', ...refusalOf(err) });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [api, start]);

  if (load.kind === 'loading') return <Spinner label="Adding up the week..." />;
  if (load.kind === 'refused') return <SchoolRefusal title={load.title} message={load.message} />;
  const { week } = load;
  const first = week.days[0]!.label;
  const last = week.days[6]!.label;
  return (
    <section className={styles.section} aria-label="This week" data-testid="school-week">
      <Title3 as="h2">
        Week of {first} to {last}
      </Title3>
      <div className={styles.nav}>
        <Button disabled={moving} onClick={() => setStart(shift(week.start, -7))}>
          Previous week
        </Button>
        <Button disabled={moving} onClick={() => setStart(shift(week.start, 7))}>
          Next week
        </Button>
        {moving && <Spinner size="tiny" label="Loading..." />}
      </div>
      <ul className={styles.figures}>
        {weekFigures(week.totals).map((f) => (
          <li key={f.id}>
            <Card className={styles.figure} data-testid={`week-figure-${f.id}`}>
              <Text className={mergeClasses(styles.value, f.serious && styles.serious)} aria-hidden="true">
                {f.value}
              </Text>
              <Body1>{f.words}</Body1>
            </Card>
          </li>
        ))}
      </ul>
      {week.totals.withoutFigures > 0 && (
        <Caption1>
          {count(week.totals.withoutFigures, 'lesson')} ran before Chaperone kept these figures: counted as run, nothing
          more.
        </Caption1>
      )}
      <BarChart
        title="Lessons each day (red: with a serious alert)"
        testId="week-by-day"
        bars={week.days.map((d) => ({
          label: d.label,
          value: d.lessons,
          serious: d.withCritical,
          words: `${count(d.lessons, 'lesson')}, ${d.withCritical} with a serious alert.`,
        }))}
      />
      <BarChart
        title="Minutes with pupils and only one adult, each day"
        testId="week-one-adult"
        bars={week.days.map((d) => ({
          label: d.label,
          value: d.minutesOneAdult,
          serious: d.minutesOneAdult,
          words: `${count(d.minutesOneAdult, 'minute')}.`,
        }))}
      />
      <BarChart
        title="Lessons by organizer (red: with a serious alert)"
        testId="week-by-organizer"
        bars={week.organizers.map((o) => ({
          label: o.name,
          value: o.lessons,
          serious: o.withCritical,
          words:
            `${count(o.lessons, 'lesson')}, ${o.withCritical} with a serious alert, ` +
            `${count(o.minutesOneAdult, 'minute')} with one adult, ${count(o.checksUndone, 'check')} not recorded.`,
        }))}
      />
      {week.organizers.length === 0 && <Body1>No lessons ran this week.</Body1>}
      <WeekDownload api={api} start={week.start} />
    </section>
  );
}

/** The date `days` after a `YYYY-MM-DD` date. */
function shift(day: string, days: number): string {
  const at = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(at).toISOString().slice(0, 10);
}
