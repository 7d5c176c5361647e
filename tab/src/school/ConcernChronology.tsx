import { Caption1, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ConcernDetailView } from '../api/client.js';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalM, margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  fields: { display: 'grid', gap: tokens.spacingVerticalXXS, margin: 0 },
  label: { fontWeight: tokens.fontWeightSemibold },
  // What people wrote keeps its own line breaks.
  value: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

/** The whole chronology, oldest first, in the words the export uses; times in the school's zone. */
export function ConcernChronology({ view }: { view: ConcernDetailView }): ReactNode {
  const styles = useStyles();
  return (
    <section aria-labelledby="concern-chronology">
      <Subtitle2 as="h3" id="concern-chronology" block>
        Chronology
      </Subtitle2>
      <Caption1 block>Times are in {view.timeZone}. Nothing here can be changed, only added to.</Caption1>
      <ol className={styles.list} data-testid="concern-chronology">
        {view.chronology.map((line) => (
          <li key={line.number}>
            <Text weight="semibold">{line.what}</Text>
            <Caption1 block>
              {line.when}, {line.who}
            </Caption1>
            <dl className={styles.fields}>
              {line.fields.map((field) => (
                <div key={field.label}>
                  <dt className={styles.label}>{field.label}</dt>
                  <dd className={styles.value}>{field.value}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}
