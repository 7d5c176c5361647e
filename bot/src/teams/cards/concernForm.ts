/**
 * The "Log a concern" form. Re-rendered with the person's answers and a message under each bad
 * field when validation fails, so nothing they typed is lost.
 */
import { CATEGORY_LABELS, CONCERN_CATEGORIES, type LessonLink } from '../../app/concerns/types.js';
import type { ConcernField } from '../../app/concerns/input.js';
import type { LessonPupils } from '../../app/concerns/recentPupils.js';
import { cardJson, execute, heading, para, type CardElement } from './adaptive.js';

/** Verb of the form's submit button (an `adaptiveCard/action` invoke). */
export const SUBMIT_CONCERN = 'concern.submit';

/** What the form shows. */
export interface ConcernFormOptions {
  /** Idempotency key of this form: the same form submitted twice is one concern. */
  clientRequestId: string;
  lesson?: LessonLink;
  /** Defaults for date and time (now, in the school's zone). */
  defaults: { date: string; time: string };
  /** What the person typed last time (after a failed validation). */
  values?: Record<string, unknown>;
  errors?: Partial<Record<ConcernField, string>>;
  timeZone: string;
  /** Pupils to pick from (a recent lesson of this member of staff); absent for the plain form. */
  pupilChoices?: LessonPupils;
}

/** Id of the pupil picker; the typed name (`pupilName`) wins when both are given. */
export const PUPIL_PICK = 'pupilPick';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function errorLine(message: string | undefined): CardElement[] {
  return message
    ? [{ type: 'TextBlock', text: message, color: 'Attention', wrap: true, size: 'Small', spacing: 'None' }]
    : [];
}

/** The pupil fields: the typed name alone, or a picker of a lesson's pupils with the typed name as the way round it. */
function pupilFields(options: ConcernFormOptions, v: Record<string, unknown>): CardElement[] {
  const typed: CardElement = {
    type: 'Input.Text',
    id: 'pupilName',
    value: str(v.pupilName) ?? '',
    placeholder: 'First name and surname',
    maxLength: 200,
  };
  const choices = options.pupilChoices;
  if (!choices) return [{ ...typed, label: 'Pupil', isRequired: true, errorMessage: "Enter the pupil's name." }];
  return [
    {
      type: 'Input.ChoiceSet',
      id: PUPIL_PICK,
      label: `Pupil in ${choices.lesson.title}`,
      style: 'compact',
      placeholder: 'Choose a pupil',
      value: str(v[PUPIL_PICK]) ?? '',
      choices: choices.pupils.map((name) => ({ title: name, value: name })),
    },
    // Not required on the card: either field will do, and the server says so if both are empty.
    { ...typed, label: "Or type the pupil's name (this wins over the list)" },
  ];
}

/** The form card JSON. */
export function concernFormCard(options: ConcernFormOptions): CardElement {
  const v = options.values ?? {};
  const e = options.errors ?? {};
  const input = (id: string, label: string, extra: CardElement = {}): CardElement => ({
    type: 'Input.Text',
    id,
    label,
    isRequired: true,
    value: str(v[id]) ?? '',
    ...extra,
  });
  const body: CardElement[] = [
    heading('Log a safeguarding concern'),
    para(
      'This goes straight to the Designated Safeguarding Lead. Write what you saw or heard in your own words; do not investigate or ask leading questions.',
      { subtle: true },
    ),
    ...(options.lesson ? [para(`About the lesson: ${options.lesson.title}`)] : []),
    ...(e.clientRequestId ? errorLine(e.clientRequestId) : []),
    ...pupilFields(options, v),
    ...errorLine(e.pupilName),
    {
      type: 'Input.ChoiceSet',
      id: 'category',
      label: 'Kind of concern',
      isRequired: true,
      errorMessage: 'Choose the kind of concern.',
      value: str(v.category) ?? '',
      choices: CONCERN_CATEGORIES.map((c) => ({ title: CATEGORY_LABELS[c], value: c })),
    },
    ...errorLine(e.category),
    input('whatHappened', 'What you saw or heard', {
      isMultiline: true,
      maxLength: 8000,
      errorMessage: 'Describe what you saw or heard.',
    }),
    ...errorLine(e.whatHappened),
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            {
              type: 'Input.Date',
              id: 'happenedDate',
              label: 'Date',
              isRequired: true,
              value: str(v.happenedDate) ?? options.defaults.date,
            },
          ],
        },
        {
          type: 'Column',
          width: 'stretch',
          items: [
            {
              type: 'Input.Time',
              id: 'happenedTime',
              label: `Time (${options.timeZone})`,
              isRequired: true,
              value: str(v.happenedTime) ?? options.defaults.time,
            },
          ],
        },
      ],
    },
    ...errorLine(e.happenedAt),
    input('actionsTaken', 'What you have done so far', {
      isMultiline: true,
      maxLength: 8000,
      placeholder: 'e.g. listened, reassured, told the class teacher; or "None yet"',
    }),
    ...errorLine(e.actionsTaken),
    {
      type: 'Input.ChoiceSet',
      id: 'urgency',
      label: 'Is a child at immediate risk?',
      style: 'expanded',
      isRequired: true,
      value: str(v.urgency) ?? 'routine',
      choices: [
        { title: 'No: routine', value: 'routine' },
        { title: 'Yes: urgent, the DSL must act now', value: 'urgent' },
      ],
    },
    ...errorLine(e.urgency),
    para('If a child is in immediate danger, call 999 first, then log it here.', { subtle: true }),
  ];
  const data = {
    clientRequestId: options.clientRequestId,
    ...(options.lesson ? { meetingId: options.lesson.meetingId, meetingTitle: options.lesson.title } : {}),
    // Which lesson the picker came from, so a re-rendered form offers the same pupils.
    ...(options.pupilChoices ? { pupilsFrom: options.pupilChoices.lesson.meetingId } : {}),
  };
  return cardJson(body, [execute('Send to the DSL', SUBMIT_CONCERN, data, 'positive')]);
}
