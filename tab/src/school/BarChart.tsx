import { Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { barPercent } from './reportWords.js';

/** One bar: its label, its value, the part of it that is serious (drawn in red), and the sentence it stands for. */
export interface Bar {
  label: string;
  value: number;
  serious?: number;
  words: string;
}

const useStyles = makeStyles({
  chart: { margin: 0, display: 'grid', gap: tokens.spacingVerticalXS },
  rows: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalXS },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(6rem, 9rem) 1fr',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  track: {
    display: 'flex',
    height: '14px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusSmall,
    overflow: 'hidden',
  },
  bar: { backgroundColor: tokens.colorBrandBackground, height: '100%' },
  serious: { backgroundColor: tokens.colorStatusDangerBackground3, height: '100%' },
  words: { gridColumn: '2' },
});

/**
 * A bar chart drawn with boxes in the theme's colours: one row per bar, the label on the left, and
 * under each bar the sentence it stands for, so the chart reads the same without seeing it.
 */
export function BarChart({ title, bars, testId }: { title: string; bars: Bar[]; testId: string }): ReactNode {
  const styles = useStyles();
  const longest = Math.max(0, ...bars.map((b) => b.value));
  return (
    <figure className={styles.chart} data-testid={testId}>
      <figcaption>
        <Text weight="semibold">{title}</Text>
      </figcaption>
      <ul className={styles.rows}>
        {bars.map((bar) => {
          const serious = Math.min(bar.serious ?? 0, bar.value);
          return (
            <li key={bar.label} className={styles.row}>
              <Caption1>{bar.label}</Caption1>
              <div className={styles.track} aria-hidden="true">
                <div className={styles.serious} style={{ width: `${barPercent(serious, longest)}%` }} />
                <div className={styles.bar} style={{ width: `${barPercent(bar.value - serious, longest)}%` }} />
              </div>
              <Caption1 className={styles.words}>{bar.words}</Caption1>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
