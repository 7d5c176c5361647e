/** The shapes shared by the command table and its handlers. */
import type { AcknowledgeInput, Acknowledger, AcknowledgeOutcome } from '../../app/delivery/acknowledgeAlert.js';
import type { Activity } from 'botbuilder';
import type { Viewer } from '../../app/permissions.js';
import type { MeetingControl } from '../../app/meetingControl/ports.js';
import type { Outcome } from '../../app/concerns/outcome.js';
import type { ConcernNotifier, ConcernStore } from '../../app/concerns/ports.js';
import type { Clock, Logger, MeetingStore, ParticipantDirectory } from '../../app/ports.js';
import type { Policy } from '../../domain/policy/schema.js';
import { cardAttachment, type CardElement } from '../cards/adaptive.js';
import type { ChatTurn } from './parseTurn.js';

/** Everything a command handler may use. */
export interface CommandDeps {
  store: ConcernStore;
  notifier: ConcernNotifier;
  directory: ParticipantDirectory;
  meetings: Pick<MeetingStore, 'listMeetings'> & Partial<Pick<MeetingStore, 'load'>>;
  /** Graph meeting control for `check`; absent when `GRAPH_ENFORCE_SETTINGS=false`. */
  meetingControl?: MeetingControl;
  clock: Clock;
  logger: Logger;
  newRef?: () => string;
  newFormId: () => string;
  /** "I'm dealing with it" on a critical alert card. */
  acknowledgeAlert?: AcknowledgeAlert;
  /** The Teams app's id (`TEAMS_APP_ID`), for links into Chaperone's tabs; absent: cards say where to find them. */
  teamsAppId?: string;
}

/**
 * Takes a critical alert for the person who pressed the button (the lesson use case, bound in the composition root).
 */
export type AcknowledgeAlert = (who: Acknowledger, input: AcknowledgeInput) => Promise<AcknowledgeOutcome>;

/** One parsed request: who asked, under which policy, with what arguments. */
export interface CommandRequest {
  turn: ChatTurn;
  viewer: Viewer;
  policy: Policy;
  /** The words after the command name. */
  args: string;
}

/** What a command answers with. */
export type Reply = Partial<Activity>;

/** Who a command is offered to in `help` (the use case still checks on every call). */
export type Audience = 'staff' | 'dsl';

/** One row of the command table. */
export interface ChatCommand {
  usage: string;
  summary: string;
  audience: Audience;
  run(deps: CommandDeps, request: CommandRequest): Promise<Reply>;
}

/** A plain text reply. */
export const say = (text: string): Reply => ({ type: 'message', text });

/** A card reply; `text` is what previews and notifications show. */
export const showCard = (card: CardElement, text?: string): Reply => ({
  type: 'message',
  ...(text ? { text, summary: text } : {}),
  attachments: [cardAttachment(card)],
});

/** The reply for an outcome: `ok` builds it, a refusal is said as it is. */
export function answer<T>(outcome: Outcome<T>, ok: (value: T) => Reply): Reply {
  return outcome.ok ? ok(outcome.value) : say(outcome.message);
}
