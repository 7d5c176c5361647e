import { strict as assert } from 'node:assert';
import { SUBMIT_CONCERN } from '../../../bot/src/teams/cards/concernForm.js';
import { answers, PUPIL, useConcernWorld } from './concernChatSteps.js';
import { PEOPLE, TENANT, cardText } from './world.js';

describe('teams/messages: concerns through the chat (CloudAdapter + fake connector + Azurite)', () => {
  const { world, openForm, logOne } = useConcernWorld();

  it('logs a concern from the form: stored, receipt replaces the form, every DSL alerted with a content-light preview', async () => {
    const { ref, response } = await logOne();
    assert.equal(response.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(response.value), /logged/);
    assert.doesNotMatch(
      cardText(response.value),
      new RegExp(SUBMIT_CONCERN.replace('.', '\\.')),
      'the receipt has no submit button',
    );

    const stored = await world.store.get(TENANT, ref);
    assert.equal(stored?.details.pupilName, PUPIL);
    assert.equal(stored?.details.happenedAt, Date.UTC(2026, 5, 15, 8, 45), '09:45 in London in June is 08:45 UTC');
    assert.equal(stored?.reporter.aadObjectId, PEOPLE.teacher.aad);

    for (const dsl of ['dsl1', 'dsl2'] as const) {
      const [alert] = world.inbox(dsl);
      assert.ok(alert, `${dsl} was alerted`);
      assert.equal(alert.text, `New safeguarding concern ${ref} (urgent) from chat`);
      assert.equal(alert.summary, alert.text);
      assert.ok(
        !alert.text?.includes(PUPIL) && !alert.text?.includes('SECRET'),
        'preview carries no pupil name or concern text',
      );
      assert.match(cardText(alert.attachments?.[0]?.content), /Zebedee Quill/, 'details are inside the card body');
    }
  });

  it('re-renders the form with a message for each missing or bad field, keeping what was typed', async () => {
    const form = await openForm();
    const response = await world.press('teacher', SUBMIT_CONCERN, {
      ...form,
      ...answers({ pupilName: '  ', happenedDate: '2026-02-30', category: 'gossip' }),
    });
    const text = cardText(response.value);
    assert.match(text, /Enter the pupil's name/);
    assert.match(text, /Enter the date and time it happened/);
    assert.match(text, /Choose the kind of concern/);
    assert.match(text, /SECRET-TEXT-41/, 'the description typed is still there');
    assert.equal((await world.store.list(TENANT, { status: 'all' })).concerns.length, 0);
    assert.equal(world.inbox('dsl1').length, 0);
  });

  it('rejects a time in the future', async () => {
    const form = await openForm();
    const response = await world.press('teacher', SUBMIT_CONCERN, { ...form, ...answers({ happenedTime: '23:00' }) });
    assert.match(cardText(response.value), /in the future/);
  });

  it('treats a second submit of the same card as the same concern (same clientRequestId)', async () => {
    const form = await openForm();
    const first = await world.press('teacher', SUBMIT_CONCERN, { ...form, ...answers() });
    const second = await world.press('teacher', SUBMIT_CONCERN, { ...form, ...answers() });
    const ref = /C-[A-Z0-9]{6}/.exec(cardText(first.value))?.[0];
    assert.match(cardText(second.value), /already sent/);
    assert.ok(cardText(second.value).includes(ref!));
    assert.equal((await world.store.list(TENANT, { status: 'all' })).concerns.length, 1);
    assert.equal(world.inbox('dsl1').length, 1, 'the DSL is not alerted twice');
  });

  it('links a concern raised from an alert card to its lesson', async () => {
    const form = await openForm('teacher', {
      command: 'concern',
      meetingId: 'meeting-42',
      meetingTitle: 'Year 5 maths',
    });
    assert.equal(form.meetingId, 'meeting-42');
    const response = await world.press('teacher', SUBMIT_CONCERN, { ...form, ...answers({ urgency: 'routine' }) });
    const ref = /C-[A-Z0-9]{6}/.exec(cardText(response.value))?.[0] ?? '';
    const stored = await world.store.get(TENANT, ref);
    assert.deepEqual(stored?.details.lesson, { meetingId: 'meeting-42', title: 'Year 5 maths' });
    assert.equal(
      world.inbox('dsl1')[0]?.text,
      `New safeguarding concern ${ref} from a lesson`,
      'the lock-screen preview never names the lesson',
    );
    assert.ok(cardText(world.inbox('dsl1')[0]).includes(JSON.stringify('"Year 5 maths"')), 'the card does');
    assert.doesNotMatch(JSON.stringify(world.inbox('dsl1')[0]), /meeting-42/, 'never the raw meeting id');
  });
});
