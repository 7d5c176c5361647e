import { Caption1, MessageBar, MessageBarBody, Spinner, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useState, type ReactNode } from 'react';
import { configuredSchoolName } from '../../../bot/src/domain/policy/describe.js';
import type { Api } from '../api/client.js';
import { useLessonStatus, useNow } from '../api/useLessonStatus.js';
import { BreachButton } from '../components/BreachButton.js';
import { ChecklistCard } from '../components/ChecklistCard.js';
import { ConcernEntry } from '../components/ConcernEntry.js';
import { EndReminder } from '../components/EndReminder.js';
import { FindingsList } from '../components/FindingsList.js';
import { LessonTimer } from '../components/LessonTimer.js';
import { Page } from '../components/Page.js';
import { PresenceSummary } from '../components/PresenceSummary.js';
import { RegisterCard } from '../components/RegisterCard.js';
import { Timeline } from '../components/Timeline.js';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  flush: { margin: 0 },
});

/** The side panel staff keep open during a lesson: live status, checklist, register, alerts. */
export function SidePanel({ api, meetingId }: { api: Api; meetingId: string }): ReactNode {
  const styles = useStyles();
  const status = useLessonStatus(api, meetingId);
  const now = useNow();
  const [writeProblem, setWriteProblem] = useState<string>();
  const { show } = status;

  const write = useCallback(
    async (what: Parameters<Api['write']>[1], body: Record<string, unknown>) => {
      try {
        show(await api.write(meetingId, what, body));
        setWriteProblem(undefined);
      } catch (err) {
        setWriteProblem(err instanceof Error ? err.message : 'That change was not saved; try again.');
        throw err;
      }
    },
    [api, meetingId, show],
  );
  const quietly = (promise: Promise<void>) => void promise.catch(() => undefined);

  const download = async () => {
    try {
      const blob = await api.registerCsv(meetingId);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'register.csv';
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (err) {
      setWriteProblem(err instanceof Error ? err.message : 'The register could not be downloaded; try again.');
    }
  };

  const { view } = status;
  if (!view) {
    return (
      <Page label="Chaperone side panel">
        {status.waiting ? (
          <MessageBar intent="info">
            <MessageBarBody>
              Chaperone has not seen this lesson start yet. This panel fills in as soon as the meeting starts and people
              join.
            </MessageBarBody>
          </MessageBar>
        ) : status.problem ? (
          <MessageBar intent="error">
            <MessageBarBody>{status.problem}</MessageBarBody>
          </MessageBar>
        ) : (
          <Spinner label="Loading the lesson..." />
        )}
      </Page>
    );
  }

  // An unconfigured school shows no name rather than a placeholder.
  const schoolName = configuredSchoolName(view.school.name);
  return (
    <Page label="Chaperone side panel">
      <div>
        <Title3 as="h1" block className={styles.flush}>
          {view.title || 'Lesson'}
        </Title3>
        {schoolName && (
          <Caption1 as="p" block className={styles.flush}>
            {schoolName}
          </Caption1>
        )}
      </div>
      {status.problem && (
        <MessageBar intent="warning">
          <MessageBarBody>{status.problem}</MessageBarBody>
        </MessageBar>
      )}
      {writeProblem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{writeProblem}</MessageBarBody>
        </MessageBar>
      )}
      <FindingsList findings={view.findings} timeZone={view.school.timeZone} dslPhone={view.dslPhone} />
      <LessonTimer view={view} now={now} receivedAt={status.receivedAt} />
      <PresenceSummary view={view} />
      <ChecklistCard view={view} onTick={(item, ticked) => quietly(write('checklist', { item, ticked }))} />
      <RegisterCard
        view={view}
        onCheck={(pupilId, check, state) => write('pupil-checks', { pupilId, check, state })}
        onMark={(pupilId, mark) => quietly(write('register-marks', { pupilId, mark }))}
        onDownload={download}
      />
      <div className={styles.actions}>
        <BreachButton
          onReport={() => write('breach', {})}
          findings={view.findings}
          timeZone={view.school.timeZone}
          dslPhone={view.dslPhone}
        />
        <ConcernEntry
          api={api}
          meetingId={meetingId}
          title={view.title}
          pupils={view.register.map((row) => row.name)}
        />
      </div>
      <Timeline view={view} />
      <EndReminder urgent={view.endReminder} ended={view.endedAt !== undefined} />
    </Page>
  );
}
