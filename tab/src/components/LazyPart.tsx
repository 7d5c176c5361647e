import { makeStyles, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { Component, Suspense, type ReactNode } from 'react';
import { PART_NOT_LOADED } from './loadWords.js';
import { Page } from './Page.js';

// A whole view's spinner sits a little below the top (no spacing token is this large).
const useStyles = makeStyles({ waiting: { marginTop: '48px' } });

/** The spinner of a whole view while it starts or loads. */
export function ViewSpinner({ label }: { label: string }): ReactNode {
  return <Spinner label={label} className={useStyles().waiting} />;
}

/** Catches a failed load below it; React needs a class for that. */
class LoadProblem extends Component<{ whole: boolean; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const problem = (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>{PART_NOT_LOADED}</MessageBarBody>
      </MessageBar>
    );
    return this.props.whole ? <Page>{problem}</Page> : problem;
  }
}

/**
 * A part of the tab whose code is fetched when it is first shown (`React.lazy` below it): a spinner saying what is on
 * its way while it loads, and a sentence instead of a blank panel when it cannot be fetched. `whole` for a part that
 * is the whole view (its spinner and its problem get the view's spacing).
 */
export function LazyPart({
  waiting,
  whole = false,
  children,
}: {
  waiting: string;
  whole?: boolean;
  children: ReactNode;
}): ReactNode {
  return (
    <LoadProblem whole={whole}>
      <Suspense fallback={whole ? <ViewSpinner label={waiting} /> : <Spinner label={waiting} />}>{children}</Suspense>
    </LoadProblem>
  );
}
