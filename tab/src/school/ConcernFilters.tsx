import { Button, Field, Input, makeStyles, Select, Switch, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { CATEGORY_LABELS, CONCERN_CATEGORIES } from '../../../bot/src/app/concerns/types.js';
import type { QueueFilter } from '../api/client.js';

/** The filters as the DSL typed them (text as typed; the server trims and matches any part). */
export type ConcernFilterValues = {
  status: QueueFilter['status'];
  pupil: string;
  category: string;
  lesson: string;
  reporter: string;
};

/** No filter: every open concern. */
export const NO_FILTER: ConcernFilterValues = { status: 'open', pupil: '', category: '', lesson: '', reporter: '' };

/** Whether any filter narrows the queue (closed concerns shown too is not narrowing). */
export function isFiltered(values: ConcernFilterValues): boolean {
  return [values.pupil, values.category, values.lesson, values.reporter].some((v) => v.trim() !== '');
}

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
  },
  // Fluent's inputs keep their own width unless told to fill the cell.
  fill: { minWidth: 0, width: '100%' },
});

const TEXT_FILTERS = [
  ['pupil', 'Pupil'],
  ['lesson', 'Lesson'],
  ['reporter', 'Reported by'],
] as const;

/** The queue's filters: pupil, kind of concern, lesson and who reported it, and whether closed ones show too. */
export function ConcernFilters({
  values,
  onChange,
}: {
  values: ConcernFilterValues;
  onChange(values: ConcernFilterValues): void;
}): ReactNode {
  const styles = useStyles();
  const set = (change: Partial<ConcernFilterValues>) => onChange({ ...values, ...change });
  return (
    <div role="search" aria-label="Filter the concerns" className={styles.grid}>
      {TEXT_FILTERS.map(([name, label]) => (
        <Field key={name} label={label}>
          <Input
            className={styles.fill}
            value={values[name]}
            onChange={(_, d) => set({ [name]: d.value })}
            type="search"
          />
        </Field>
      ))}
      <Field label="Kind of concern">
        <Select className={styles.fill} value={values.category} onChange={(_, d) => set({ category: d.value })}>
          <option value="">Any kind</option>
          {CONCERN_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </Select>
      </Field>
      <Switch
        label="Show closed concerns too"
        checked={values.status === 'all'}
        onChange={(_, d) => set({ status: d.checked ? 'all' : 'open' })}
      />
      {(isFiltered(values) || values.status === 'all') && (
        <Button appearance="subtle" onClick={() => onChange(NO_FILTER)}>
          Clear the filters
        </Button>
      )}
    </div>
  );
}
