/** Commands for every member of staff besides concerns: `policy` and `register`. (`help` lives with the table.) */
import type { Activity } from 'botbuilder';
import { registerForMeeting } from '../../app/registers/registerForMeeting.js';
import { describePolicy, schoolInWords } from '../../domain/policy/describe.js';
import { cardAttachment } from '../cards/adaptive.js';
import { registerCard } from '../cards/registerCard.js';
import { answer, say, type ChatCommand } from './commandTypes.js';
import { fileReply } from './fileReply.js';

const policy: ChatCommand = {
  usage: 'policy',
  summary: 'the safeguarding rules for live lessons, in plain words',
  audience: 'staff',
  async run(_deps, request) {
    // Plain words only: the seed lines each rule comes from stay in the code.
    const lines = describePolicy(request.policy).map((line) => `- ${line.text}`);
    const heading = `**Live lesson policy of ${schoolInWords(request.policy.school.name)}** (based on the "${request.policy.preset}" preset)`;
    return say([heading, '', ...lines].join('\n'));
  },
};

const register: ChatCommand = {
  usage: 'register last | register <lesson title>',
  summary: 'the attendance register of a lesson you ran, as a card and a CSV file',
  audience: 'staff',
  async run(deps, request) {
    const outcome = await registerForMeeting(deps, request.viewer, request.args, request.policy);
    return answer(outcome, (lesson): Partial<Activity> => {
      const file = fileReply(
        { filename: lesson.filename, mimeType: 'text/csv', content: lesson.csv },
        'The register as CSV:',
      );
      return {
        ...file,
        attachments: [
          cardAttachment(registerCard(lesson, request.policy.school.timeZone)),
          ...(file.attachments ?? []),
        ],
      };
    });
  },
};

/** The general rows of the command table. */
export const GENERAL_COMMANDS = { policy, register } satisfies Record<string, ChatCommand>;

/** Replies for a pupil, guest or unknown person: Chaperone has nothing else for them. */
export const NOT_STAFF = say(
  'Hello! Chaperone helps school staff keep live lessons safe, so there is nothing here for you to do. If something worries you, tell your teacher or a grown-up you trust.',
);
