import { Body1, Button, makeStyles, Title3, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Api } from '../api/client.js';
import { ConcernEntry } from '../components/ConcernEntry.js';
import { Page } from '../components/Page.js';

const useStyles = makeStyles({ actions: { display: 'flex', gap: tokens.spacingHorizontalS } });

/** The meeting chat tab: staff tools that do not need the live panel. */
export default function ChatTab({ api, meetingId }: { api: Api; meetingId: string }): ReactNode {
  const styles = useStyles();
  const download = async () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await api.registerCsv(meetingId));
    link.download = 'register.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <Page label="Chaperone in the meeting chat">
      <Title3 as="h1">Chaperone</Title3>
      <Body1>
        During the lesson, open Chaperone from the meeting's side panel for the live checklist and register.
      </Body1>
      <div className={styles.actions}>
        <Button onClick={() => void download().catch(() => undefined)}>Download the register</Button>
        <ConcernEntry api={api} meetingId={meetingId} />
      </div>
    </Page>
  );
}
