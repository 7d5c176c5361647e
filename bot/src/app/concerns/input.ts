import { z } from 'zod';
import { CONCERN_CATEGORIES, URGENCIES, type ConcernDetails } from './types.js';

/** Longest free text kept in one field; a table property holds 32K characters. */
export const MAX_TEXT = 8000;

const text = (missing: string, max = MAX_TEXT) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(
      max,
      `Please keep this under ${max} characters; put the rest in a second concern that mentions this one, or tell the DSL.`,
    );

/**
 * What a member of staff submits to log a concern. Every field has its own message, written
 * for the person filling in the form, so the card can show it next to the field.
 */
export const concernInputSchema = z.object({
  pupilName: text("Enter the pupil's name (first name and surname if you know it).", 200),
  category: z.enum(CONCERN_CATEGORIES, { error: 'Choose the kind of concern; pick "Something else" if none fits.' }),
  whatHappened: text('Describe what you saw or heard, in your own words.'),
  happenedAt: z.number({ error: 'Enter the date and time it happened.' }).int('Enter the date and time it happened.'),
  meetingId: z.string().trim().max(500).optional(),
  meetingTitle: z.string().trim().max(300).optional(),
  actionsTaken: text('Say what you have done so far; write "None yet" if nothing.'),
  urgency: z.enum(URGENCIES, { error: 'Say whether a child may be at immediate risk (urgent) or not (routine).' }),
  clientRequestId: z
    .string({ error: 'This form is out of date; type "concern" to get a new one.' })
    .trim()
    .min(8, 'This form is out of date; type "concern" to get a new one.')
    .max(100),
});

/** The raw shape accepted by {@link concernInputSchema}. */
export type ConcernInput = z.input<typeof concernInputSchema>;
/** A field of the form that can carry a message. */
export type ConcernField = keyof ConcernInput;

/** A validated concern: the details to store plus the idempotency key of the form that sent them. */
export interface ValidConcern {
  details: ConcernDetails;
  clientRequestId: string;
}

/** Validation result: the concern, or one message per bad field. */
export type ParsedConcern =
  { ok: true; value: ValidConcern } | { ok: false; errors: Partial<Record<ConcernField, string>> };

/** Allowance for clocks that disagree a little between a laptop and the server. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Validates submitted form data; `now` rejects a time in the future. */
export function parseConcernInput(raw: unknown, now: number): ParsedConcern {
  const result = concernInputSchema.safeParse(raw);
  const errors: Partial<Record<ConcernField, string>> = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0] as ConcernField | undefined;
      if (field && !errors[field]) errors[field] = issue.message;
    }
    if (typeof raw !== 'object' || raw === null)
      errors.pupilName ??= 'The form arrived empty; type "concern" to get a new one.';
    return { ok: false, errors };
  }
  const input = result.data;
  if (input.happenedAt > now + CLOCK_SKEW_MS)
    return { ok: false, errors: { happenedAt: 'That time is in the future; enter when it actually happened.' } };
  const lesson = input.meetingId ? { meetingId: input.meetingId, title: input.meetingTitle || 'a lesson' } : undefined;
  const details: ConcernDetails = {
    pupilName: input.pupilName,
    category: input.category,
    whatHappened: input.whatHappened,
    happenedAt: input.happenedAt,
    actionsTaken: input.actionsTaken,
    urgency: input.urgency,
    ...(lesson ? { lesson } : {}),
  };
  return { ok: true, value: { details, clientRequestId: input.clientRequestId } };
}
