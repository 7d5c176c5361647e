import { Body1, Card, MessageBar, MessageBarBody, Spinner, Text, Title3 } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { Api, PolicyView } from '../api/client.js';
import { schoolInWords } from '../../../bot/src/domain/policy/describe.js';
import { Page } from '../components/Page.js';

const CHECK_WORDS: Record<string, string> = {
  consent: 'a parent or carer has given consent',
  parentPresent: 'a parent or carer is in the room with them',
  communalRoom: 'they are in a shared room, not a bedroom',
};

/** Before the lesson: the school's policy in plain words and what to prepare. */
export default function DetailsTab({ api }: { api: Api }): ReactNode {
  const [policy, setPolicy] = useState<PolicyView>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    api
      .policy()
      .then(setPolicy, (err: unknown) =>
        setProblem(err instanceof Error ? err.message : 'The policy could not be loaded; reopen the tab.'),
      );
  }, [api]);
  if (problem)
    return (
      <Page>
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      </Page>
    );
  if (!policy)
    return (
      <Page>
        <Spinner label="Loading your school's policy..." />
      </Page>
    );
  return (
    <Page label="Before the lesson">
      <Title3 as="h1">Before the lesson</Title3>
      <Body1>
        {schoolInWords(policy.school.name, true)} asks for at least {policy.staffRequired} members of staff whenever
        pupils are in the meeting. Invite your colleague now, and open Chaperone in the meeting's side panel when the
        lesson starts.
      </Body1>
      <Card>
        <Text weight="semibold" as="h2">
          Checklist to prepare
        </Text>
        <ul>
          {policy.checklist.map((c) => (
            <li key={c.item}>{c.label}</li>
          ))}
          {policy.pupilChecks.length > 0 && (
            <li>For each pupil: {policy.pupilChecks.map((c) => CHECK_WORDS[c]).join(', ')}</li>
          )}
        </ul>
      </Card>
      <Card>
        <Text weight="semibold" as="h2">
          The policy in plain words
        </Text>
        <ul>
          {policy.lines.map((line) => (
            <li key={line.ruleId}>
              <Body1>{line.text}</Body1>
            </li>
          ))}
        </ul>
      </Card>
    </Page>
  );
}
