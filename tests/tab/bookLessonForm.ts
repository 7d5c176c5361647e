/** What the "Book a lesson" browser tests type, pick and read in the form. */
import type { Frame, Page } from 'playwright-core';
import type { PickablePerson } from '../../bot/src/dev/teamsHost/pickablePeople.js';
import { PEOPLE } from '../support/tabServer.js';

/** How long to wait for the tab to show something. */
export const WAIT = { timeout: 15_000 };

/** The second adult as Teams' people picker gives them. */
export const SECOND_ADULT: PickablePerson = {
  objectId: PEOPLE.teacherB.id,
  displayName: PEOPLE.teacherB.name,
  email: 'b.brown@school.example',
};
/** A pupil: Teams' picker offers anyone in the school, and the server refuses a pupil as the second adult. */
export const PUPIL_IN_PICKER: PickablePerson = {
  objectId: PEOPLE.pupil1.id,
  displayName: PEOPLE.pupil1.name,
  email: 'pupil.one@pupils.example',
};

/** The "Book a lesson" form's typed fields. */
export interface Typed {
  title?: string;
  pupils?: string;
  day?: string;
  time?: string;
  minutes?: string;
  overrideReason?: string;
}

/** A lesson that keeps every rule: Wednesday 10:00 (48.5 hours ahead), 20 minutes, two pupils. */
export const GOOD: Required<Omit<Typed, 'overrideReason'>> = {
  title: 'Year 5 maths',
  pupils: 'pupil.one@pupils.example\npupil.two@pupils.example',
  day: '2024-03-06',
  time: '10:00',
  minutes: '20',
};

const LABELS: Record<keyof Typed, string> = {
  title: 'Title',
  pupils: "Pupils' email addresses",
  day: 'Day',
  time: 'Start time',
  minutes: 'Length in minutes',
  overrideReason: 'Override the notice rule',
};

/** Types `typed` into the form's fields. */
export async function fill(tab: Frame, typed: Typed): Promise<void> {
  for (const [field, value] of Object.entries(typed) as Array<[keyof Typed, string]>)
    await tab.getByLabel(LABELS[field], { exact: false }).first().fill(value);
}

/** The text of the Fluent field labelled `label` (its hint and validation message included). */
export function fieldText(tab: Frame, label: string): Promise<string> {
  return tab
    .locator('.fui-Field')
    .filter({ has: tab.getByLabel(label, { exact: false }) })
    .first()
    .innerText();
}

/** Chooses `person` as the second adult in Teams' people picker (the host's dialog, outside the tab). */
export async function chooseInTeams(opened: { page: Page; tab: Frame }, person: PickablePerson): Promise<void> {
  await opened.tab.getByRole('button', { name: /^Choose (in Teams|someone else)$/ }).click();
  await opened.page
    .getByRole('dialog')
    .getByRole('button', { name: new RegExp(person.displayName) })
    .click();
  // Teams answers the tab by message; the form shows the person once it has read the answer.
  await opened.tab.waitForFunction(
    (name) => [...document.querySelectorAll('input')].some((input) => input.value.startsWith(`${name} (`)),
    person.displayName,
    WAIT,
  );
}
