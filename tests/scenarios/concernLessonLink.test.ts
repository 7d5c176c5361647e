import { strict as assert } from 'node:assert';
import { personalChatActivities, type ActivityPerson } from '../../bot/src/dev/activities.js';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { PUPIL_PICK, SUBMIT_CONCERN } from '../../bot/src/teams/cards/concernForm.js';
import { COMMANDS } from '../../bot/src/teams/messages/commandTable.js';
import { sampleSchool } from '../support/activities.js';
import { postedMessages } from '../support/connectorReads.js';
import { at, lessonDriver, useLessonHarness, type LessonHarness } from '../support/lessonHarness.js';

const school = sampleSchool();
const { teacher, assistant, dsl, pupils } = school;
/** How every person reads the lesson of the sample (Thursday 15 January 2026, 09:00 London). */
const LESSON_WORDS = '"Year 5 maths", Thu 15 Jan 09:00';

type Card = { body?: unknown[]; actions?: Array<{ type: string; verb?: string; data?: Record<string, unknown> }> };

/** The commands a text tells its reader to type: the first word of each quoted command. */
function commandsNamed(text: string): string[] {
  return [...text.matchAll(/"([a-z]+)(?: [^"]*)?"/g)].map((m) => m[1]!).filter((word) => word in COMMANDS);
}

// Issue 18: "Concerns logged from chat are 'Not linked to a lesson' even when the pupil was picked from that
// lesson; tab concerns show a raw meeting id" and "a reporter is told to add to a concern with a command only the DSL
// may use".
describe('scenarios: a concern logged from chat, with the pupil picked from the lesson', function () {
  this.timeout(60_000);
  let connector: LessonHarness['connector'];
  let service: LessonHarness['service'];
  let meetingId: string;
  let lesson: LessonHarness['lesson'];

  useLessonHarness('concern-lesson-', (h) => ({ connector, service, meetingId, lesson } = h));
  const { send } = lessonDriver(() => service);

  const chatOf = (who: ActivityPerson) =>
    postedMessages(connector).filter((m) => m.conversation === personalConversationId(who.aadObjectId));
  const chat = (who: ActivityPerson) =>
    personalChatActivities({
      tenantId: school.tenantId,
      serviceUrl: connector.url,
      conversationId: personalConversationId(who.aadObjectId),
      person: who,
    });

  async function post(activity: object): Promise<string> {
    const res = await fetch(`${service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    assert.equal(res.status, 200);
    return res.text();
  }

  /** `who` types `text`; resolves with the bot's reply in their chat. */
  async function say(who: ActivityPerson, text: string): Promise<string> {
    const before = chatOf(who).length;
    await post(chat(who).message(service.clock.now(), text));
    const replies = chatOf(who).slice(before);
    assert.equal(replies.length, 1, `one reply to "${text}"`);
    return replies[0]!.body;
  }

  it('the DSL\'s card, "concern <ref>" and the export name the lesson by title and time, and the reporter is told only what they may do', async () => {
    await send(lesson.start(at(0), { organizer: teacher }));
    for (const person of [teacher, assistant, pupils[0]!, pupils[1]!]) await send(lesson.join(person, at(0)));
    service.clock.current = at(20);

    const form = (JSON.parse(await say(teacher, 'concern')) as { attachments: Array<{ content: Card }> })
      .attachments[0]!.content;
    const submit = form.actions!.find((a) => a.verb === SUBMIT_CONCERN)!;
    assert.ok(!('meetingId' in submit.data!), 'the plain form is about no lesson until a pupil is picked from one');
    const answers = {
      category: 'disclosure',
      whatHappened: 'Said something worrying.',
      happenedDate: '2026-01-15',
      happenedTime: '09:10',
      actionsTaken: 'Listened.',
      urgency: 'routine',
    };
    const receipt = await post(
      chat(teacher).execute(service.clock.now(), SUBMIT_CONCERN, {
        ...submit.data,
        ...answers,
        [PUPIL_PICK]: pupils[0]!.name,
        pupilName: '',
      }),
    );
    const ref = /C-[A-Z0-9]{6}/.exec(receipt)?.[0];
    assert.ok(ref, 'logged');

    const stored = await service.core.concerns.get(school.tenantId, ref);
    assert.deepEqual(stored?.details.lesson, { meetingId, title: 'Year 5 maths', startedAt: at(0) });

    const alert = chatOf(dsl).find((m) => m.text.includes(ref))!;
    assert.equal(alert.text, `New safeguarding concern ${ref} from a lesson`, 'the preview stays content-light');
    assert.ok(
      alert.body.includes(JSON.stringify(LESSON_WORDS).slice(1, -1)),
      "the DSL's card names the lesson by title and time",
    );
    const record = await say(dsl, `concern ${ref}`);
    assert.ok(record.includes(JSON.stringify(LESSON_WORDS).slice(1, -1)), '"concern <ref>" too');
    const exported = (JSON.parse(await say(dsl, `export ${ref} md`)) as { text: string }).text;
    assert.ok(exported.includes(`**Lesson**\n\n> ${LESSON_WORDS}\n`), 'and the export');
    for (const text of [alert.body, record]) assert.ok(!text.includes(meetingId), 'never the raw meeting id');

    // The reporter: the receipt, the DSL's acknowledgement and the answer to trying a DSL's command
    // say how to add to the concern, naming only commands staff may use.
    await say(dsl, `ack ${ref}`);
    const update = chatOf(teacher).find((m) => /acknowledged/.test(m.text))!.body;
    const refusal = await say(teacher, `action ${ref} One more thing`);
    for (const words of [receipt, update, refusal].map((w) => w.replace(/\\"/g, '"'))) {
      assert.match(words, /to log a new one that mentions/, 'how to add to it: a new concern');
      const named = commandsNamed(words);
      assert.ok(named.includes('concern'));
      for (const command of named)
        assert.notEqual(COMMANDS[command]?.audience, 'dsl', `"${command}" is the DSL's alone`);
    }
  });

  it('a typed name (who may be anyone) links no lesson', async () => {
    await send(lesson.start(at(0), { organizer: teacher }));
    for (const person of [teacher, pupils[0]!]) await send(lesson.join(person, at(0)));
    service.clock.current = at(20);
    const form = (JSON.parse(await say(teacher, 'concern')) as { attachments: Array<{ content: Card }> })
      .attachments[0]!.content;
    const submit = form.actions!.find((a) => a.verb === SUBMIT_CONCERN)!;
    const answers = {
      category: 'other',
      whatHappened: 'Something.',
      happenedDate: '2026-01-15',
      happenedTime: '09:10',
      actionsTaken: 'None yet.',
      urgency: 'routine',
    };
    const receipt = await post(
      chat(teacher).execute(service.clock.now(), SUBMIT_CONCERN, {
        ...submit.data,
        ...answers,
        [PUPIL_PICK]: '',
        pupilName: 'Somebody Else',
      }),
    );
    const ref = /C-[A-Z0-9]{6}/.exec(receipt)![0];
    assert.equal((await service.core.concerns.get(school.tenantId, ref))?.details.lesson, undefined);
    assert.match(await say(dsl, `concern ${ref}`), /Not linked to a lesson/);
  });
});
