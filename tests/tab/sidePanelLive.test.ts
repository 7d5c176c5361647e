import assert from 'node:assert/strict';
import { lessonKey, PEOPLE } from '../support/tabServer.js';
import { screenshotPath } from '../support/screenshots.js';
import { clock, join, leave, MEETING, useSidePanelLesson, WAIT } from './sidePanelLesson.js';

describe('tab/side panel in a simulated Teams host', function () {
  this.timeout(60_000);
  const { app, openPanel } = useSidePanelLesson();

  it('renders the side panel for a teacher inside the host: timer, staff and pupils', async () => {
    const { page, tab } = await openPanel(PEOPLE.teacherA);
    await tab.getByText('Year 5 maths').waitFor(WAIT);
    await tab.getByTestId('staff-count').getByText('Staff 2 of 2').waitFor(WAIT);
    await tab.getByTestId('pupil-count').getByText('Pupils 1').waitFor(WAIT);
    await tab.getByText(/elapsed/).waitFor(WAIT);
    await tab.getByRole('group', { name: 'Register for Pupil One' }).waitFor(WAIT);
    await page.locator('aside').screenshot({ path: screenshotPath('side-panel') });
    await page.close();
  });

  it('updates the panel when pupils join and leave', async () => {
    const { page, tab } = await openPanel(PEOPLE.teacherA);
    await tab.getByTestId('pupil-count').getByText('Pupils 1').waitFor(WAIT);
    await app.applyEvent(lessonKey(MEETING), join(PEOPLE.pupil2, clock.now()));
    await tab.getByTestId('pupil-count').getByText('Pupils 2').waitFor(WAIT);
    await tab
      .getByTestId('timeline')
      .getByText(/Pupil Two \(pupil\) joined/)
      .waitFor(WAIT);
    await app.applyEvent(lessonKey(MEETING), leave(PEOPLE.pupil2, clock.now() + 1));
    await tab.getByTestId('pupil-count').getByText('Pupils 1').waitFor(WAIT);
    await tab
      .getByTestId('timeline')
      .getByText(/Pupil Two \(pupil\) left/)
      .waitFor(WAIT);
    await page.close();
  });

  it('shows a checklist tick by one teacher to the other', async () => {
    const adams = await openPanel(PEOPLE.teacherA);
    const brown = await openPanel(PEOPLE.teacherB);
    await adams.tab.getByRole('checkbox', { name: 'Expectations read out to pupils' }).click(WAIT);
    await brown.tab.getByText('Ticked by Ms Adams', { exact: false }).waitFor(WAIT);
    assert.equal(await brown.tab.getByRole('checkbox', { name: 'Expectations read out to pupils' }).isChecked(), true);
    await brown.tab
      .getByRole('toolbar', { name: 'Parent/carer in the room for Pupil One' })
      .getByRole('radio', { name: 'Yes' })
      .click();
    await adams.tab
      .getByRole('toolbar', { name: 'Parent/carer in the room for Pupil One' })
      .getByRole('radio', { name: 'Yes', checked: true })
      .waitFor(WAIT);
    await adams.page.close();
    await brown.page.close();
  });

  it('follows the Teams theme, including a change while open', async () => {
    const { page, tab } = await openPanel(PEOPLE.teacherA, { theme: 'dark' });
    await tab.locator('[data-theme="dark"]').waitFor(WAIT);
    await tab.getByText('Year 5 maths').waitFor(WAIT);
    await page.locator('aside').screenshot({ path: screenshotPath('side-panel-dark') });
    await page.getByRole('button', { name: 'High contrast' }).click();
    await tab.locator('[data-theme="contrast"]').waitFor(WAIT);
    await page.close();
  });

  it('reports a breach after a confirmation and then says to end the meeting for everyone', async () => {
    const { page, tab } = await openPanel(PEOPLE.teacherB);
    await tab.getByRole('button', { name: 'Report a breach' }).click(WAIT);
    await tab.getByRole('dialog').getByRole('button', { name: 'Report breach' }).click(WAIT);
    // No DSL is set up in this school: the panel never claims one was told.
    await tab
      .getByText('Breach reported. Chaperone has no DSL to send it to: tell your DSL in person or by phone now.')
      .waitFor(WAIT);
    await tab
      .getByRole('alert')
      .getByText(/"End meeting"/)
      .waitFor(WAIT);
    const events = await app.meetings.listEvents(lessonKey(MEETING));
    assert.equal(events.filter((e) => e.kind === 'breachReported' && e.by === PEOPLE.teacherB.id).length, 1);

    // Someone presses "I'm dealing with it": the receipt and the alert say who, and when (10:13 in London).
    const breach = Object.values((await app.meetings.load(lessonKey(MEETING)))!.alerts).find(
      (t) => t.finding.ruleId === 'breach',
    );
    assert.ok(breach?.raisedAt !== undefined, 'the breach is raised');
    const at = Date.parse('2026-03-10T10:13:00Z');
    const { key: findingKey } = breach.finding;
    await app.applyEvent(lessonKey(MEETING), {
      kind: 'alertAcknowledged',
      id: 'b-ack',
      at,
      findingKey,
      raisedAt: breach.raisedAt,
      by: 'dsl-1',
      byName: 'Mrs Fletcher',
    });
    await tab
      .getByTestId('breach-receipt')
      .getByText('Breach reported. Mrs Fletcher is dealing with it, 10:13.')
      .waitFor(WAIT);
    await tab
      .getByRole('region', { name: 'Policy alerts' })
      .getByText(/Mrs Fletcher is dealing with it, 10:13\./)
      .waitFor(WAIT);
    await page.close();
  });
});
