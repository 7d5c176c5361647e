import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { ApiError, type Api, type ConcernInput } from '../../tab/src/api/client.js';
import { NOTHING_SENT, sendConcern } from '../../tab/src/components/concernSubmission.js';

const INPUT = { pupilName: 'A pupil', category: 'other', whatHappened: 'Something' } as unknown as ConcernInput;
const apiWith = (logConcern: sinon.SinonStub): Api => ({ logConcern }) as unknown as Api;

describe('tab/concernSubmission: the concern form send step', () => {
  it('a concern that already has its receipt is never sent again (a second press finds the first one)', async () => {
    const logConcern = sinon.stub().resolves({ ref: 'C-1', duplicate: false });
    const api = apiWith(logConcern);
    const first = await sendConcern(api, NOTHING_SENT, INPUT);
    const second = await sendConcern(api, first, INPUT);
    assert.equal(logConcern.callCount, 1);
    assert.equal(second.receipt?.ref, 'C-1');
  });

  it("the server's field messages go next to their fields, with no sentence above the buttons", async () => {
    const refusal = new ApiError(400, 'invalid', 'Check the form.', { whatHappened: 'Say what happened.' });
    const outcome = await sendConcern(apiWith(sinon.stub().rejects(refusal)), NOTHING_SENT, INPUT);
    assert.deepEqual(outcome, { errors: { whatHappened: 'Say what happened.' }, problem: undefined });
  });

  it('a message about a field the form does not show becomes the sentence above the buttons', async () => {
    const refusal = new ApiError(400, 'invalid', 'Check the form.', { meetingId: 'Reopen the form from the lesson.' });
    const outcome = await sendConcern(apiWith(sinon.stub().rejects(refusal)), NOTHING_SENT, INPUT);
    assert.equal(outcome.problem, 'Reopen the form from the lesson.');
  });

  it('any other failure is said in its own words', async () => {
    const outcome = await sendConcern(
      apiWith(sinon.stub().rejects(new Error('Teams is offline.'))),
      NOTHING_SENT,
      INPUT,
    );
    assert.equal(outcome.problem, 'Teams is offline.');
    assert.equal(outcome.receipt, undefined);
  });
});
