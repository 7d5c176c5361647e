import { strict as assert } from 'node:assert';
import { SUBMIT_CONCERN } from '../../../bot/src/teams/cards/concernForm.js';
import { standIn } from '../../support/suiteResource.js';
import { buttonData, cardText, startWorld, type World } from './world.js';

/** The pupil a concern is about (a made-up name the logs must never hold). */
export const PUPIL = 'Zebedee Quill';
/** What the teacher saw or heard (text the logs and previews must never hold). */
export const SECRET = 'He said SECRET-TEXT-41 about home';

/** What a teacher fills in on the form (10:00 BST = 09:00 UTC, half an hour before T0 + 30 min). */
export const answers = (overrides: Record<string, unknown> = {}) => ({
  pupilName: PUPIL,
  category: 'disclosure',
  whatHappened: SECRET,
  happenedDate: '2026-06-15',
  happenedTime: '09:45',
  actionsTaken: 'Listened; told him I would pass it on.',
  urgency: 'urgent',
  ...overrides,
});

/** A fresh world for each test of the enclosing `describe`, and the steps of logging a concern in it. */
export function useConcernWorld() {
  let current: World | undefined;
  beforeEach(async () => {
    current = await startWorld();
  });
  afterEach(() => current?.stop());
  const world = standIn(() => current);

  /** Opens the form as `who` and returns its submit data (clientRequestId, lesson). */
  async function openForm(who: 'teacher' | 'otherTeacher' = 'teacher', value?: Record<string, unknown>) {
    await world.say(who, value ? '' : 'concern', value ? { value } : {});
    const card = world.inbox(who).at(-1)?.attachments?.[0]?.content;
    return buttonData(card, SUBMIT_CONCERN);
  }

  async function logOne(who: 'teacher' | 'otherTeacher' = 'teacher') {
    const form = await openForm(who);
    const response = await world.press(who, SUBMIT_CONCERN, { ...form, ...answers() });
    const ref = /C-[A-Z0-9]{6}/.exec(cardText(response.value))?.[0];
    assert.ok(ref, 'receipt shows a reference');
    return { ref, response };
  }

  return { world, openForm, logOne };
}
