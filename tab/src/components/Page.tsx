import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: '720px',
  },
});

/** The padded column every view sits in. */
export function Page({ children, label }: { children: ReactNode; label?: string }): ReactNode {
  return (
    <main className={useStyles().page} aria-label={label}>
      {children}
    </main>
  );
}
