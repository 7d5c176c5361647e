/** The concern commands: log, list, show, and the DSL's triage and export. */
import { can } from '../../app/permissions.js';
import { acknowledgeConcern } from '../../app/concerns/acknowledgeConcern.js';
import { addConcernAction } from '../../app/concerns/addConcernAction.js';
import { closeConcern } from '../../app/concerns/closeConcern.js';
import { EXPORT_FORMATS, exportConcern, type ExportFormat } from '../../app/concerns/exportConcern.js';
import { listConcerns } from '../../app/concerns/listConcerns.js';
import { setConcernLevel } from '../../app/concerns/setConcernLevel.js';
import { showConcern } from '../../app/concerns/showConcern.js';
import { concernDetailCard, concernListCard } from '../cards/concernViews.js';
import { answer, say, showCard, type ChatCommand, type CommandRequest } from './commandTypes.js';
import { openConcernForm } from './concernFormFlow.js';
import { fileReply } from './fileReply.js';

/** Splits "C-7K3F9Q rest of the words" into the reference and the rest. */
function refAndRest(args: string): [string, string] {
  const space = args.indexOf(' ');
  return space < 0 ? [args, ''] : [args.slice(0, space), args.slice(space + 1).trim()];
}

const needRef = (request: CommandRequest, example: string) =>
  request.args ? undefined : say(`Add the concern's reference, e.g. "${example}".`);

/** `concern` (the form) and `concern <ref>` (one concern's chronology). */
const concern: ChatCommand = {
  usage: 'concern [reference]',
  summary: 'log a safeguarding concern (a short form), or see one by its reference',
  audience: 'staff',
  async run(deps, request) {
    if (!can(request.viewer, 'log'))
      return say(
        'Only school staff can log concerns here. If you are worried about a child, tell a member of staff you trust.',
      );
    if (!request.args) return showCard(await openConcernForm(deps, request), 'Log a safeguarding concern');
    const found = await showConcern(deps, request.viewer, request.args);
    return answer(found, (c) =>
      showCard(
        concernDetailCard(c, request.policy.school.timeZone, can(request.viewer, 'triage', c)),
        `Concern ${c.ref}`,
      ),
    );
  },
};

/** `concerns [page]`: the DSL's open concerns, or the staff member's own. */
const concerns: ChatCommand = {
  usage: 'concerns',
  summary: 'list concerns: the open ones for a DSL, your own for everyone else',
  audience: 'staff',
  async run(deps, request) {
    const cursor = /^\d+$/.test(request.args) ? request.args : undefined;
    const page = await listConcerns(deps, request.viewer, cursor ? { cursor } : {});
    return answer(page, (p) =>
      showCard(
        concernListCard(p.concerns, {
          title:
            p.scope === 'tenant' ? 'Open safeguarding concerns, newest first' : 'Concerns you reported, newest first',
          timeZone: request.policy.school.timeZone,
          empty: p.scope === 'tenant' ? 'There are no open concerns.' : 'You have not reported any concerns.',
          ...(p.next ? { next: p.next } : {}),
        }),
        p.scope === 'tenant' ? 'Open concerns' : 'Your concerns',
      ),
    );
  },
};

const ack: ChatCommand = {
  usage: 'ack <reference>',
  summary: 'acknowledge a concern (the reporter is told you have read it)',
  audience: 'dsl',
  async run(deps, request) {
    return (
      needRef(request, 'ack C-7K3F9Q') ??
      answer(await acknowledgeConcern(deps, request.viewer, request.args), ({ concern: c }) =>
        say(`Acknowledged ${c.ref}. ${c.reporter.name} has been told that you have read it.`),
      )
    );
  },
};

const level: ChatCommand = {
  usage: 'level <reference> <level>',
  summary: "set the level of a concern (your school's levels)",
  audience: 'dsl',
  async run(deps, request) {
    const [ref, wanted] = refAndRest(request.args);
    return (
      needRef(request, 'level C-7K3F9Q concern') ??
      answer(await setConcernLevel(deps, request.viewer, ref, wanted, request.policy), ({ concern: c, entry }) =>
        say(`${c.ref} is now at level "${entry.kind === 'levelSet' ? entry.level : ''}".`),
      )
    );
  },
};

const action: ChatCommand = {
  usage: 'action <reference> <what was done>',
  summary: "add an action or note to a concern's record (e.g. referral made)",
  audience: 'dsl',
  async run(deps, request) {
    const [ref, note] = refAndRest(request.args);
    return (
      needRef(request, 'action C-7K3F9Q Parents contacted') ??
      answer(await addConcernAction(deps, request.viewer, ref, note), ({ concern: c }) =>
        say(`Added to the record of ${c.ref}.`),
      )
    );
  },
};

const close: ChatCommand = {
  usage: 'close <reference> <outcome>',
  summary: 'close a concern with its outcome',
  audience: 'dsl',
  async run(deps, request) {
    const [ref, outcome] = refAndRest(request.args);
    return (
      needRef(request, 'close C-7K3F9Q Referred to early help') ??
      answer(await closeConcern(deps, request.viewer, ref, outcome), ({ concern: c }) =>
        say(`Closed ${c.ref}. Export it for your records with "export ${c.ref} csv".`),
      )
    );
  },
};

const exportCommand: ChatCommand = {
  usage: 'export <reference> [csv|md]',
  summary: "export a concern's whole record for CPOMS or MyConcern",
  audience: 'dsl',
  async run(deps, request) {
    const [ref, typed] = refAndRest(request.args);
    const format = (typed || 'csv').toLowerCase().replace(/^markdown$/, 'md');
    if (!(EXPORT_FORMATS as readonly string[]).includes(format))
      return say('Export as "csv" (for a spreadsheet) or "md" (Markdown text), e.g. "export C-7K3F9Q csv".');
    return (
      needRef(request, 'export C-7K3F9Q csv') ??
      answer(await exportConcern(deps, request.viewer, ref, format as ExportFormat, request.policy), (file) =>
        fileReply(
          file,
          `The record of ${file.filename.replace(/\.\w+$/, '')}, times in ${request.policy.school.timeZone}.`,
        ),
      )
    );
  },
};

/** The concern rows of the command table. */
export const CONCERN_COMMANDS = {
  concern,
  concerns,
  ack,
  level,
  action,
  close,
  export: exportCommand,
} satisfies Record<string, ChatCommand>;
