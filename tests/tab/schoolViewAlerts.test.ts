import assert from 'node:assert/strict';
import type { SchoolNowView } from '../../bot/src/app/schoolView/schoolViewModel.js';
import { lessonKey } from '../support/tabServer.js';
import { DSL, DSL2, NEXT_POLL, NO_STAFF, useSchoolNow, WAIT } from './schoolNow.js';

describe('tab/school view: the whole school now, for the safeguarding team', function () {
  this.timeout(120_000);
  const { app, openSchool, watchAlert } = useSchoolNow();

  it('names who took an alert first when someone else is faster ("Mrs Fletcher is dealing with it")', async () => {
    const { page, tab } = await openSchool(DSL2);
    const alert = tab.getByTestId('school-alert').filter({ hasText: `Year 3 art: ${NO_STAFF}` });
    await alert.waitFor(WAIT);
    // Mrs Fletcher takes it from her card meanwhile, before Mr Osei's view asks again.
    const token = await app.token(DSL);
    const now = (await (
      await fetch(`${app.base}/api/school/now`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as SchoolNowView;
    const open = now.alerts.find((a) => a.meetingId === 'school-alone-2' && a.message.startsWith(NO_STAFF));
    assert.ok(open, 'the alert is open');
    const taken = await fetch(`${app.base}/api/school/alerts/acknowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ meetingId: open.meetingId, findingKey: open.findingKey, raisedAt: open.raisedAt }),
    });
    assert.equal(taken.status, 200);
    const seen = await watchAlert(tab, `Year 3 art: ${NO_STAFF}`);
    await alert.getByRole('button', { name: "I'm dealing with it" }).click();
    await alert.waitFor({ state: 'detached', ...NEXT_POLL });
    assert.deepEqual(await seen(), ['Mrs Fletcher is dealing with it (since 10:12).', 'busy']);
    await page.close();
  });

  it('takes an open alert with "I\'m dealing with it", and the alert leaves the list', async () => {
    const { page, tab } = await openSchool(DSL);
    const alerts = tab.getByTestId('school-alert');
    const alert = alerts.filter({ hasText: `Year 5 maths: ${NO_STAFF}` });
    await alert.waitFor(WAIT);
    assert.match(await alert.innerText(), /Raised at 10:12, just now\. Not delivered to the DSL yet/);
    const seen = await watchAlert(tab, `Year 5 maths: ${NO_STAFF}`);
    await alert.getByRole('button', { name: "I'm dealing with it" }).click();
    await alert.waitFor({ state: 'detached', ...NEXT_POLL });
    assert.deepEqual(await seen(), ['You are dealing with it (since 10:12).', 'busy']);
    // The lesson's other alert (the last adult left without ending the meeting) is still nobody's.
    await alerts.filter({ hasText: 'Year 5 maths: The last member of staff left' }).waitFor(WAIT);
    const stored = await app.meetings.load(lessonKey('school-alone'));
    const acks = Object.values(stored?.state.acknowledgements ?? {});
    assert.deepEqual(
      acks.map((a) => a.by),
      [DSL.id],
      'the service recorded who took it',
    );
    await page.close();
  });
});
