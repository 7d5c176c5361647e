/**
 * Routing as data: command names (and a few friendly aliases) to handlers. `help` is built
 * from the same table, so it always lists exactly what this person can use.
 */
import { can, REFUSALS } from '../../app/permissions.js';
import { BOOKING_COMMANDS } from './bookingCommands.js';
import { say, type ChatCommand, type CommandDeps, type CommandRequest, type Reply } from './commandTypes.js';
import { CONCERN_COMMANDS } from './concernCommands.js';
import { GENERAL_COMMANDS, NOT_STAFF } from './generalCommands.js';
import { MEETING_COMMANDS } from './meetingCommands.js';
import { closestCommand } from './suggest.js';

const help: ChatCommand = {
  usage: 'help',
  summary: 'what I can do for you',
  audience: 'staff',
  async run(_deps, request) {
    const dsl = can(request.viewer, 'useDslCommands');
    const lines = Object.values(COMMANDS)
      .filter((c) => c.audience === 'staff' || dsl)
      .map((c) => `- **${c.usage}**: ${c.summary}`);
    return say(
      [
        "I am Chaperone. I watch live lessons for the school's safeguarding policy, and I am the quickest way to get a worry about a pupil to the Designated Safeguarding Lead.",
        dsl
          ? 'You are a DSL, so you also see and triage every concern of the school.'
          : 'Concerns you log go straight to the DSL; you can always see the ones you reported.',
        '',
        ...lines,
        '',
        'In a lesson chat, mention me and I will answer you privately here.',
      ].join('\n'),
    );
  },
};

/** Every command by name. */
export const COMMANDS: Record<string, ChatCommand> = {
  help,
  ...CONCERN_COMMANDS,
  ...GENERAL_COMMANDS,
  ...MEETING_COMMANDS,
  ...BOOKING_COMMANDS,
};

/** Other words people naturally type for the same thing. */
const ALIASES: Record<string, string> = {
  hi: 'help',
  hello: 'help',
  '?': 'help',
  menu: 'help',
  acknowledge: 'ack',
  note: 'action',
  report: 'concern',
};

/** Splits typed text into a command name and the rest. */
export function splitCommand(text: string): { name: string; args: string } {
  const [first = '', ...rest] = text.split(' ');
  const name = first.toLowerCase();
  return { name: ALIASES[name] ?? name, args: rest.join(' ').trim() };
}

/** Runs the command `request.turn.text` names, with authorization by audience first. */
export async function runCommand(deps: CommandDeps, request: Omit<CommandRequest, 'args'>): Promise<Reply> {
  const { name, args } = splitCommand(request.turn.text || 'help');
  if (!can(request.viewer, 'useStaffCommands')) return NOT_STAFF;
  const command = COMMANDS[name];
  if (!command) {
    const visible = Object.keys(COMMANDS).filter(
      (n) => COMMANDS[n]!.audience === 'staff' || can(request.viewer, 'useDslCommands'),
    );
    const guess = closestCommand(name, visible);
    const shown = name.slice(0, 30);
    return say(
      guess
        ? `I don't know "${shown}". Did you mean "${guess}"? Type "help" to see everything I can do.`
        : `I don't know "${shown}". Type "help" to see what I can do, or "concern" to log a worry about a pupil.`,
    );
  }
  if (command.audience === 'dsl' && !can(request.viewer, 'useDslCommands')) return say(REFUSALS.dslOnly);
  return command.run(deps, { ...request, args });
}
