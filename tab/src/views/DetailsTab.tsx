import { Body1, Caption1, Card, MessageBar, MessageBarBody, Spinner, Text, Title3 } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { Api, PolicyView } from '../api/client.js';
import { Page } from '../components/Page.js';

/** Before the lesson: the school's policy in plain words and what to prepare. */
export default function DetailsTab({ api }: { api: Api }): ReactNode {
  const [policy, setPolicy] = useState<PolicyView>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    api.policy().then(setPolicy, (err: unknown) => setProblem(err instanceof Error ? err.message : 'The policy could not be loaded; reopen the tab.'));
  }, [api]);
  if (problem) return <Page><MessageBar intent="error"><MessageBarBody>{problem}</MessageBarBody></MessageBar></Page>;
  if (!policy) return <Page><Spinner label="Loading your school's policy..." /></Page>;
  return (
    <Page label="Before the lesson">
      <Title3 as="h1">Before the lesson</Title3>
      <Body1>
        {policy.school.name} asks for at least {policy.staffRequired} members of staff whenever pupils are in the meeting. Invite your colleague now, and
        open Chaperone in the meeting's side panel when the lesson starts.
      </Body1>
      <Card>
        <Text weight="semibold" as="h2">Checklist to prepare</Text>
        <ul>
          {policy.checklist.map((c) => <li key={c.item}>{c.label}</li>)}
          {policy.pupilChecks.length > 0 && <li>For each pupil: {policy.pupilChecks.map((c) => ({ consent: 'consent given', parentPresent: 'parent/carer present', communalRoom: 'in a communal room' })[c]).join(', ')}</li>}
        </ul>
      </Card>
      <Card>
        <Text weight="semibold" as="h2">The policy in plain words</Text>
        <ul>
          {policy.lines.map((line) => (
            <li key={line.ruleId}>
              <Body1>{line.text}</Body1> <Caption1>({line.source})</Caption1>
            </li>
          ))}
        </ul>
      </Card>
    </Page>
  );
}
