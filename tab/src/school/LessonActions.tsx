import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { MouseEvent, ReactNode } from 'react';
import { callLink, inTeams, openThroughTeams } from './openLink.js';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** In Teams the link goes through teams-js (a tab cannot navigate Teams); in a browser it is an ordinary link. */
function throughTeams(url: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (!inTeams()) return;
    event.preventDefault();
    openThroughTeams(url);
  };
}

/** "Join the lesson" and "Call the organizer", each only where Chaperone knows where it leads. */
export function LessonActions({
  title,
  joinUrl,
  organizerId,
  organizerName,
}: {
  title: string;
  joinUrl?: string | undefined;
  organizerId?: string | undefined;
  organizerName?: string | undefined;
}): ReactNode {
  const styles = useStyles();
  if (!joinUrl && !organizerId) return null;
  return (
    <div className={styles.actions} role="group" aria-label={`What you can do about ${title}`}>
      {joinUrl && (
        <Button
          as="a"
          appearance="primary"
          href={joinUrl}
          target="_blank"
          rel="noopener noreferrer"
          onClick={throughTeams(joinUrl)}
        >
          Join the lesson
        </Button>
      )}
      {organizerId && (
        <Button
          as="a"
          href={callLink(organizerId)}
          target="_blank"
          rel="noopener noreferrer"
          onClick={throughTeams(callLink(organizerId))}
          title={organizerName ? `Call ${organizerName} in Teams` : undefined}
        >
          Call the organizer
        </Button>
      )}
    </div>
  );
}
