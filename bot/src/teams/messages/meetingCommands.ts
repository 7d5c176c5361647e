/** Commands about a lesson's Teams meeting: `check`, a dry run of the meeting options against the policy. */
import { checkMeetingOptions } from '../../app/meetingControl/checkMeetingOptions.js';
import { meetingCheckCard, meetingCheckPreview } from '../cards/meetingCheckCard.js';
import { answer, showCard, type ChatCommand } from './commandTypes.js';

const check: ChatCommand = {
  usage: 'check last | check <lesson title>',
  summary:
    "what Chaperone would change in a lesson's meeting options (lobby, presenters, microphones), without changing anything",
  audience: 'staff',
  async run(deps, request) {
    const choice = {
      words: request.args,
      ...(request.turn.meetingId && !request.args ? { meetingId: request.turn.meetingId } : {}),
    };
    const outcome = await checkMeetingOptions(
      {
        meetings: deps.meetings,
        ...(deps.meetingControl ? { meetingControl: deps.meetingControl } : {}),
        logger: deps.logger,
      },
      request.viewer,
      choice,
      request.policy,
    );
    return answer(outcome, (report) => showCard(meetingCheckCard(report), meetingCheckPreview(report)));
  },
};

/** The meeting rows of the command table. */
export const MEETING_COMMANDS = { check } satisfies Record<string, ChatCommand>;
