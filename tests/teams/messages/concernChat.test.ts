import { strict as assert } from 'node:assert';
import { SUBMIT_CONCERN } from '../../../bot/src/teams/cards/concernForm.js';
import { CONCERN_VERBS } from '../../../bot/src/teams/cards/concernCards.js';
import { PEOPLE, T0, TENANT, buttonData, cardText, startWorld, type World } from './world.js';

const PUPIL = 'Zebedee Quill';
const SECRET = 'He said SECRET-TEXT-41 about home';

/** What a teacher fills in on the form (10:00 BST = 09:00 UTC, half an hour before T0 + 30 min). */
const answers = (overrides: Record<string, unknown> = {}) => ({
  pupilName: PUPIL,
  category: 'disclosure',
  whatHappened: SECRET,
  happenedDate: '2026-06-15',
  happenedTime: '09:45',
  actionsTaken: 'Listened; told him I would pass it on.',
  urgency: 'urgent',
  ...overrides,
});

describe('teams/messages: concerns through the chat (CloudAdapter + fake connector + Azurite)', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.stop());

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

  it("does not let staff who are not DSL list or read another reporter's concern, or triage", async () => {
    const { ref } = await logOne('teacher');
    await world.say('otherTeacher', 'concerns');
    await world.say('otherTeacher', `concern ${ref}`);
    await world.say('otherTeacher', `ack ${ref}`);
    await world.say('teacher', `close ${ref} done`);
    const [list, read, ack] = world.inbox('otherTeacher');
    assert.match(cardText(list), /You have not reported any concerns/);
    assert.doesNotMatch(cardText(list), new RegExp(ref));
    assert.match(read?.text ?? '', /can't find a concern/);
    assert.ok(!JSON.stringify(read).includes(PUPIL));
    assert.match(ack?.text ?? '', /Only the Designated Safeguarding Lead/);
    assert.match(world.inbox('teacher').at(-1)?.text ?? '', /Only the Designated Safeguarding Lead/);
    await world.say('teacher', 'concerns');
    assert.ok(cardText(world.inbox('teacher').at(-1)).includes(ref), 'the reporter sees their own');
  });

  it('lets a DSL acknowledge, set a level, add an action, close and export; the export matches the chronology in London time', async () => {
    const { ref } = await logOne();
    world.clock.now = T0 + 5 * 60_000;
    await world.say('dsl1', `ack ${ref}`);
    world.clock.now = T0 + 10 * 60_000;
    await world.say('dsl1', `level ${ref} child protection`);
    await world.say('dsl1', `level ${ref} purple`);
    world.clock.now = T0 + 15 * 60_000;
    await world.say('dsl1', `action ${ref} =HYPERLINK("http://x") referral made`);
    world.clock.now = T0 + 20 * 60_000;
    await world.say('dsl1', `close ${ref} Referred to children's social care`);
    await world.say('dsl1', `action ${ref} too late`);
    await world.say('dsl1', `export ${ref} csv`);
    await world.say('dsl1', `export ${ref} md`);

    const texts = world.inbox('dsl1').map((a) => a.text ?? '');
    assert.match(texts[1]!, /Acknowledged/);
    assert.match(texts[2]!, /now at level "child-protection"/);
    assert.match(texts[3]!, /not one of your school's levels.*low-level, concern, child-protection/);
    assert.match(texts[6]!, /already closed/);

    const reporterNews = world.inbox('teacher').map((a) => a.text ?? '');
    assert.ok(reporterNews.includes(`Concern ${ref} acknowledged`), 'the reporter sees the acknowledgement');
    assert.ok(reporterNews.includes(`Concern ${ref} closed`));
    assert.ok(!JSON.stringify(world.inbox('teacher').slice(-2)).includes('SECRET'), 'updates carry no content');

    const csvReply = world.inbox('dsl1').at(-2)!;
    const attachment = csvReply.attachments?.[0];
    assert.equal(attachment?.name, `${ref}.csv`);
    const csv = Buffer.from(attachment!.contentUrl!.split(',')[1]!, 'base64').toString('utf8');
    const rows = csv.trim().split('\r\n');
    assert.equal(
      rows[0],
      '"Reference","Entry","Date and time (Europe/London)","Recorded by","Entry type","Field","Value"',
    );
    assert.ok(
      rows.some((r) =>
        r.includes(
          '"1","2026-06-15 10:00 BST","Ms Teacher","Concern raised","What was seen or heard","He said SECRET-TEXT-41 about home"',
        ),
      ),
    );
    assert.ok(rows.some((r) => r.includes('"When it happened","2026-06-15 09:45 BST"')));
    assert.ok(rows.some((r) => r.includes('"2","2026-06-15 10:05 BST","Mrs Lead","Acknowledged by DSL"')));
    assert.ok(
      rows.some((r) => r.includes('"3","2026-06-15 10:10 BST","Mrs Lead","Level set","Level","child-protection"')),
    );
    assert.ok(
      rows.some((r) =>
        r.includes(`"4","2026-06-15 10:15 BST","Mrs Lead","Action or note added","Action or note","'=HYPERLINK`),
      ),
      'formula neutralised',
    );
    assert.ok(
      rows.some((r) =>
        r.includes('"5","2026-06-15 10:20 BST","Mrs Lead","Closed","Outcome","Referred to children\'s social care"'),
      ),
    );
    assert.equal(rows.filter((r) => r.startsWith(`"${ref}","6"`)).length, 0, 'the refused note is not in the record');

    const md = world.inbox('dsl1').at(-1)!.text ?? '';
    assert.match(md, new RegExp(`# Safeguarding concern ${ref}`));
    assert.match(md, /### 5\. Closed: 2026-06-15 10:20 BST, Mrs Lead/);
    assert.match(md, /- Status: Closed/);
  });

  it('acknowledges from the alert card button and shows the record', async () => {
    const { ref } = await logOne();
    const alertCard = world.inbox('dsl2')[0]?.attachments?.[0]?.content;
    const response = await world.press(
      'dsl2',
      CONCERN_VERBS.acknowledge,
      buttonData(alertCard, CONCERN_VERBS.acknowledge),
    );
    assert.match(cardText(response.value), /Mr Deputy/);
    const stored = await world.store.get(TENANT, ref);
    assert.deepEqual(
      stored?.entries.map((e) => e.kind),
      ['raised', 'acknowledged'],
    );
  });

  it('answers privately when asked in a lesson chat, leaves no trace there, and answers pupils nowhere', async () => {
    const chat = '19:meeting_lesson@thread.v2';
    await world.say('teacher', 'concern', { chat });
    await world.say('pupil', 'concerns', { chat });
    assert.equal(
      world.connector.requestsTo(`/v3/conversations/${chat}`).length,
      0,
      'nothing posted in the lesson chat, not even a pointer',
    );
    assert.ok(world.inbox('teacher').at(-1)?.attachments?.length, 'the form went to the 1:1 chat');
    assert.equal(world.inbox('pupil').length, 0);
  });

  it('treats OData-looking input as harmless text', async () => {
    const { ref } = await logOne();
    for (const sneaky of [
      "concern x' or PartitionKey ne '",
      `concern ${ref}' or '1' eq '1`,
      'concerns 1 or true',
      "ack ' or RowKey gt '",
    ])
      await world.say('otherTeacher', sneaky);
    const replies = world.inbox('otherTeacher');
    assert.equal(replies.length, 4);
    assert.ok(
      replies.every((r) => !JSON.stringify(r).includes(PUPIL)),
      'nothing leaked',
    );
  });

  it('keeps pupil names and concern text out of the logs', async () => {
    const { ref } = await logOne();
    await world.say('dsl1', `action ${ref} Spoke to ${PUPIL}'s mother`);
    await world.say('teacher', `${PUPIL} is upset`);
    const logs = world.log.text();
    assert.ok(logs.length > 0, 'something was logged');
    assert.ok(!logs.includes('Zebedee') && !logs.includes('SECRET') && !logs.includes('mother'));
  });
});
