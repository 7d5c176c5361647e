import { MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { StatusView } from '../api/client.js';
import { dslDeliveryText } from './dslDeliveryText.js';

const INTENT = { critical: 'error', warning: 'warning', info: 'info' } as const;

/** Open findings, most urgent first, each with what to do now in plain words and who has it. */
export function FindingsList({ findings, timeZone, dslPhone }: { findings: StatusView['findings']; timeZone: string; dslPhone?: string }): ReactNode {
  if (findings.length === 0) return <Text>No policy problems right now.</Text>;
  return (
    <section aria-label="Policy alerts" aria-live="polite">
      {findings.map((f) => (
        <MessageBar key={f.key} intent={INTENT[f.severity]} layout="multiline" style={{ marginBottom: 8 }}>
          <MessageBarBody>
            <MessageBarTitle>{f.message}</MessageBarTitle>
            {f.action} {dslDeliveryText(f, timeZone, dslPhone)?.text}
          </MessageBarBody>
        </MessageBar>
      ))}
    </section>
  );
}
