/**
 * Card buttons as data: the verb of an Action.Execute (or the `command` of an Action.Submit)
 * to what it does. Each answers the card that should replace the one pressed, or a short
 * message when the original card should stay as it is.
 */
import { can } from '../../app/permissions.js';
import { acknowledgeConcern } from '../../app/concerns/acknowledgeConcern.js';
import { ACKNOWLEDGE_ALERT, acknowledgeInputFrom, acknowledgementCard } from '../alerts/acknowledgementCards.js';
import { showConcern } from '../../app/concerns/showConcern.js';
import { cardJson, para, type CardElement } from '../cards/adaptive.js';
import { CONCERN_VERBS } from '../cards/concernCards.js';
import { SUBMIT_CONCERN } from '../cards/concernForm.js';
import { concernDetailCard } from '../cards/concernViews.js';
import { NOT_STAFF } from './generalCommands.js';
import type { CommandDeps, CommandRequest, Reply } from './commandTypes.js';
import { showCard } from './commandTypes.js';
import { lessonFrom, openConcernForm, submitConcernForm } from './concernFormFlow.js';

/** What a button says, to the person who pressed it only, when that person is not staff. */
export const STAFF_ONLY_NOTE = 'Chaperone is for school staff.';

/** What pressing a button produces. */
export type CardActionResult =
  /** Replace the pressed card with this one. */
  | { replace: CardElement }
  /** Keep the pressed card; send this as a new message (privately) and say `note` on the card. */
  | { send: Reply; note: string };

type CardAction = (
  deps: CommandDeps,
  request: CommandRequest,
  data: Record<string, unknown>,
) => Promise<CardActionResult>;

const refOf = (data: Record<string, unknown>) => (typeof data.ref === 'string' ? data.ref : '');

/** Every button the bot's cards carry, by verb. `concern` is the alert cards' "Log a concern". */
export const CARD_ACTIONS: Record<string, CardAction> = {
  [ACKNOWLEDGE_ALERT]: async (deps, request, data) => {
    const input = acknowledgeInputFrom(data);
    if (!input || !deps.acknowledgeAlert)
      return { replace: cardJson([para('This button is out of date. Open the lesson record instead.')]) };
    const { tenantId, aadObjectId, name } = request.viewer;
    return {
      replace: acknowledgementCard(
        await deps.acknowledgeAlert({ tenantId, aadObjectId, name }, input),
        request.policy.school.timeZone,
      ),
    };
  },
  [SUBMIT_CONCERN]: async (deps, request, data) => ({ replace: await submitConcernForm(deps, request, data) }),
  [CONCERN_VERBS.open]: async (deps, request, data) => {
    const lesson = lessonFrom(data);
    return {
      send: showCard(await openConcernForm(deps, request, lesson), 'Log a safeguarding concern'),
      note: 'I have sent you the concern form.',
    };
  },
  [CONCERN_VERBS.acknowledge]: async (deps, request, data) => {
    const outcome = await acknowledgeConcern(deps, request.viewer, refOf(data));
    if (!outcome.ok) return { replace: cardJson([para(outcome.message)]) };
    return { replace: concernDetailCard(outcome.value.concern, request.policy.school.timeZone, true) };
  },
  [CONCERN_VERBS.show]: async (deps, request, data) => {
    const outcome = await showConcern(deps, request.viewer, refOf(data));
    const card = outcome.ok
      ? concernDetailCard(outcome.value, request.policy.school.timeZone, can(request.viewer, 'triage', outcome.value))
      : cardJson([para(outcome.message)]);
    return { send: showCard(card, outcome.ok ? `Concern ${outcome.value.ref}` : undefined), note: 'Sent below.' };
  },
};
CARD_ACTIONS.concern = CARD_ACTIONS[CONCERN_VERBS.open]!;

/** Runs the action `verb` names, or answers that the button is out of date. */
export async function runCardAction(
  deps: CommandDeps,
  request: CommandRequest,
  verb: string,
  data: Record<string, unknown>,
): Promise<CardActionResult> {
  if (!can(request.viewer, 'useStaffCommands')) return { send: NOT_STAFF, note: STAFF_ONLY_NOTE };
  const action = CARD_ACTIONS[verb];
  if (!action) return { replace: cardJson([para('This button is out of date. Type "help" to see what I can do.')]) };
  return action(deps, request, data);
}
