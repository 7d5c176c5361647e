import { z } from 'zod';
import { parseBody } from './parseBody.js';
import { CHECKLIST_ITEMS, PUPIL_CHECK_STATES, PUPIL_CHECKS } from '../../domain/types.js';
import type { StaffAction } from '../../app/sidePanel/recordStaffAction.js';
import { HttpError } from '../errors.js';

/** What a body that cannot be read is called, and what to do then. */
const WORDS = ['request', 'refresh the side panel and try again'] as const;

// A client request id is the idempotency key: a UUID or similar, never free text.
const clientRequestId = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8-64 letters, digits or dashes (a UUID is ideal)');
const pupilId = z.string().min(1).max(256);

const checklistBody = z.strictObject({ clientRequestId, item: z.enum(CHECKLIST_ITEMS), ticked: z.boolean() });
const pupilCheckBody = z.strictObject({
  clientRequestId,
  pupilId,
  check: z.enum(PUPIL_CHECKS),
  state: z.enum(PUPIL_CHECK_STATES),
});
/**
 * Said to a panel still sending the old yes/no tick, where unticking meant "no": it must be reloaded, not guessed at.
 */
const OLD_PANEL =
  'This side panel is out of date: reload it (checks now have Yes, No and Not yet), then record the check again.';
const registerMarkBody = z.strictObject({ clientRequestId, pupilId, mark: z.enum(['present', 'absent', 'left']) });
const breachBody = z.strictObject({ clientRequestId, note: z.string().max(500).optional() });

/** A validated write from the tab: the idempotency key and the action it asks for. */
export interface StaffWrite {
  clientRequestId: string;
  action: StaffAction;
}

/** Body parsers of the four write endpoints, by the path segment that names them. */
export const WRITE_BODIES: Record<string, (body: unknown) => StaffWrite> = {
  checklist: (body) => {
    const b = parseBody(checklistBody, body, ...WORDS);
    return { clientRequestId: b.clientRequestId, action: { kind: 'checklist', item: b.item, ticked: b.ticked } };
  },
  'pupil-checks': (body) => {
    if (isObject(body) && 'value' in body && !('state' in body)) throw new HttpError(400, 'outdatedPanel', OLD_PANEL);
    const b = parseBody(pupilCheckBody, body, ...WORDS);
    return {
      clientRequestId: b.clientRequestId,
      action: { kind: 'pupilCheck', pupilId: b.pupilId, check: b.check, state: b.state },
    };
  },
  'register-marks': (body) => {
    const b = parseBody(registerMarkBody, body, ...WORDS);
    return { clientRequestId: b.clientRequestId, action: { kind: 'registerMark', pupilId: b.pupilId, mark: b.mark } };
  },
  breach: (body) => {
    const b = parseBody(breachBody, body, ...WORDS);
    return {
      clientRequestId: b.clientRequestId,
      action: b.note === undefined ? { kind: 'breach' } : { kind: 'breach', note: b.note },
    };
  },
};

function isObject(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null;
}
