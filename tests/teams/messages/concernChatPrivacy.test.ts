import { strict as assert } from 'node:assert';
import { PUPIL, useConcernWorld } from './concernChatSteps.js';

describe('teams/messages: concerns through the chat (CloudAdapter + fake connector + Azurite)', () => {
  const { world, logOne } = useConcernWorld();

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
