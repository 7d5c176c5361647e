import { strict as assert } from 'node:assert';
import { CONCERN_VERBS } from '../../../bot/src/teams/cards/concernCards.js';
import { PUPIL, useConcernWorld } from './concernChatSteps.js';
import { T0, TENANT, buttonData, cardText } from './world.js';

describe('teams/messages: concerns through the chat (CloudAdapter + fake connector + Azurite)', () => {
  const { world, logOne } = useConcernWorld();

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
});
